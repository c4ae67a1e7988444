// The API end to end without sockets: every route and every role against a real (SQLite) store,
// including each refusal (401, 403, 404, 405, 413, 429) and the public role's data cut.
#include "openceir/api/api_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "openceir/api/api_key.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"
#include "openceir/store/testing/store_test_util.h"

namespace openceir::api {
namespace {

using nlohmann::json;
using store::ApiRole;
using store::testing::Day;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kImei[] = "35209900176148";    // paired, matches the blocking condition
constexpr char kTyped[] = "352099001761481";  // kImei with its check digit
constexpr char kImsi[] = "410010000000001";
constexpr char kMsisdn[] = "923000000001";

class ApiServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto bed = store::testing::StoreTestbed::Create("api_service");
    ASSERT_TRUE(bed.ok()) << bed.status().ToString();
    bed_ = std::move(bed).value();
    ASSERT_TRUE(
        bed_->ChangeList(store::ListKind::kGsmaTac, {{"35209900", "Acme", "GSM 900", "2020-01-01",
                                                      "Phone X", "Smartphone", "2G", ""}})
            .ok());
    ASSERT_TRUE(bed_->ChangeList(store::ListKind::kPairing, {{kImei, kImsi, kMsisdn}}).ok());
    store::ConditionSpec dup;
    dup.label = "dup";
    dup.reason = "Duplicate IMEI";
    auto run = bed_->Classify(Day("20260201"), {dup}, {{0, kImei}});
    ASSERT_TRUE(run.ok()) << run.status().ToString();

    for (auto [role, op] :
         std::vector<std::pair<ApiRole, std::string>>{{ApiRole::kPublic, ""},
                                                      {ApiRole::kOperator, "op1"},
                                                      {ApiRole::kPolice, ""},
                                                      {ApiRole::kRegulator, ""}}) {
      NewKeyMaterial key = GenerateApiKey();
      ASSERT_TRUE(bed_->registry()
                      .CreateApiKey({std::string(store::ApiRoleName(role)), role, op, key.hash},
                                    "user:test")
                      .ok());
      keys_[role] = key.text;
    }
    NewKeyMaterial revoked = GenerateApiKey();
    auto created =
        bed_->registry().CreateApiKey({"old", ApiRole::kRegulator, "", revoked.hash}, "user:test");
    ASSERT_TRUE(created.ok());
    ASSERT_TRUE(bed_->registry().RevokeApiKey(created->id, "user:test").ok());
    revoked_key_ = revoked.text;

    const std::string path = bed_->dir() + "/store.db";
    pool_ = std::make_unique<StorePool>(
        [this, path] { return store::OpenSqliteRegistryStore(path, &clock_); });
    service_ = std::make_unique<ApiService>(*pool_, metrics_, limiter_, clock_,
                                            [this] { return now_seconds_; });
  }

  ApiResponse Call(std::string method, std::string target, std::string key = "",
                   std::string body = "") {
    ApiRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.client_address = "192.0.2.7";
    if (!key.empty()) request.authorization = "Bearer " + key;
    request.body = std::move(body);
    return service_->Handle(request);
  }
  json Json(const ApiResponse& response) { return json::parse(response.body); }
  std::string Header(const ApiResponse& response, const std::string& name) {
    for (const auto& [n, v] : response.headers) {
      if (n == name) return v;
    }
    return "";
  }

  std::unique_ptr<store::testing::StoreTestbed> bed_;
  ManualClock clock_{1'772'323'200};  // 2026-03-01
  double now_seconds_ = 1000;
  ApiMetrics metrics_;
  RateLimiter limiter_{/*rate=*/1, /*burst=*/5};
  std::unique_ptr<StorePool> pool_;
  std::unique_ptr<ApiService> service_;
  std::map<ApiRole, std::string> keys_;
  std::string revoked_key_;
};

TEST_F(ApiServiceTest, PublicStatusHasReasonsAndActionsButNoSubscriberData) {
  ApiResponse response = Call("GET", std::string("/v1/imeis/") + kTyped);
  ASSERT_EQ(response.status, 200) << response.body;
  json body = Json(response);
  EXPECT_EQ(body["imei_norm"], kImei);
  EXPECT_EQ(body["validation"]["valid"], true);
  EXPECT_EQ(body["device"]["brand"], "Acme");
  EXPECT_EQ(body["device"]["model"], "Phone X");
  EXPECT_EQ(body["status"], "blocked");
  EXPECT_EQ(body["block_date"], "2026-02-01");
  ASSERT_EQ(body["reasons"].size(), 1u);
  EXPECT_EQ(body["reasons"][0]["reason"], "Duplicate IMEI");
  EXPECT_FALSE(body["actions"].empty());
  EXPECT_FALSE(body.contains("registry"));
  EXPECT_THAT(response.body, Not(HasSubstr(kImsi)));
  EXPECT_THAT(response.body, Not(HasSubstr(kMsisdn)));
}

TEST_F(ApiServiceTest, OperatorSeesNoSubscriberDataEither) {
  ApiResponse response = Call("GET", std::string("/v1/imeis/") + kImei, keys_[ApiRole::kOperator]);
  ASSERT_EQ(response.status, 200);
  EXPECT_FALSE(Json(response).contains("registry"));
  EXPECT_THAT(response.body, Not(HasSubstr(kImsi)));
}

TEST_F(ApiServiceTest, PoliceAndRegulatorSeeTheRegistry) {
  for (ApiRole role : {ApiRole::kPolice, ApiRole::kRegulator}) {
    ApiResponse response = Call("GET", std::string("/v1/imeis/") + kImei, keys_[role]);
    ASSERT_EQ(response.status, 200);
    json body = Json(response);
    ASSERT_TRUE(body.contains("registry"));
    EXPECT_EQ(body["registry"]["pairings"][0]["imsi"], kImsi);
    EXPECT_EQ(body["registry"]["pairings"][0]["msisdn"], kMsisdn);
  }
}

TEST_F(ApiServiceTest, UnmatchedAndInvalidImeis) {
  json permitted = Json(Call("GET", "/v1/imeis/35209900176155"));
  EXPECT_EQ(permitted["status"], "permitted");
  EXPECT_EQ(permitted["block_date"], nullptr);
  json typo = Json(Call("GET", "/v1/imeis/352099001761482"));
  EXPECT_EQ(typo["validation"]["valid"], false);
  EXPECT_EQ(typo["validation"]["reason"], "bad_check_digit");
  json letters = Json(Call("GET", "/v1/imeis/abc"));
  EXPECT_EQ(letters["validation"]["reason"], "bad_character");
}

TEST_F(ApiServiceTest, KeysAreCheckedAndNeverFallBackToPublic) {
  ApiResponse revoked = Call("GET", std::string("/v1/imeis/") + kImei, revoked_key_);
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(revoked.content_type, "application/problem+json");
  EXPECT_EQ(Header(revoked, "WWW-Authenticate"), "Bearer");
  EXPECT_EQ(Call("GET", "/v1/imeis/1", "oc_" + std::string(64, '0')).status, 401);
  ApiRequest basic;
  basic.method = "GET";
  basic.target = "/v1/imeis/1";
  basic.authorization = "Basic dXNlcjpwYXNz";
  EXPECT_EQ(service_->Handle(basic).status, 401);
  ApiRequest header;
  header.method = "GET";
  header.target = "/v1/audit";
  header.api_key = keys_[ApiRole::kRegulator];
  EXPECT_EQ(service_->Handle(header).status, 200);
}

TEST_F(ApiServiceTest, OnlyRegulatorsReadTheAuditTrail) {
  EXPECT_EQ(Call("GET", "/v1/audit").status, 401);
  for (ApiRole role : {ApiRole::kPublic, ApiRole::kOperator, ApiRole::kPolice}) {
    ApiResponse refused = Call("GET", "/v1/audit", keys_[role]);
    EXPECT_EQ(refused.status, 403) << store::ApiRoleName(role);
    EXPECT_THAT(refused.body, HasSubstr(std::string(store::ApiRoleName(role))));
  }
  ApiResponse page = Call("GET", "/v1/audit?from=2&limit=3", keys_[ApiRole::kRegulator]);
  ASSERT_EQ(page.status, 200) << page.body;
  json body = Json(page);
  ASSERT_EQ(body["entries"].size(), 3u);
  EXPECT_EQ(body["entries"][0]["seq"], 2);
  EXPECT_EQ(body["entries"][0]["action"], "apikey.create");
  EXPECT_EQ(body["entries"][0]["detail"]["role"], "operator");
  EXPECT_EQ(body["head"]["seq"], 6);  // 5 keys created, 1 revoked
  EXPECT_EQ(Call("GET", "/v1/audit?limit=0", keys_[ApiRole::kRegulator]).status, 400);
}

TEST_F(ApiServiceTest, RateLimitsThePublicRoleOnly) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Call("GET", "/v1/tacs/35209900").status, 200) << i;
  ApiResponse limited = Call("GET", "/v1/tacs/35209900");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(Header(limited, "Retry-After"), "1");
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(Call("GET", "/v1/tacs/35209900", keys_[ApiRole::kPolice]).status, 200);
  }
  EXPECT_EQ(Call("GET", "/healthz").status, 200);  // not limited
  now_seconds_ += 1;
  EXPECT_EQ(Call("GET", "/v1/tacs/35209900").status, 200);
  EXPECT_THAT(metrics_.PrometheusText(), HasSubstr("openceir_api_rate_limited_total 1\n"));
}

TEST_F(ApiServiceTest, BatchAnswersInOrderWithinItsLimit) {
  ApiResponse response = Call("POST", "/v1/imeis:batch", keys_[ApiRole::kOperator],
                              R"({"imeis":["352099001761481","35209900176155","x"]})");
  ASSERT_EQ(response.status, 200) << response.body;
  json results = Json(response)["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["status"], "blocked");
  EXPECT_EQ(results[1]["status"], "permitted");
  EXPECT_EQ(results[2]["validation"]["valid"], false);

  json big = {{"imeis", std::vector<std::string>(1001, kImei)}};
  EXPECT_EQ(Call("POST", "/v1/imeis:batch", keys_[ApiRole::kPolice], big.dump()).status, 413);
  json limit = {{"imeis", std::vector<std::string>(1000, kImei)}};
  EXPECT_EQ(Call("POST", "/v1/imeis:batch", keys_[ApiRole::kPolice], limit.dump()).status, 200);
  for (std::string bad : {"", "[]", R"({"imeis":"x"})", R"({"imeis":[1]})", "{"}) {
    EXPECT_EQ(Call("POST", "/v1/imeis:batch", keys_[ApiRole::kPolice], bad).status, 400) << bad;
  }
  // The public role pays a token per IMEI: 6 IMEIs are more than its burst of 5.
  json six = {{"imeis", std::vector<std::string>(6, kImei)}};
  EXPECT_EQ(Call("POST", "/v1/imeis:batch", "", six.dump()).status, 429);
}

TEST_F(ApiServiceTest, TacInfo) {
  ApiResponse response = Call("GET", "/v1/tacs/35209900");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(Json(response)["model"], "Phone X");
  EXPECT_EQ(Json(response)["barred"], false);
  EXPECT_EQ(Call("GET", "/v1/tacs/35209901").status, 404);
  EXPECT_EQ(Call("GET", "/v1/tacs/3520").status, 400);
}

TEST_F(ApiServiceTest, UnknownPathsMethodsAndTargets) {
  EXPECT_EQ(Call("GET", "/v2/imeis/1").status, 404);
  ApiResponse wrong = Call("PUT", "/v1/imeis/1");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(Header(wrong, "Allow"), "GET, HEAD");
  EXPECT_EQ(Call("GET", "/v1/imeis/%zz").status, 400);
}

TEST_F(ApiServiceTest, OpenApiDocumentDescribesExactlyTheRoutes) {
  ApiResponse response = Call("GET", "/openapi.json");
  ASSERT_EQ(response.status, 200);
  json document = Json(response);
  EXPECT_EQ(document["openapi"], "3.0.3");
  std::set<std::string> paths;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      paths.insert(method + " " + path);
    }
  }
  EXPECT_EQ(paths, (std::set<std::string>{"get /healthz", "get /openapi.json", "get /metrics",
                                          "get /v1/imeis/{imei}", "post /v1/imeis:batch",
                                          "get /v1/tacs/{tac}", "get /v1/audit"}));
}

TEST_F(ApiServiceTest, MetricsCountRequestsByRouteAndStatus) {
  Call("GET", "/v1/tacs/35209900");
  Call("GET", "/v1/tacs/35209901");
  Call("GET", "/nowhere");
  std::string text = Call("GET", "/metrics").body;
  EXPECT_THAT(text,
              HasSubstr("openceir_api_requests_total{route=\"/v1/tacs/{tac}\",status=\"200\"} 1"));
  EXPECT_THAT(text,
              HasSubstr("openceir_api_requests_total{route=\"/v1/tacs/{tac}\",status=\"404\"} 1"));
  EXPECT_THAT(text, HasSubstr("openceir_api_requests_total{route=\"unmatched\",status=\"404\"} 1"));
  EXPECT_THAT(text,
              HasSubstr("openceir_api_request_duration_seconds_count{route=\"/v1/tacs/{tac}\"} 2"));
}

TEST_F(ApiServiceTest, StorePoolReusesStoresAndReopensDiscardedOnes) {
  int opened = 0;
  const std::string path = bed_->dir() + "/store.db";
  StorePool pool([&opened, &path, this] {
    ++opened;
    return store::OpenSqliteRegistryStore(path, &clock_);
  });
  {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok());
  }
  {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok());
  }
  EXPECT_EQ(opened, 1);
  {
    auto first = pool.Acquire();
    auto second = pool.Acquire();  // both in use: a second store is opened
    ASSERT_TRUE(first.ok() && second.ok());
    first->Discard();
  }
  EXPECT_EQ(opened, 2);
  { auto lease = pool.Acquire(); }
  {
    auto a = pool.Acquire();
    auto b = pool.Acquire();
  }
  EXPECT_EQ(opened, 3);  // only the second store went back to the pool
}

}  // namespace
}  // namespace openceir::api
