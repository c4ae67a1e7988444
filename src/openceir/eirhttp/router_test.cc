#include "openceir/eirhttp/router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "openceir/eirhttp/test_snapshot.h"

namespace openceir::eirhttp {
namespace {

using nlohmann::json;

class RouterTest : public ::testing::Test {
 protected:
  Response Get(const std::string& path, const std::string& method = "GET") {
    Response response;
    router_.Handle(Request{method, path, {}, std::chrono::steady_clock::now()}, &response);
    return response;
  }

  eir::SnapshotHolder holder_{testing::MakeTestSnapshot()};
  eir::EirMetrics metrics_;
  BundleFiles bundles_;  // not opened
  ManualClock clock_{1'700'000'100};
  Router router_{holder_, metrics_, bundles_, clock_};
};

TEST_F(RouterTest, RoutesN5gAndRestAndRecordsEveryAnswer) {
  const std::string n5g = "/n5g-eir-eic/v1/equipment-status?pei=imei-";
  EXPECT_EQ(Get(n5g + std::string(testing::kBlacklistedImei)).static_body,
            R"({"status":"BLACKLISTED"})");
  EXPECT_EQ(Get(n5g + "1").status, 400);
  EXPECT_EQ(Get(n5g + std::string(testing::kTestTacImei)).status, 404);
  EXPECT_EQ(Get("/v1/eir/check?imei=" + std::string(testing::kGreylistedImei)).status, 200);

  EXPECT_EQ(metrics_.AnswerCount(eir::Interface::kN5g, eir::Answer::kBlacklisted), 1u);
  EXPECT_EQ(metrics_.AnswerCount(eir::Interface::kN5g, eir::Answer::kBadRequest), 1u);
  EXPECT_EQ(metrics_.AnswerCount(eir::Interface::kN5g, eir::Answer::kUnknown), 1u);
  EXPECT_EQ(metrics_.AnswerCount(eir::Interface::kRest, eir::Answer::kGreylisted), 1u);
}

TEST_F(RouterTest, AnswersFromTheSnapshotThatReplacedTheOldOne) {
  const std::string path =
      "/n5g-eir-eic/v1/equipment-status?pei=imei-" + std::string(testing::kBlacklistedImei);
  EXPECT_EQ(Get(path).static_body, R"({"status":"BLACKLISTED"})");
  holder_.Replace(eir::DecisionSnapshot::Empty(eir::DecisionPolicies{}));
  EXPECT_EQ(Get(path).static_body, R"({"status":"WHITELISTED"})");
}

TEST_F(RouterTest, OtherMethodsAre405WithAllowAndUnknownPaths404) {
  const Response post = Get("/n5g-eir-eic/v1/equipment-status?pei=imei-1", "POST");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.allow, "GET");
  EXPECT_EQ(post.content_type, "application/problem+json");
  EXPECT_EQ(metrics_.AnswerCount(eir::Interface::kN5g, eir::Answer::kBadRequest), 1u);
  EXPECT_EQ(Get("/bundles/x", "DELETE").allow, "GET, HEAD");
  EXPECT_EQ(Get("/metrics", "PUT").status, 405);

  for (const char* path : {"/", "/n5g-eir-eic/v1/equipment-status/",
                           "/n5g-eir-eic/v2/equipment-status", "/v1/eir", "/bundles/x.bundle"}) {
    const Response response = Get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(json::parse(response.body)["status"], 404) << path;
  }
}

TEST_F(RouterTest, MetricsAndHealth) {
  metrics_.SetSnapshot(7, 1'700'000'000);
  Get("/n5g-eir-eic/v1/equipment-status?pei=imei-" + std::string(testing::kWhitelistedImei));
  const Response metrics = Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4");
  EXPECT_NE(metrics.body.find("whitelisted"), std::string::npos) << metrics.body;

  const Response health = Get("/healthz");
  EXPECT_EQ(health.status, 200);
  const json body = json::parse(health.body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["snapshot_version"], 7);
  EXPECT_EQ(body["blacklisted"], 2);
  EXPECT_EQ(body["exception_pairs"], 1);
}

}  // namespace
}  // namespace openceir::eirhttp
