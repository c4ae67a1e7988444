// ListRowParser: turns the CSV records of one reference list file into stored rows.
//
// The header is mapped to the list's columns by name (case-insensitive, any order); then each
// data record is checked field by field (field_rules.h) and normalised into a row in the
// list's schema column order (store/list_schema.h). Problems go to an ErrorSink with line,
// column number, column name and rule. Not thread-safe; one parser per file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/csv/csv_reader.h"
#include "openceir/ingest/error_sink.h"
#include "openceir/ingest/list_columns.h"
#include "openceir/store/list_schema.h"

namespace openceir::ingest {

// What a delta-mode row asks for. Full-mode rows are kNone.
enum class ChangeType : std::uint8_t { kNone, kAdd, kRemove, kUpdate };

struct RowParserOptions {
  bool delta = false;             // the file has a change_type column
  bool golden_prehashed = false;  // golden list: every value is a 32-hex MD5 (see list_import.h)
};

class ListRowParser {
 public:
  ListRowParser(store::ListKind kind, RowParserOptions options);

  // Maps `header` (the file's first record) to the list's columns. Returns false when the file
  // cannot be read with it; the problems (missing_column, unexpected_column, duplicate_column)
  // are in `errors`. Call once, before ParseRow.
  bool ParseHeader(const csv::CsvRecord& header, ErrorSink* errors);

  // Parses one data record. Returns true and fills row() and change() when every field is
  // good; otherwise returns false with the problems added to `errors`. Requires a successful
  // ParseHeader.
  bool ParseRow(const csv::CsvRecord& record, ErrorSink* errors);

  // The last parsed row, in schema column order (valid until the next ParseRow).
  const store::ListRow& row() const { return row_; }
  ChangeType change() const { return change_; }
  const store::ListSchema& schema() const { return schema_; }

 private:
  struct Mapped {
    std::size_t field;       // index of the field in each record
    std::size_t spec_index;  // index into spec_.columns
    std::size_t stored;      // index into row_
    std::size_t typed;       // index into row_ of the column's typed copy; row_.size() if none
  };
  struct Extra {
    std::size_t field;
    std::string key;  // lower-case header name
  };

  FieldKind KindOf(const FileColumn& column) const;
  std::string ExtraJson(const csv::CsvRecord& record) const;
  // Why a golden value may have been refused: the file's plain/pre-hashed mode.
  std::string GoldenModeHint() const;

  const store::ListSchema& schema_;
  const ListFileSpec& spec_;
  RowParserOptions options_;
  std::vector<Mapped> mapped_;
  std::vector<Extra> extras_;
  std::vector<std::string> header_names_;  // lower case, by field index
  std::size_t field_count_ = 0;
  std::size_t change_field_ = 0;  // index of change_type (delta mode)
  // Golden list: decided by the option, or by the first non-empty value of the file.
  bool golden_decided_ = false;
  bool golden_prehashed_ = false;
  std::size_t bands_stored_ = 0, radio_caps_stored_ = 0, extra_stored_ = 0;

  store::ListRow row_;
  ChangeType change_ = ChangeType::kNone;
  std::string scratch_;
  FieldProblem problem_;
};

}  // namespace openceir::ingest
