// A store dump: every table of a store (registry and observations), backend-neutral, so that a
// deployment moves from SQLite to PostgreSQL (or back) without loss (`openceir db export|import`).
//
// A dump is a folder: one `<table>.tsv` per table and `manifest.json`, written last (a folder
// without it is an unfinished dump and is refused). A table file starts with a header line of
// its column names; each following line is one row in PostgreSQL's COPY text format: fields
// separated by tabs, `\N` for NULL, backslash, tab, newline and carriage return written as `\\`,
// `\t`, `\n`, `\r`. Values are canonical whatever the backend: integers (and flags, 0 or 1) in
// decimal, reals in the shortest form that reads back to the same double, text as is, bytes as
// `\x` followed by lower-case hex (so PostgreSQL's COPY reads every file as it is). Rows are in
// primary-key order. The manifest names the format and its version, both stores' schema
// versions, and for each table its file, columns, row count and SHA-256; a reader checks each
// file against it while it streams the rows, so an importer that rolls back on error never keeps
// a changed or truncated file's rows.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::store {

// A table a dump holds and the columns its rows are ordered by (a unique key), so that every
// backend writes the same rows in the same order. Text sorts byte-wise.
struct DumpTableSpec {
  std::string_view name;
  std::span<const std::string_view> order_by;
  // The migrations seed this table (the audit chain's head row): an import replaces the seed
  // with the dump's rows instead of requiring the table empty.
  bool seeded = false;
};

// The tables a dump holds, in the order they are written and imported (a table's referenced
// rows come first). Schema-version tables are not among them (the manifest carries the
// versions), nor tables a backend derives from these. A table's columns are written in name
// order, whatever their order in a backend's table.
std::span<const DumpTableSpec> DumpTables();

struct DumpTable {
  std::string name;
  std::vector<std::string> columns;
  std::int64_t rows = 0;
  std::string sha256;  // of the whole file, header line included
};

struct DumpManifest {
  int registry_schema_version = 0;
  int observation_schema_version = 0;
  std::int64_t created_at = 0;  // unix seconds
  std::vector<DumpTable> tables;
};

// One row of a table: a field per column; nullopt is NULL.
using DumpRow = std::span<const std::optional<std::string_view>>;

// Appends `field` to `line` in COPY text form (escaped, or `\N`), after a tab unless `first`.
void AppendDumpField(std::optional<std::string_view> field, bool first, std::string* line);
// `bytes` in the canonical bytes form: `\x` and lower-case hex.
std::string DumpBytesText(std::string_view bytes);
// The bytes of a canonical bytes value; kInvalidInput when it is not `\x` and an even number
// of hex digits.
Result<std::string> ParseDumpBytes(std::string_view text);
// `value` in the canonical real form (shortest round trip).
std::string DumpRealText(double value);

// OK when the dump's columns of `dumped` are `store_columns` (the target table's, in name order);
// kInvalidInput naming both lists otherwise.
Status CheckDumpColumns(const DumpTable& dumped, const std::vector<std::string>& store_columns);

// The manifest in `text` (`source` names it in messages). Errors as StoreDumpReader::Open.
Result<DumpManifest> ParseDumpManifest(std::string_view text, const std::string& source);
// Splits one COPY text row (without its newline) into `fields`, unescaping into `storage`
// (the views point into `line` or `storage`). Returns the 1-based column of a bad escape, or 0.
std::size_t DecodeDumpLine(std::string_view line,
                           std::vector<std::optional<std::string_view>>* fields,
                           std::string* storage);

class StoreDumpWriter {
 public:
  // Starts a dump in `dir`, which must not exist or be empty (created when missing).
  static Result<std::unique_ptr<StoreDumpWriter>> Create(const std::string& dir);
  ~StoreDumpWriter();

  // Tables are written one at a time, in DumpTables() order, each between BeginTable and
  // EndTable, its rows either decoded (AddRow) or as COPY text lines already (AddRowText: a
  // backend's COPY TO output, whole lines).
  Status BeginTable(std::string_view name, std::vector<std::string> columns);
  Status AddRow(DumpRow fields);
  Status AddRowText(std::string_view lines, std::int64_t rows);
  Status EndTable();
  // Writes manifest.json (after flushing every table file to disk) and returns what it says.
  // The dump is complete.
  Result<DumpManifest> Finish(int registry_schema_version, int observation_schema_version,
                              std::int64_t created_at);

 private:
  struct State;
  explicit StoreDumpWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

class StoreDumpReader {
 public:
  // Reads `dir`/manifest.json. Errors (kInvalidInput, naming the file): no manifest (an
  // unfinished dump), another format or version, a table missing, unknown or out of order.
  static Result<std::unique_ptr<StoreDumpReader>> Open(const std::string& dir);
  ~StoreDumpReader();

  const DumpManifest& manifest() const;
  // The manifest's entry for `name`, which must be one of DumpTables() (aborts otherwise).
  const DumpTable& table(std::string_view name) const;

  // Streams the rows of `name`, decoded. Errors: the file's header differs from the manifest's
  // columns, a row has another number of fields or a bad escape (file, line, column), the file's
  // row count or SHA-256 differs from the manifest's (found at its end: an importer must apply
  // nothing until ReadTable returned OK), or what `visit` returns.
  Status ReadTable(std::string_view name, const std::function<Status(DumpRow)>& visit) const;
  // The same checks, handing over the rows as COPY text in chunks of whole lines (for a COPY
  // FROM STDIN), after checking each line's field count.
  Status ReadTableText(std::string_view name,
                       const std::function<Status(std::string_view lines)>& visit) const;

 private:
  struct State;
  explicit StoreDumpReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace openceir::store
