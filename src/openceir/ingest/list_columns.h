// The columns of each reference list FILE (FORMATS.md "Inputs"): header names, the rule each
// field follows, and the stored column (store/list_schema.h) each one fills.
#pragma once

#include <span>
#include <string_view>

#include "openceir/csv/csv_reader.h"
#include "openceir/ingest/field_rules.h"
#include "openceir/store/list_schema.h"

namespace openceir::ingest {

struct FileColumn {
  std::string_view name;    // header name, lower case
  FieldKind kind;           // how its values are checked and normalised
  std::string_view stored;  // the schema column it fills
  bool requires_value;      // an empty value is an error (missing_value): the key columns
  // The schema column that also keeps the value as typed (trimmed, not normalised), if any: an
  // IMEI a person typed keeps its check digit there.
  std::string_view typed_copy = {};
};

struct ListFileSpec {
  char delimiter;                       // ',' for lists, '|' for the GSMA TAC database
  std::span<const FileColumn> columns;  // the required columns, any order in the file
  // GSMA TAC only: columns not in `columns` are kept in the stored `extra` column (a JSON
  // object, keys lower case, sorted) instead of being rejected as unexpected_column.
  bool keeps_extra_columns;
  // GSMA TAC files carry inch marks in model names (`Tab 10.1"`): a quote inside an unquoted
  // field is data there. The comma lists follow RFC 4180 strictly.
  csv::QuoteMode quote_mode = csv::QuoteMode::kStrict;
};

// The file layout of list `kind`.
const ListFileSpec& FileSpecOf(store::ListKind kind);

// The name of the delta-mode column saying what to do with a row.
inline constexpr std::string_view kChangeTypeColumn = "change_type";

}  // namespace openceir::ingest
