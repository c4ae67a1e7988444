// ListRowParser: header mapping and per-record field checks.
#include "openceir/ingest/row_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace openceir::ingest {
namespace {

std::size_t StoredIndex(const store::ListSchema& schema, std::string_view column) {
  for (std::size_t i = 0; i < schema.columns.size(); ++i) {
    if (schema.columns[i] == column) return i;
  }
  return schema.columns.size();  // never: list_columns_test checks every stored name exists
}

std::string LowerHeaderName(std::string_view raw, bool first) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (first && raw.substr(0, kUtf8Bom.size()) == kUtf8Bom) raw.remove_prefix(kUtf8Bom.size());
  std::string name(TrimAscii(raw));
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name;
}

int ColumnNumber(std::size_t field) { return static_cast<int>(field + 1); }

// A header name as the column_name of an error: cut to 40 bytes (on a UTF-8 boundary) so that
// a file with a huge header field cannot make huge errors.
std::string ColumnNameForError(const std::string& name) {
  constexpr std::size_t kMax = 40;
  if (name.size() <= kMax) return name;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut) + "...";
}

}  // namespace

ListRowParser::ListRowParser(store::ListKind kind, RowParserOptions options)
    : schema_(store::SchemaOf(kind)),
      spec_(FileSpecOf(kind)),
      options_(options),
      golden_decided_(options.golden_prehashed),
      golden_prehashed_(options.golden_prehashed) {
  row_.assign(schema_.columns.size(), std::string());
  if (spec_.keeps_extra_columns) {
    bands_stored_ = StoredIndex(schema_, "bands");
    radio_caps_stored_ = StoredIndex(schema_, "radio_caps");
    extra_stored_ = StoredIndex(schema_, "extra");
  }
}

FieldKind ListRowParser::KindOf(const FileColumn& column) const {
  if (column.kind == FieldKind::kGoldenImei && golden_prehashed_) return FieldKind::kGoldenHash;
  return column.kind;
}

bool ListRowParser::ParseHeader(const csv::CsvRecord& header, ErrorSink* errors) {
  const std::int64_t errors_before = errors->total();
  field_count_ = header.fields.size();
  header_names_.clear();
  mapped_.clear();
  extras_.clear();
  std::vector<bool> seen_spec(spec_.columns.size(), false);
  bool seen_change = false;
  std::map<std::string, std::size_t> first_field_of;
  for (std::size_t field = 0; field < header.fields.size(); ++field) {
    std::string name = LowerHeaderName(header.fields[field], field == 0);
    header_names_.push_back(name);
    auto [it, inserted] = first_field_of.emplace(name, field);
    if (!inserted) {
      errors->Add(header.line, ColumnNumber(field), ColumnNameForError(name), "duplicate_column",
                  fmt::format("column {} appears twice (columns {} and {})", QuoteForMessage(name),
                              it->second + 1, field + 1));
      continue;
    }
    auto spec_it = std::find_if(spec_.columns.begin(), spec_.columns.end(),
                                [&name](const FileColumn& c) { return c.name == name; });
    if (spec_it != spec_.columns.end()) {
      auto spec_index = static_cast<std::size_t>(spec_it - spec_.columns.begin());
      seen_spec[spec_index] = true;
      const std::size_t typed = spec_it->typed_copy.empty()
                                    ? schema_.columns.size()
                                    : StoredIndex(schema_, spec_it->typed_copy);
      mapped_.push_back({field, spec_index, StoredIndex(schema_, spec_it->stored), typed});
    } else if (options_.delta && name == kChangeTypeColumn) {
      seen_change = true;
      change_field_ = field;
    } else if (spec_.keeps_extra_columns && !name.empty() && name != kChangeTypeColumn) {
      extras_.push_back({field, name});
    } else {
      std::string expected;
      for (const FileColumn& c : spec_.columns) {
        expected += (expected.empty() ? "" : ", ") + std::string(c.name);
      }
      if (options_.delta) expected += ", change_type";
      std::string hint = name == kChangeTypeColumn ? " (a change_type column needs delta mode)"
                         : name.empty()            ? " (a header field with no name)"
                                                   : "";
      errors->Add(header.line, ColumnNumber(field), ColumnNameForError(name), "unexpected_column",
                  fmt::format("unexpected column {}{}; the {} list has: {}", QuoteForMessage(name),
                              hint, schema_.name, expected));
    }
  }
  for (std::size_t i = 0; i < spec_.columns.size(); ++i) {
    if (seen_spec[i]) continue;
    errors->Add(header.line, 0, std::string(spec_.columns[i].name), "missing_column",
                fmt::format("required column '{}' is missing", spec_.columns[i].name));
  }
  if (options_.delta && !seen_change) {
    errors->Add(header.line, 0, std::string(kChangeTypeColumn), "missing_column",
                "required column 'change_type' is missing (delta mode)");
  }
  std::sort(extras_.begin(), extras_.end(),
            [](const Extra& a, const Extra& b) { return a.key < b.key; });
  return errors->total() == errors_before;
}

bool ListRowParser::ParseRow(const csv::CsvRecord& record, ErrorSink* errors) {
  if (record.fields.size() != field_count_) {
    errors->Add(
        record.line, 0, "", "wrong_field_count",
        fmt::format("{} fields where the header has {}", record.fields.size(), field_count_));
    return false;
  }
  bool ok = true;
  for (const Mapped& m : mapped_) {
    const FileColumn& column = spec_.columns[m.spec_index];
    std::string_view raw = record.fields[m.field];
    std::string& out = row_[m.stored];
    if (m.typed < row_.size()) row_[m.typed].assign(TrimAscii(raw));
    if (TrimAscii(raw).empty()) {
      out.clear();
      if (column.requires_value) {
        errors->Add(record.line, ColumnNumber(m.field), std::string(column.name), "missing_value",
                    fmt::format("column '{}' needs a value", column.name));
        ok = false;
      }
      continue;
    }
    if (column.kind == FieldKind::kGoldenImei && !golden_decided_) {
      golden_decided_ = true;
      golden_prehashed_ = IsMd5Hex(TrimAscii(raw));
    }
    if (!NormalizeField(KindOf(column), raw, &out, &problem_)) {
      if (column.kind == FieldKind::kGoldenImei) problem_.message += GoldenModeHint();
      errors->Add(record.line, ColumnNumber(m.field), std::string(column.name),
                  std::move(problem_.rule), std::move(problem_.message));
      ok = false;
    }
  }
  change_ = ChangeType::kNone;
  if (options_.delta) {
    std::string_view raw = record.fields[change_field_];
    if (TrimAscii(raw).empty()) {
      errors->Add(record.line, ColumnNumber(change_field_), std::string(kChangeTypeColumn),
                  "missing_value", "column 'change_type' needs a value (add, remove or update)");
      ok = false;
    } else if (!NormalizeField(FieldKind::kChangeType, raw, &scratch_, &problem_)) {
      errors->Add(record.line, ColumnNumber(change_field_), std::string(kChangeTypeColumn),
                  std::move(problem_.rule), std::move(problem_.message));
      ok = false;
    } else if (scratch_ == "update" && !schema_.supports_update) {
      errors->Add(record.line, ColumnNumber(change_field_), std::string(kChangeTypeColumn),
                  "bad_change_type",
                  fmt::format("the {} list takes add or remove, not update", schema_.name));
      ok = false;
    } else {
      change_ = scratch_ == "add"      ? ChangeType::kAdd
                : scratch_ == "remove" ? ChangeType::kRemove
                                       : ChangeType::kUpdate;
    }
  }
  if (ok && spec_.keeps_extra_columns) {
    row_[radio_caps_stored_] = RadioCapsFromBands(row_[bands_stored_]);
    row_[extra_stored_] = ExtraJson(record);
  }
  return ok;
}

std::string ListRowParser::GoldenModeHint() const {
  if (options_.golden_prehashed) return " (the file was declared pre-hashed)";
  if (golden_prehashed_) {
    return " (the file's first value is a 32-hex MD5, so every value must be one: a golden "
           "file is either all plain IMEIs or all pre-hashed)";
  }
  return " (the file's first value is a plain IMEI, so every value must be one: a golden file "
         "is either all plain IMEIs or all pre-hashed)";
}

std::string ListRowParser::ExtraJson(const csv::CsvRecord& record) const {
  if (extras_.empty()) return std::string();
  nlohmann::json extra = nlohmann::json::object();
  for (const Extra& e : extras_) extra[e.key] = std::string(TrimAscii(record.fields[e.field]));
  // Never throws: the CSV reader has checked UTF-8, and bad bytes would be replaced anyway.
  return extra.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace openceir::ingest
