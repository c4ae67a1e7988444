#include "openceir/eirhttp/problem_details.h"

#include "openceir/eirhttp/json_text.h"

namespace openceir::eirhttp {

void AppendProblemJson(const Problem& problem, std::string_view instance, std::string* out) {
  out->append("{\"title\":");
  AppendJsonString(StatusTitle(problem.status), out);
  out->append(",\"status\":");
  AppendJsonInt(problem.status, out);
  if (!problem.detail.empty()) {
    out->append(",\"detail\":");
    AppendJsonString(problem.detail, out);
  }
  if (!instance.empty()) {
    out->append(",\"instance\":");
    AppendJsonString(instance, out);
  }
  if (!problem.cause.empty()) {
    out->append(",\"cause\":");
    AppendJsonString(problem.cause, out);
  }
  if (!problem.param.empty()) {
    out->append(",\"invalidParams\":[{\"param\":");
    AppendJsonString(problem.param, out);
    if (!problem.reason.empty()) {
      out->append(",\"reason\":");
      AppendJsonString(problem.reason, out);
    }
    out->append("}]");
  }
  out->push_back('}');
}

std::string_view StatusTitle(int status) {
  switch (status) {
    case 200: return "OK";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

}  // namespace openceir::eirhttp
