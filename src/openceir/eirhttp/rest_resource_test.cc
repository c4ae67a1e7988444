#include "openceir/eirhttp/rest_resource.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "openceir/eirhttp/test_snapshot.h"

namespace openceir::eirhttp {
namespace {

using nlohmann::json;

std::pair<Response, json> Ask(const std::string& query_text, eir::Answer* answer = nullptr) {
  static const auto snapshot = testing::MakeTestSnapshot();
  QueryString query;
  EXPECT_TRUE(query.Parse(query_text));
  Response response;
  const eir::Answer got = AnswerRestCheck(query, kRestCheckPath, *snapshot, &response);
  if (answer != nullptr) *answer = got;
  return {response, json::parse(response.body)};
}

TEST(RestResourceTest, BlacklistedAnswerCarriesBasisBlockDateAndReasons) {
  eir::Answer answer{};
  const auto [response, body] = Ask("imei=" + std::string(testing::kBlacklistedImei), &answer);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(body, json({{"imei", testing::kBlacklistedImei},
                        {"status", "BLACKLISTED"},
                        {"basis", "blacklist"},
                        {"block_date", "2024-05-01"},
                        {"reasons", {"duplicate", "stolen"}}}));
  EXPECT_EQ(answer, eir::Answer::kBlacklisted);
}

TEST(RestResourceTest, ExceptionPairAndUnlistedAndUnknownAnswers) {
  auto [paired, paired_body] = Ask("imei=" + std::string(testing::kPairedImei) +
                                   "&imsi=" + std::string(testing::kPairedImsi));
  EXPECT_EQ(paired_body["status"], "WHITELISTED");
  EXPECT_EQ(paired_body["basis"], "exception_pair");

  auto [unlisted, unlisted_body] = Ask("imei=" + std::string(testing::kWhitelistedImei));
  EXPECT_EQ(unlisted_body["status"], "WHITELISTED");
  EXPECT_EQ(unlisted_body["basis"], "not_listed");
  EXPECT_TRUE(unlisted_body["block_date"].is_null());
  EXPECT_EQ(unlisted_body["reasons"], json::array());

  eir::Answer answer{};
  auto [unknown, unknown_body] = Ask("imei=" + std::string(testing::kTestTacImei), &answer);
  EXPECT_EQ(unknown.status, 200);
  EXPECT_EQ(unknown_body["status"], "UNKNOWN");
  EXPECT_EQ(unknown_body["basis"], "test_tac_policy");
  EXPECT_EQ(answer, eir::Answer::kUnknown);
}

TEST(RestResourceTest, RefusesMalformedQueries) {
  struct Case {
    const char* query;
    const char* cause;
  };
  for (const Case& c : {Case{"", "MANDATORY_QUERY_PARAM_MISSING"},
                        Case{"imei=1234567890123", "MANDATORY_QUERY_PARAM_INCORRECT"},
                        Case{"imei=12345678901234567", "MANDATORY_QUERY_PARAM_INCORRECT"},
                        Case{"imei=3520990017614x", "MANDATORY_QUERY_PARAM_INCORRECT"},
                        Case{"imei=35209900176148&imsi=12", "OPTIONAL_QUERY_PARAM_INCORRECT"},
                        Case{"imei=35209900176148&pei=1", "INVALID_QUERY_PARAM"}}) {
    eir::Answer answer{};
    const auto [response, body] = Ask(c.query, &answer);
    EXPECT_EQ(response.status, 400) << c.query;
    EXPECT_EQ(body["cause"], c.cause) << c.query;
    EXPECT_EQ(answer, eir::Answer::kBadRequest) << c.query;
  }
}

}  // namespace
}  // namespace openceir::eirhttp
