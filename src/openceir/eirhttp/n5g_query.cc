#include "openceir/eirhttp/n5g_query.h"

#include <algorithm>

namespace openceir::eirhttp {
namespace {

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// "(-xx){groups}" exactly, x a hex digit.
bool HexGroups(std::string_view text, std::size_t groups) {
  if (text.size() != groups * 3) return false;
  for (std::size_t i = 0; i < text.size(); i += 3) {
    if (text[i] != '-' || !IsHex(text[i + 1]) || !IsHex(text[i + 2])) return false;
  }
  return true;
}

bool StripPrefix(std::string_view* text, std::string_view prefix) {
  if (!text->starts_with(prefix)) return false;
  text->remove_prefix(prefix.size());
  return true;
}

// TS 29.571 Pei: imei-[0-9]{15} | imeisv-[0-9]{16} | mac(-xx){6}(-untrusted)? | eui(-xx){8}.
std::string_view CheckPei(std::string_view pei, N5gQuery* out) {
  std::string_view rest = pei;
  if (StripPrefix(&rest, "imei-")) {
    if (rest.size() != 15 || !AllDigits(rest)) return "imei- must be followed by 15 digits";
    out->pei_form = PeiForm::kImei;
    out->imei = rest;
    return {};
  }
  if (StripPrefix(&rest, "imeisv-")) {
    if (rest.size() != 16 || !AllDigits(rest)) return "imeisv- must be followed by 16 digits";
    out->pei_form = PeiForm::kImeiSv;
    out->imei = rest;
    return {};
  }
  if (StripPrefix(&rest, "mac")) {
    if (rest.ends_with("-untrusted")) rest.remove_suffix(std::string_view("-untrusted").size());
    if (!HexGroups(rest, 6)) return "mac PEI must be mac-xx-xx-xx-xx-xx-xx[-untrusted]";
    out->pei_form = PeiForm::kMac;
    return {};
  }
  if (StripPrefix(&rest, "eui")) {
    if (!HexGroups(rest, 8)) return "eui PEI must be eui-xx-xx-xx-xx-xx-xx-xx-xx";
    out->pei_form = PeiForm::kEui64;
    return {};
  }
  return "not a PEI: expected imei-, imeisv-, mac or eui form";
}

// TS 29.571 Supi: imsi-[0-9]{5,15} | nai-.+ | gci-.+ | gli-.+.
std::string_view CheckSupi(std::string_view supi, N5gQuery* out) {
  std::string_view rest = supi;
  if (StripPrefix(&rest, "imsi-")) {
    if (rest.size() < 5 || rest.size() > 15 || !AllDigits(rest)) {
      return "imsi- must be followed by 5 to 15 digits";
    }
    out->imsi = rest;
    return {};
  }
  for (std::string_view prefix : {"nai-", "gci-", "gli-"}) {
    if (supi.starts_with(prefix) && supi.size() > prefix.size()) return {};
  }
  return "not a SUPI: expected imsi-, nai-, gci- or gli- form";
}

// TS 29.571 Gpsi: msisdn-[0-9]{5,15} | extid-[^@]+@[^@]+.
std::string_view CheckGpsi(std::string_view gpsi) {
  std::string_view rest = gpsi;
  if (StripPrefix(&rest, "msisdn-")) {
    if (rest.size() < 5 || rest.size() > 15 || !AllDigits(rest)) {
      return "msisdn- must be followed by 5 to 15 digits";
    }
    return {};
  }
  if (StripPrefix(&rest, "extid-")) {
    const std::size_t at = rest.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == rest.size() ||
        rest.find('@', at + 1) != std::string_view::npos) {
      return "extid- must be followed by local@domain";
    }
    return {};
  }
  return "not a GPSI: expected msisdn- or extid- form";
}

// TS 29.571 SupportedFeatures: [A-Fa-f0-9]*.
std::string_view CheckSupportedFeatures(std::string_view features) {
  if (!std::all_of(features.begin(), features.end(), IsHex)) {
    return "supported-features must be hexadecimal digits";
  }
  return {};
}

enum ParamIndex { kPei, kSupi, kGpsi, kSupportedFeatures, kParamCount };
constexpr std::string_view kParamNames[kParamCount] = {"pei", "supi", "gpsi", "supported-features"};

}  // namespace

bool ParseN5gQuery(const QueryString& query, N5gQuery* out, Problem* problem) {
  const QueryParam* found[kParamCount] = {};
  bool repeated[kParamCount] = {};
  const QueryParam* unknown = nullptr;
  for (const QueryParam& param : query) {
    const auto* name = param.name_ok
                           ? std::find(std::begin(kParamNames), std::end(kParamNames), param.name)
                           : std::end(kParamNames);
    if (name == std::end(kParamNames)) {
      if (unknown == nullptr) unknown = &param;
      continue;
    }
    const auto index = static_cast<std::size_t>(name - std::begin(kParamNames));
    if (found[index] != nullptr) repeated[index] = true;
    found[index] = &param;
  }

  *out = N5gQuery{};
  const auto fail = [problem](std::string_view cause, std::string_view param,
                              std::string_view reason) {
    *problem = Problem{400, reason, cause, param, reason};
    return false;
  };
  // Each check yields the reason it failed, empty when the value is good.
  const auto check = [&](ParamIndex index, auto&& validate) -> std::string_view {
    const QueryParam& param = *found[index];
    if (repeated[index]) return "given more than once";
    if (!param.value_ok) return "malformed percent-encoding";
    if (param.value.empty()) return "empty value";
    return validate(param.value);
  };

  if (found[kPei] == nullptr) {
    return fail(cause::kMandatoryQueryParamMissing, "pei", "the pei query parameter is required");
  }
  if (auto reason = check(kPei, [&](std::string_view v) { return CheckPei(v, out); });
      !reason.empty()) {
    return fail(cause::kMandatoryQueryParamIncorrect, "pei", reason);
  }
  if (found[kSupi] != nullptr) {
    if (auto reason = check(kSupi, [&](std::string_view v) { return CheckSupi(v, out); });
        !reason.empty()) {
      return fail(cause::kOptionalQueryParamIncorrect, "supi", reason);
    }
  }
  if (found[kGpsi] != nullptr) {
    if (auto reason = check(kGpsi, CheckGpsi); !reason.empty()) {
      return fail(cause::kOptionalQueryParamIncorrect, "gpsi", reason);
    }
  }
  if (found[kSupportedFeatures] != nullptr) {
    // An empty supported-features matches [A-Fa-f0-9]*, so only repetition and bad escapes
    // and non-hex digits are refused.
    const QueryParam& param = *found[kSupportedFeatures];
    std::string_view reason;
    if (repeated[kSupportedFeatures]) {
      reason = "given more than once";
    } else if (!param.value_ok) {
      reason = "malformed percent-encoding";
    } else {
      reason = CheckSupportedFeatures(param.value);
    }
    if (!reason.empty()) {
      return fail(cause::kOptionalQueryParamIncorrect, "supported-features", reason);
    }
  }
  if (unknown != nullptr) {
    return fail(cause::kInvalidQueryParam, unknown->name,
                "not a query parameter of GetEquipmentStatus");
  }
  return true;
}

}  // namespace openceir::eirhttp
