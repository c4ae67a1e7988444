#include "openceir/eirhttp/rest_resource.h"

#include <algorithm>
#include <optional>

#include "openceir/eirhttp/json_text.h"
#include "openceir/eirhttp/problem_details.h"

namespace openceir::eirhttp {
namespace {

bool DigitsOfLength(std::string_view text, std::size_t min, std::size_t max) {
  return text.size() >= min && text.size() <= max &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

eir::Answer BadRequest(std::string_view cause, std::string_view param, std::string_view reason,
                       std::string_view path, Response* response) {
  response->status = 400;
  response->content_type = "application/problem+json";
  AppendProblemJson(Problem{400, reason, cause, param, reason}, path, &response->body);
  return eir::Answer::kBadRequest;
}

// "2024-05-01" from 20240501.
void AppendBlockDate(std::uint32_t yyyymmdd, std::string* out) {
  char text[11] = {};
  const std::uint32_t year = yyyymmdd / 10000;
  const std::uint32_t month = yyyymmdd / 100 % 100;
  const std::uint32_t day = yyyymmdd % 100;
  text[0] = static_cast<char>('0' + year / 1000 % 10);
  text[1] = static_cast<char>('0' + year / 100 % 10);
  text[2] = static_cast<char>('0' + year / 10 % 10);
  text[3] = static_cast<char>('0' + year % 10);
  text[4] = '-';
  text[5] = static_cast<char>('0' + month / 10);
  text[6] = static_cast<char>('0' + month % 10);
  text[7] = '-';
  text[8] = static_cast<char>('0' + day / 10);
  text[9] = static_cast<char>('0' + day % 10);
  AppendJsonString(std::string_view(text, 10), out);
}

}  // namespace

eir::Answer AnswerRestCheck(const QueryString& query, std::string_view path,
                            const eir::DecisionSnapshot& snapshot, Response* response) {
  const QueryParam* imei = nullptr;
  const QueryParam* imsi = nullptr;
  for (const QueryParam& param : query) {
    const QueryParam** slot = param.name == "imei" ? &imei : param.name == "imsi" ? &imsi : nullptr;
    if (slot == nullptr || !param.name_ok) {
      return BadRequest(cause::kInvalidQueryParam, param.name, "not a query parameter of check",
                        path, response);
    }
    if (*slot != nullptr) {
      return BadRequest(slot == &imei ? cause::kMandatoryQueryParamIncorrect
                                      : cause::kOptionalQueryParamIncorrect,
                        param.name, "given more than once", path, response);
    }
    *slot = &param;
  }
  if (imei == nullptr) {
    return BadRequest(cause::kMandatoryQueryParamMissing, "imei",
                      "the imei query parameter is required", path, response);
  }
  if (!imei->value_ok || !DigitsOfLength(imei->value, 14, 16)) {
    return BadRequest(cause::kMandatoryQueryParamIncorrect, "imei",
                      "imei must be 14 to 16 digits (IMEI, with check digit, or IMEISV)", path,
                      response);
  }
  if (imsi != nullptr && (!imsi->value_ok || !DigitsOfLength(imsi->value, 5, 15))) {
    return BadRequest(cause::kOptionalQueryParamIncorrect, "imsi", "imsi must be 5 to 15 digits",
                      path, response);
  }

  std::optional<std::string_view> imsi_digits;
  if (imsi != nullptr) imsi_digits = imsi->value;
  const eir::Decision decision = snapshot.Decide(eir::EquipmentQuery{imei->value, imsi_digits});

  std::string& out = response->body;
  out.append("{\"imei\":");
  AppendJsonString(imei->value, &out);
  out.append(",\"status\":");
  AppendJsonString(
      decision.equipment_unknown ? "UNKNOWN" : eir::EquipmentStatusName(decision.status), &out);
  out.append(",\"basis\":");
  AppendJsonString(eir::DecisionBasisName(decision.basis), &out);
  out.append(",\"block_date\":");
  if (decision.block_date == 0) {
    out.append("null");
  } else {
    AppendBlockDate(decision.block_date, &out);
  }
  out.append(",\"reasons\":[");
  std::string_view reasons = decision.reasons;
  bool first = true;
  while (!reasons.empty()) {
    const std::size_t bar = reasons.find('|');
    const std::string_view reason = reasons.substr(0, bar);
    reasons = bar == std::string_view::npos ? std::string_view() : reasons.substr(bar + 1);
    if (reason.empty()) continue;
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(reason, &out);
  }
  out.append("]}");
  response->status = 200;
  response->content_type = "application/json";
  return decision.equipment_unknown ? eir::Answer::kUnknown : eir::AnswerOf(decision);
}

}  // namespace openceir::eirhttp
