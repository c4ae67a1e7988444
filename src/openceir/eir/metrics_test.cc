// EirMetrics: the rendered text parses as Prometheus exposition format and carries what was
// recorded (counters, cumulative histogram buckets, snapshot gauges, sync failures).
#include "openceir/eir/metrics.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

namespace openceir::eir {
namespace {

// Parses exposition text into "name{labels}" -> value; fails the test on a malformed line or a
// sample whose family has no TYPE line before it.
std::map<std::string, double> ParsePrometheus(const std::string& text) {
  static const std::regex kSample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*)\})? (-?[0-9.eE+-]+|\+Inf|NaN))");
  static const std::regex kType(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram))");
  static const std::regex kHelp(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+)");
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (std::regex_match(line, match, kType)) {
      types[match[1]] = match[2];
    } else if (std::regex_match(line, kHelp)) {
    } else if (std::regex_match(line, match, kSample)) {
      std::string family = match[1];
      for (std::string suffix : {"_bucket", "_sum", "_count"}) {
        if (family.ends_with(suffix) &&
            types.count(family.substr(0, family.size() - suffix.size())) != 0) {
          family = family.substr(0, family.size() - suffix.size());
        }
      }
      EXPECT_EQ(types.count(family), 1u) << "no TYPE before: " << line;
      EXPECT_EQ(samples.count(match[1].str() + match[2].str()), 0u) << "repeated: " << line;
      samples[match[1].str() + match[2].str()] = std::stod(match[5]);
    } else {
      ADD_FAILURE() << "not exposition format: '" << line << "'";
    }
  }
  return samples;
}

TEST(EirMetricsTest, RendersRecordedAnswersLatenciesSnapshotAndSyncFailures) {
  EirMetrics metrics;
  metrics.RecordAnswer(Interface::kN5g, Answer::kWhitelisted, 8'000);    // 8 us
  metrics.RecordAnswer(Interface::kN5g, Answer::kWhitelisted, 10'000);   // 10 us: le=10
  metrics.RecordAnswer(Interface::kN5g, Answer::kBlacklisted, 10'001);   // just over: le=25
  metrics.RecordAnswer(Interface::kS13, Answer::kUnknown, 900'000'000);  // 900 ms: +Inf
  metrics.SetSnapshot(42, 1'700'000'000);
  metrics.RecordSyncFailure(SyncFailure::kSignature);
  metrics.RecordSyncFailure(SyncFailure::kSignature);
  metrics.RecordSyncSuccess(1'700'000'100);

  const auto samples = ParsePrometheus(metrics.RenderPrometheus(1'700'000'600));
  EXPECT_EQ(samples.at(R"(openceir_eir_answers_total{interface="n5g",answer="whitelisted"})"), 2);
  EXPECT_EQ(samples.at(R"(openceir_eir_answers_total{interface="n5g",answer="blacklisted"})"), 1);
  EXPECT_EQ(samples.at(R"(openceir_eir_answers_total{interface="s13",answer="unknown"})"), 1);
  EXPECT_EQ(samples.at(R"(openceir_eir_answers_total{interface="rest",answer="error"})"), 0);
  const std::string bucket = "openceir_eir_answer_latency_microseconds_bucket";
  EXPECT_EQ(samples.at(bucket + R"({interface="n5g",le="10"})"), 2);
  EXPECT_EQ(samples.at(bucket + R"({interface="n5g",le="25"})"), 3);
  EXPECT_EQ(samples.at(bucket + R"({interface="n5g",le="+Inf"})"), 3);
  EXPECT_EQ(samples.at(bucket + R"({interface="s13",le="250000"})"), 0);
  EXPECT_EQ(samples.at(bucket + R"({interface="s13",le="+Inf"})"), 1);
  EXPECT_EQ(samples.at(R"(openceir_eir_answer_latency_microseconds_count{interface="n5g"})"), 3);
  EXPECT_DOUBLE_EQ(samples.at(R"(openceir_eir_answer_latency_microseconds_sum{interface="n5g"})"),
                   28.001);
  EXPECT_EQ(samples.at("openceir_eir_snapshot_version"), 42);
  EXPECT_EQ(samples.at("openceir_eir_snapshot_age_seconds"), 600);
  EXPECT_EQ(samples.at(R"(openceir_eir_sync_failures_total{reason="signature"})"), 2);
  EXPECT_EQ(samples.at(R"(openceir_eir_sync_failures_total{reason="chain"})"), 0);
  EXPECT_EQ(samples.at("openceir_eir_sync_successes_total"), 1);
}

TEST(EirMetricsTest, BucketsAreCumulativeAndEndAtTheCount) {
  EirMetrics metrics;
  for (std::uint64_t ns = 500; ns < 400'000'000; ns = ns * 3 + 7) {
    metrics.RecordAnswer(Interface::kRest, Answer::kGreylisted, ns);
  }
  const auto samples = ParsePrometheus(metrics.RenderPrometheus(0));
  double previous = 0;
  for (std::uint64_t bound : EirMetrics::kLatencyBucketsMicros) {
    const double value =
        samples.at("openceir_eir_answer_latency_microseconds_bucket{interface=\"rest\",le=\"" +
                   std::to_string(bound) + "\"}");
    EXPECT_GE(value, previous) << bound;
    previous = value;
  }
  EXPECT_EQ(
      samples.at(R"(openceir_eir_answer_latency_microseconds_bucket{interface="rest",le="+Inf"})"),
      samples.at(R"(openceir_eir_answer_latency_microseconds_count{interface="rest"})"));
  EXPECT_EQ(samples.at("openceir_eir_snapshot_age_seconds"), 0);  // no snapshot yet
}

TEST(EirMetricsTest, CountsEveryAnswerRecordedConcurrently) {
  EirMetrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 50000; ++i) {
        metrics.RecordAnswer(Interface::kS13, Answer::kWhitelisted, 1000);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(metrics.AnswerCount(Interface::kS13, Answer::kWhitelisted), 200000u);
}

TEST(EirMetricsTest, AnswerOfDecision) {
  Decision decision;
  EXPECT_EQ(AnswerOf(decision), Answer::kWhitelisted);
  decision.status = EquipmentStatus::kGreylisted;
  EXPECT_EQ(AnswerOf(decision), Answer::kGreylisted);
  decision.equipment_unknown = true;
  EXPECT_EQ(AnswerOf(decision), Answer::kUnknown);
}

}  // namespace
}  // namespace openceir::eir
