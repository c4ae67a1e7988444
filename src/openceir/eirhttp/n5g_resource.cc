#include "openceir/eirhttp/n5g_resource.h"

#include "openceir/eirhttp/n5g_query.h"
#include "openceir/eirhttp/problem_details.h"

namespace openceir::eirhttp {
namespace {

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kProblemJson = "application/problem+json";

// The three possible 200 bodies, so answering a status copies nothing.
std::string_view StatusBody(eir::EquipmentStatus status) {
  switch (status) {
    case eir::EquipmentStatus::kWhitelisted: return R"({"status":"WHITELISTED"})";
    case eir::EquipmentStatus::kBlacklisted: return R"({"status":"BLACKLISTED"})";
    case eir::EquipmentStatus::kGreylisted: return R"({"status":"GREYLISTED"})";
  }
  return R"({"status":"WHITELISTED"})";
}

void AnswerProblem(const Problem& problem, std::string_view path, Response* response) {
  response->status = problem.status;
  response->content_type = kProblemJson;
  AppendProblemJson(problem, path, &response->body);
}

eir::Answer AnswerUnknown(std::string_view detail, std::string_view path, Response* response) {
  AnswerProblem(Problem{404, detail, cause::kEquipmentUnknown}, path, response);
  return eir::Answer::kUnknown;
}

}  // namespace

eir::Answer AnswerEquipmentStatus(const QueryString& query, std::string_view path,
                                  const eir::DecisionSnapshot& snapshot, Response* response) {
  N5gQuery n5g;
  Problem problem;
  if (!ParseN5gQuery(query, &n5g, &problem)) {
    AnswerProblem(problem, path, response);
    return eir::Answer::kBadRequest;
  }
  if (n5g.pei_form == PeiForm::kMac || n5g.pei_form == PeiForm::kEui64) {
    return AnswerUnknown("this EIR holds lists of IMEIs: a MAC or EUI-64 PEI is unknown to it",
                         path, response);
  }
  const eir::Decision decision = snapshot.Decide(eir::EquipmentQuery{n5g.imei, n5g.imsi});
  if (decision.equipment_unknown) {
    return AnswerUnknown("the EIR's policy answers this equipment as unknown", path, response);
  }
  response->status = 200;
  response->content_type = kJson;
  response->static_body = StatusBody(decision.status);
  return eir::AnswerOf(decision);
}

}  // namespace openceir::eirhttp
