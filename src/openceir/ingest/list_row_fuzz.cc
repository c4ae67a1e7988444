// libFuzzer target for the reference-list row parser: arbitrary bytes read as a list file
// through csv::CsvReader and ListRowParser, the way list_reader.cc reads one.
//
// The first byte chooses the file: (byte & 0x0f) % 10 = the list (store::AllListSchemas()
// order), bit 4 = delta mode, bit 5 = golden declared pre-hashed. The rest is the file.
//
// Invariants checked: no crash or sanitizer report; ParseHeader/ParseRow return true exactly
// when they add no error; every error names the file, a rule and the line of its record, and
// its text is valid UTF-8 (reports are written as JSON); a parsed row has the schema's column
// count, non-empty keys, and each stored column in its normalised form (imei_norm as
// FORMATS.md, TAC 8 digits, MD5 lower-case hex, dates YYYYMMDD, radio_caps from bands, extra a
// JSON object); the change type matches the mode and the list.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "openceir/base/date.h"
#include "openceir/csv/csv_reader.h"
#include "openceir/identifiers/imei.h"
#include "openceir/ingest/error_sink.h"
#include "openceir/ingest/field_rules.h"
#include "openceir/ingest/row_parser.h"
#include "openceir/io/memory_input_stream.h"
#include "openceir/store/list_schema.h"

namespace {

using openceir::ingest::ChangeType;

void Require(bool condition) {
  if (!condition) std::abort();
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsValidUtf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

// imei_norm of a reference list: the FORMATS.md normal form of a value matching
// [0-9A-Fa-f*#]{1,16}, i.e. 14 digits, or 1-16 characters of [0-9A-F*#] that do not start with
// 14 digits; and normalising it again changes nothing.
void RequireImeiNorm(const std::string& imei_norm) {
  Require(!imei_norm.empty() && imei_norm.size() <= 16);
  for (char c : imei_norm) {
    Require((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || c == '*' || c == '#');
  }
  if (imei_norm.size() >= 14 && AllDigits(std::string_view(imei_norm).substr(0, 14))) {
    Require(imei_norm.size() == 14);
  }
  Require(openceir::identifiers::NormalizeImei(imei_norm) == imei_norm);
}

bool IsLowerMd5(const std::string& text) {
  if (text.size() != 32) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void RequireStoredColumn(std::string_view column, const std::string& value,
                         const openceir::store::ListRow& row) {
  if (column == "imei_norm") {
    RequireImeiNorm(value);
  } else if (column == "tac") {
    Require(value.size() == 8 && AllDigits(value));
  } else if (column == "hashed_imei_norm") {
    Require(IsLowerMd5(value));
  } else if (column == "imsi" || column == "msisdn") {
    Require(!value.empty() && value.size() <= 15 && AllDigits(value));
  } else if (column == "uid") {
    Require(!value.empty() && value.size() <= 20);
  } else if (column == "reporting_date" || column == "allocation_date") {
    Require(value.empty() || openceir::ParseYyyymmdd(value).has_value());
  } else if (column == "status") {
    for (char c : value) Require(c < 'A' || c > 'Z');
  } else if (column == "radio_caps") {
    Require(value == openceir::ingest::RadioCapsFromBands(row[2]));  // gsma-tac: bands is [2]
    Require(value.empty() || value.size() % 3 == 2);
  } else if (column == "extra") {
    if (!value.empty()) {
      const nlohmann::json extra = nlohmann::json::parse(value, nullptr, false);
      Require(extra.is_object() && !extra.empty());
    }
  }
  Require(openceir::ingest::TrimAscii(value).size() == value.size() || column == "extra");
}

void RequireErrorsSince(const openceir::ingest::ErrorSink& errors, std::size_t listed_before,
                        std::int64_t line) {
  for (std::size_t i = listed_before; i < errors.listed().size(); ++i) {
    const openceir::ingest::InputError& error = errors.listed()[i];
    Require(error.file == "fuzz.csv");
    Require(!error.rule.empty() && !error.message.empty());
    Require(error.line == line);
    Require(error.column >= 0);
    Require(IsValidUtf8(error.message) && IsValidUtf8(error.column_name));
    Require(error.column_name.size() <= 64);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ingest = openceir::ingest;
  namespace store = openceir::store;
  if (size == 0) return 0;
  const std::span<const store::ListSchema> schemas = store::AllListSchemas();
  const store::ListSchema& schema = schemas[(data[0] & 0x0f) % schemas.size()];
  ingest::RowParserOptions options;
  options.delta = (data[0] & 0x10) != 0;
  options.golden_prehashed = (data[0] & 0x20) != 0;
  const std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto input = openceir::io::MemoryInputStream::View(file, "fuzz.csv");
  openceir::csv::CsvReader reader(&input, ingest::FileSpecOf(schema.kind).delimiter,
                                  ingest::FileSpecOf(schema.kind).quote_mode);
  reader.SetMaxRecordBytesForTest(4096);  // keep each run cheap; the limit is the reader's
  ingest::ErrorSink errors("fuzz.csv", 16);
  ingest::ListRowParser parser(schema.kind, options);
  Require(&parser.schema() == &schema);

  openceir::csv::CsvRecord record;
  openceir::Result<bool> got = reader.Next(&record);
  if (!got.ok() || !*got) return 0;
  std::int64_t total_before = errors.total();
  std::size_t listed_before = errors.listed().size();
  const bool header_ok = parser.ParseHeader(record, &errors);
  Require(header_ok == (errors.total() == total_before));
  RequireErrorsSince(errors, listed_before, record.line);
  if (!header_ok) return 0;

  while (true) {
    got = reader.Next(&record);
    if (!got.ok() || !*got) break;
    total_before = errors.total();
    listed_before = errors.listed().size();
    const bool row_ok = parser.ParseRow(record, &errors);
    Require(row_ok == (errors.total() == total_before));
    RequireErrorsSince(errors, listed_before, record.line);
    if (!row_ok) continue;

    const store::ListRow& row = parser.row();
    Require(row.size() == schema.columns.size());
    for (std::size_t k = 0; k < schema.key_size; ++k) Require(!row[k].empty());
    for (std::size_t i = 0; i < row.size(); ++i) {
      RequireStoredColumn(schema.columns[i], row[i], row);
    }
    const ChangeType change = parser.change();
    Require((change == ChangeType::kNone) == !options.delta);
    Require(change != ChangeType::kUpdate || schema.supports_update);
  }
  return 0;
}
