// TS 29.571 ProblemDetails (RFC 7807 application/problem+json) as this server sends it, and
// the TS 29.500 application error causes it uses.
#pragma once

#include <string>
#include <string_view>

namespace openceir::eirhttp {

// The TS 29.500 (table 5.2.7.2-1) and TS 29.511 causes this server answers with.
namespace cause {
inline constexpr std::string_view kMandatoryQueryParamMissing = "MANDATORY_QUERY_PARAM_MISSING";
inline constexpr std::string_view kMandatoryQueryParamIncorrect = "MANDATORY_QUERY_PARAM_INCORRECT";
inline constexpr std::string_view kOptionalQueryParamIncorrect = "OPTIONAL_QUERY_PARAM_INCORRECT";
inline constexpr std::string_view kInvalidQueryParam = "INVALID_QUERY_PARAM";
inline constexpr std::string_view kEquipmentUnknown = "ERROR_EQUIPMENT_UNKNOWN";  // TS 29.511
}  // namespace cause

// The title is the status's reason phrase (StatusTitle).
struct Problem {
  Problem() = default;
  Problem(int status_in, std::string_view detail_in, std::string_view cause_in = {},
          std::string_view param_in = {}, std::string_view reason_in = {})
      : status(status_in), detail(detail_in), cause(cause_in), param(param_in), reason(reason_in) {}

  int status = 0;           // HTTP status, repeated in the body as TS 29.571 asks
  std::string_view detail;  // empty: no "detail" member
  std::string_view cause;   // empty: no "cause" member
  std::string_view param;   // non-empty: one invalidParams entry naming this parameter
  std::string_view reason;  // that entry's reason
};

// Appends the ProblemDetails JSON of `problem` to `out`; `instance` (the request path) is
// written when non-empty.
void AppendProblemJson(const Problem& problem, std::string_view instance, std::string* out);

// The reason phrase of an HTTP status this server sends ("Bad Request"), "Error" otherwise.
std::string_view StatusTitle(int status);

}  // namespace openceir::eirhttp
