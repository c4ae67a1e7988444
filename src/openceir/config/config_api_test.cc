// The `api` section: defaults, every key, and each rule's message at its key path.
#include <gtest/gtest.h>

#include "openceir/config/config_loader.h"

namespace openceir::config {
namespace {

constexpr std::string_view kRegion = R"(region:
  name: Testland
  country_codes: ["999"]
  mccs: ["999"]
  operators:
    - id: op1
      name: One
      mcc_mncs: ["99901"]
)";

ConfigParseOutcome Parse(std::string_view api) {
  return ParseConfigYamlWithProblems(std::string(kRegion) + std::string(api), "");
}

std::string Problems(std::string_view api) {
  std::string all;
  for (const ConfigProblem& p : Parse(api).problems) all += p.path + ": " + p.message + "\n";
  return all;
}

TEST(ApiConfigTest, AbsentSectionKeepsDefaults) {
  ConfigParseOutcome outcome = Parse("");
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.config.api.listen, "127.0.0.1:8081");
  EXPECT_EQ(outcome.config.api.threads, 2);
  EXPECT_EQ(outcome.config.api.public_burst, 20);
}

TEST(ApiConfigTest, ReadsEveryKey) {
  ConfigParseOutcome outcome = Parse(R"(api:
  listen: "[::1]:0"
  threads: 4
  public_requests_per_second: 0.5
  public_burst: 3
  max_body_bytes: 65536
  idle_timeout_seconds: 5
)");
  ASSERT_TRUE(outcome.ok()) << Problems("");
  const ApiConfig& api = outcome.config.api;
  EXPECT_EQ(api.listen, "[::1]:0");
  EXPECT_EQ(api.threads, 4);
  EXPECT_DOUBLE_EQ(api.public_requests_per_second, 0.5);
  EXPECT_EQ(api.public_burst, 3);
  EXPECT_EQ(api.max_body_bytes, 65536);
  EXPECT_EQ(api.idle_timeout_seconds, 5);
}

TEST(ApiConfigTest, NamesEachProblem) {
  struct Case {
    std::string_view yaml;
    std::string_view expected;
  };
  for (const Case& c : std::vector<Case>{
           {"api:\n  listen: localhost\n", "api.listen: \"localhost\" is not \"host:port\""},
           {"api:\n  listen: \"h:70000\"\n", "not 0-65535"},
           {"api:\n  threads: 0\n", "api.threads"},
           {"api:\n  threads: 65\n", "more than 64"},
           {"api:\n  public_requests_per_second: 0\n", "must be more than 0"},
           {"api:\n  public_burst: 0\n", "api.public_burst"},
           {"api:\n  max_body_bytes: 10\n", "api.max_body_bytes"},
           {"api:\n  colour: red\n", "colour"},
       }) {
    std::string problems = Problems(c.yaml);
    EXPECT_NE(problems.find(c.expected), std::string::npos) << c.yaml << " gave: " << problems;
  }
}

}  // namespace
}  // namespace openceir::config
