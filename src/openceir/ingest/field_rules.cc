// Field rules: one function per FieldKind, each exact about what it accepts.
#include "openceir/ingest/field_rules.h"

#include <fmt/format.h>

#include <optional>

#include "openceir/base/date.h"
#include "openceir/identifiers/golden_hash.h"
#include "openceir/identifiers/imei.h"
#include "openceir/identifiers/subscriber.h"

namespace openceir::ingest {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool Fail(FieldProblem* problem, std::string_view rule, std::string message) {
  problem->rule = std::string(rule);
  problem->message = std::move(message);
  return false;
}

bool MatchesImeiInputPattern(std::string_view value) {
  if (value.empty() || value.size() > 16) return false;
  for (char c : value) {
    if (!IsHex(c) && c != '*' && c != '#') return false;
  }
  return true;
}

bool NormalizeImeiField(std::string_view value, std::string* out, FieldProblem* problem) {
  if (!MatchesImeiInputPattern(value)) {
    return Fail(problem, "bad_imei",
                fmt::format("{} is not an IMEI: expected 1 to 16 characters of [0-9A-Fa-f*#]",
                            QuoteForMessage(value)));
  }
  std::optional<std::string> imei_norm = identifiers::NormalizeImei(value);
  *out = imei_norm ? std::move(*imei_norm) : std::string();
  return true;
}

// The exact shape of a GSMA allocation date, checked before ParseDdMonYyyy: 1 or 2 day digits,
// a 3-letter month, 4 year digits. (A long run of day digits would otherwise overflow the int
// that base/date.cc parses them into.)
bool HasDdMonYyyyShape(std::string_view value) {
  const std::size_t first = value.find('-');
  if (first != 1 && first != 2) return false;
  if (value.size() != first + 9 || value[first + 4] != '-') return false;
  for (std::size_t i = 0; i < first; ++i) {
    if (!IsDigit(value[i])) return false;
  }
  for (std::size_t i = first + 1; i < first + 4; ++i) {
    const char c = ToLower(value[i]);
    if (c < 'a' || c > 'z') return false;
  }
  for (std::size_t i = first + 5; i < value.size(); ++i) {
    if (!IsDigit(value[i])) return false;
  }
  return true;
}

bool NormalizeSubscriberField(std::string_view value, identifiers::SubscriberIdError error,
                              std::string_view rule, std::string_view what, std::string* out,
                              FieldProblem* problem) {
  if (error != identifiers::SubscriberIdError::kOk) {
    return Fail(problem, rule,
                fmt::format("{} is not an {}: expected 1 to 15 digits ({})", QuoteForMessage(value),
                            what, identifiers::SubscriberIdErrorName(error)));
  }
  out->assign(value.data(), value.size());
  return true;
}

}  // namespace

std::string_view TrimAscii(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string QuoteForMessage(std::string_view value) {
  constexpr std::size_t kMax = 40;
  if (value.size() <= kMax) return fmt::format("'{}'", value);
  // Cut on a UTF-8 character boundary, so that the message stays valid UTF-8 (reports are
  // written as JSON).
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("'{}...' ({} bytes)", value.substr(0, cut), value.size());
}

bool IsMd5Hex(std::string_view text) {
  if (text.size() != 32) return false;
  for (char c : text) {
    if (!IsHex(c)) return false;
  }
  return true;
}

bool NormalizeField(FieldKind kind, std::string_view raw, std::string* out, FieldProblem* problem) {
  const std::string_view value = TrimAscii(raw);
  out->clear();
  if (value.empty() && kind != FieldKind::kChangeType) return true;
  switch (kind) {
    case FieldKind::kImei: return NormalizeImeiField(value, out, problem);
    case FieldKind::kGoldenImei:
      if (!NormalizeImeiField(value, out, problem)) return false;
      *out = identifiers::GoldenHashOf(*out);
      return true;
    case FieldKind::kGoldenHash:
      if (!IsMd5Hex(value)) {
        return Fail(problem, "bad_golden_hash",
                    fmt::format("{} is not a pre-hashed golden IMEI: expected 32 hex digits",
                                QuoteForMessage(value)));
      }
      for (char c : value) out->push_back(ToLower(c));
      return true;
    case FieldKind::kImsi:
      return NormalizeSubscriberField(value, identifiers::ValidateImsi(value), "bad_imsi", "IMSI",
                                      out, problem);
    case FieldKind::kMsisdn:
      return NormalizeSubscriberField(value, identifiers::ValidateMsisdn(value), "bad_msisdn",
                                      "MSISDN", out, problem);
    case FieldKind::kTac:
      if (!identifiers::IsValidTac(value)) {
        return Fail(
            problem, "bad_tac",
            fmt::format("{} is not a TAC: expected exactly 8 digits", QuoteForMessage(value)));
      }
      out->assign(value.data(), value.size());
      return true;
    case FieldKind::kUid: {
      bool ok = value.size() <= 20;
      for (char c : value) ok = ok && (IsAlnum(c) || c == '-' || c == '\\');
      if (!ok) {
        return Fail(problem, "bad_uid",
                    fmt::format("{} is not a uid: expected 1 to 20 characters of [0-9A-Za-z-\\]",
                                QuoteForMessage(value)));
      }
      out->assign(value.data(), value.size());
      return true;
    }
    case FieldKind::kYyyymmdd:
      if (!ParseYyyymmdd(value)) {
        return Fail(problem, "bad_date",
                    fmt::format("{} is not a date of the form YYYYMMDD", QuoteForMessage(value)));
      }
      out->assign(value.data(), value.size());
      return true;
    case FieldKind::kDdMonYyyy: {
      std::optional<Date> date =
          HasDdMonYyyyShape(value) ? ParseDdMonYyyy(value) : std::optional<Date>();
      if (!date) {
        return Fail(
            problem, "bad_date",
            fmt::format("{} is not a date of the form 17-Mar-2015", QuoteForMessage(value)));
      }
      *out = FormatYyyymmdd(*date);
      return true;
    }
    case FieldKind::kLowerText:
      for (char c : value) out->push_back(ToLower(c));
      return true;
    case FieldKind::kText: out->assign(value.data(), value.size()); return true;
    case FieldKind::kChangeType: {
      for (char c : value) out->push_back(ToLower(c));
      if (*out == "add" || *out == "remove" || *out == "update") return true;
      return Fail(problem, "bad_change_type",
                  fmt::format("{} is not a change type: expected add, remove or update",
                              QuoteForMessage(value)));
    }
  }
  return Fail(problem, "internal", "unknown field kind");
}

}  // namespace openceir::ingest
