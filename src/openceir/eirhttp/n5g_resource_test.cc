#include "openceir/eirhttp/n5g_resource.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "openceir/eirhttp/test_snapshot.h"

namespace openceir::eirhttp {
namespace {

using nlohmann::json;

struct Answered {
  eir::Answer answer;
  Response response;
  json body;
};

Answered Ask(const std::string& query_text) {
  static const auto snapshot = testing::MakeTestSnapshot();
  QueryString query;
  EXPECT_TRUE(query.Parse(query_text));
  Answered out;
  out.answer = AnswerEquipmentStatus(query, kN5gEquipmentStatusPath, *snapshot, &out.response);
  const std::string_view body =
      out.response.static_body.empty() ? out.response.body : out.response.static_body;
  out.body = json::parse(body);
  return out;
}

std::string Pei(std::string_view imei) { return "pei=imei-" + std::string(imei); }

TEST(N5gResourceTest, AnswersTheStatusOfEachList) {
  struct Case {
    std::string query;
    const char* status;
    eir::Answer answer;
  };
  const Case cases[] = {
      {Pei(testing::kBlacklistedImei), "BLACKLISTED", eir::Answer::kBlacklisted},
      {Pei(testing::kGreylistedImei), "GREYLISTED", eir::Answer::kGreylisted},
      {Pei(testing::kWhitelistedImei), "WHITELISTED", eir::Answer::kWhitelisted},
      {Pei(testing::kPairedImei), "BLACKLISTED", eir::Answer::kBlacklisted},
      {Pei(testing::kPairedImei) + "&supi=imsi-" + std::string(testing::kPairedImsi), "WHITELISTED",
       eir::Answer::kWhitelisted},
      {Pei(testing::kPairedImei) + "&supi=imsi-310150000000000", "BLACKLISTED",
       eir::Answer::kBlacklisted},
      {"pei=imeisv-" + std::string(testing::kBlacklistedImei.substr(0, 14)) + "07", "BLACKLISTED",
       eir::Answer::kBlacklisted},
  };
  for (const Case& c : cases) {
    const Answered got = Ask(c.query);
    EXPECT_EQ(got.response.status, 200) << c.query;
    EXPECT_EQ(got.response.content_type, "application/json") << c.query;
    EXPECT_EQ(got.body, json({{"status", c.status}})) << c.query;
    EXPECT_EQ(got.answer, c.answer) << c.query;
  }
}

TEST(N5gResourceTest, EquipmentUnknownByPolicyIs404WithTheTs29511Cause) {
  const Answered got = Ask(Pei(testing::kTestTacImei));
  EXPECT_EQ(got.response.status, 404);
  EXPECT_EQ(got.response.content_type, "application/problem+json");
  EXPECT_EQ(got.body["cause"], "ERROR_EQUIPMENT_UNKNOWN");
  EXPECT_EQ(got.body["status"], 404);
  EXPECT_EQ(got.body["instance"], kN5gEquipmentStatusPath);
  EXPECT_EQ(got.answer, eir::Answer::kUnknown);
}

TEST(N5gResourceTest, MacAndEuiPeisAreUnknownEquipment) {
  for (const char* query : {"pei=mac-00-11-22-33-44-55", "pei=eui-00-11-22-33-44-55-66-77"}) {
    const Answered got = Ask(query);
    EXPECT_EQ(got.response.status, 404) << query;
    EXPECT_EQ(got.body["cause"], "ERROR_EQUIPMENT_UNKNOWN") << query;
  }
}

TEST(N5gResourceTest, AMalformedQueryIsAProblemDetailsWithInvalidParams) {
  const Answered got = Ask("pei=imei-12345");
  EXPECT_EQ(got.response.status, 400);
  EXPECT_EQ(got.response.content_type, "application/problem+json");
  EXPECT_EQ(got.body["cause"], "MANDATORY_QUERY_PARAM_INCORRECT");
  EXPECT_EQ(got.body["title"], "Bad Request");
  ASSERT_EQ(got.body["invalidParams"].size(), 1u);
  EXPECT_EQ(got.body["invalidParams"][0]["param"], "pei");
  EXPECT_TRUE(got.body["invalidParams"][0]["reason"].is_string());
  EXPECT_EQ(got.answer, eir::Answer::kBadRequest);
}

}  // namespace
}  // namespace openceir::eirhttp
