#include "openceir/api/router.h"

#include <gtest/gtest.h>

namespace openceir::api {
namespace {

RouteMatch Match(std::string_view method, std::string_view target) {
  auto parsed = ParseRequestTarget(target);
  EXPECT_TRUE(parsed.ok()) << target << ": " << parsed.status().ToString();
  return parsed.ok() ? MatchRoute(method, *parsed) : RouteMatch{};
}

TEST(RouterTest, MatchesEveryRoute) {
  struct Case {
    std::string_view method;
    std::string_view target;
    Route route;
  };
  for (const Case& c : std::vector<Case>{
           {"GET", "/healthz", Route::kHealth},
           {"GET", "/openapi.json", Route::kOpenApi},
           {"GET", "/metrics", Route::kMetrics},
           {"GET", "/v1/imeis/35209900176148", Route::kImeiStatus},
           {"HEAD", "/v1/imeis/35209900176148", Route::kImeiStatus},
           {"POST", "/v1/imeis:batch", Route::kImeiBatch},
           {"GET", "/v1/tacs/35209900", Route::kTacInfo},
           {"GET", "/v1/audit?limit=5", Route::kAudit},
       }) {
    RouteMatch match = Match(c.method, c.target);
    EXPECT_EQ(match.outcome, RouteMatch::Outcome::kMatched) << c.method << " " << c.target;
    EXPECT_EQ(match.route, c.route) << c.target;
  }
}

TEST(RouterTest, FillsPathParametersDecoded) {
  RouteMatch match = Match("GET", "/v1/imeis/35%2020");
  ASSERT_EQ(match.outcome, RouteMatch::Outcome::kMatched);
  EXPECT_EQ(match.params.at("imei"), "35 20");
  EXPECT_EQ(Match("GET", "/v1/tacs/01234567").params.at("tac"), "01234567");
}

TEST(RouterTest, UnknownPathsAndMethods) {
  EXPECT_EQ(Match("GET", "/v1/imeis").outcome, RouteMatch::Outcome::kNotFound);
  EXPECT_EQ(Match("GET", "/v1/imeis/1/2").outcome, RouteMatch::Outcome::kNotFound);
  EXPECT_EQ(Match("GET", "/").outcome, RouteMatch::Outcome::kNotFound);
  RouteMatch wrong = Match("DELETE", "/v1/imeis/1");
  EXPECT_EQ(wrong.outcome, RouteMatch::Outcome::kMethodNotAllowed);
  EXPECT_EQ(wrong.allow, "GET, HEAD");
  EXPECT_EQ(Match("GET", "/v1/imeis:batch").allow, "POST");
}

TEST(RouterTest, ParsesTheQuery) {
  RequestTarget target = ParseRequestTarget("/v1/audit?limit=5&from=%31&flag&a+b=c+d").value();
  EXPECT_EQ(target.query.at("limit"), "5");
  EXPECT_EQ(target.query.at("from"), "1");
  EXPECT_EQ(target.query.at("flag"), "");
  EXPECT_EQ(target.query.at("a b"), "c d");
}

TEST(RouterTest, RejectsBadTargets) {
  for (std::string_view target : std::vector<std::string_view>{
           "v1/audit", "*", "/v1//audit", "/v1/%zz", "/v1/%4", "/v1/%", "/v1/%00", "/v1/..",
           "/v1/%2e%2E", "/v1/audit?x=%g0", std::string_view("/v1/imeis/3\0", 13), "/v1/a b",
           "/v1/a\x7f"}) {
    auto parsed = ParseRequestTarget(target);
    EXPECT_FALSE(parsed.ok()) << target;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput) << target;
    }
  }
}

}  // namespace
}  // namespace openceir::api
