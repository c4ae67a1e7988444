// The EIR node's Prometheus metrics (issue 5 item 6): answers by interface and answer, a
// latency histogram per interface with fixed buckets in microseconds, the snapshot's version
// and age, and sync failures by reason. Recording is relaxed atomic increments only (no lock,
// no allocation), so front ends call it on every request; RenderPrometheus reads the counters
// (each one atomically, not all together) into the text exposition format 0.0.4.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "openceir/eir/decision.h"

namespace openceir::eir {

enum class Interface : std::uint8_t { kN5g, kS13, kRest };
inline constexpr std::size_t kInterfaceCount = 3;
// "n5g", "s13", "rest".
std::string_view InterfaceName(Interface interface);

enum class Answer : std::uint8_t {
  kWhitelisted,
  kBlacklisted,
  kGreylisted,
  kUnknown,     // equipment unknown (404 / 5422)
  kBadRequest,  // the request was malformed (400, Diameter protocol errors)
  kError,       // the node failed to answer
};
inline constexpr std::size_t kAnswerCount = 6;
// "whitelisted", "blacklisted", "greylisted", "unknown", "bad_request", "error".
std::string_view AnswerName(Answer answer);
// The answer label of a decision.
Answer AnswerOf(const Decision& decision);

// Why a bundle sync failed (bundle/ reports these).
enum class SyncFailure : std::uint8_t {
  kFetch,      // the central node could not be reached, timed out or answered an HTTP error
  kSignature,  // the manifest's signature does not verify with the trusted key
  kChain,      // a delta's base is not the snapshot held, and no full bundle could be used
  kIntegrity,  // a file's size or SHA-256 differs from the manifest (truncated, tampered)
  kFormat,     // a verified file does not parse, or its rows do not build a snapshot
  kStorage,    // the node could not write its local copy
};
inline constexpr std::size_t kSyncFailureCount = 6;
// "fetch", "signature", "chain", "integrity", "format", "storage".
std::string_view SyncFailureName(SyncFailure reason);

class EirMetrics {
 public:
  // Upper bounds of the latency buckets, in microseconds (plus +Inf).
  static constexpr std::array<std::uint64_t, 12> kLatencyBucketsMicros = {
      10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 50000, 250000};

  EirMetrics() = default;
  EirMetrics(const EirMetrics&) = delete;
  EirMetrics& operator=(const EirMetrics&) = delete;

  // Thread-safe, lock-free, no allocation.
  void RecordAnswer(Interface interface, Answer answer, std::uint64_t latency_ns) noexcept;
  void SetSnapshot(std::uint64_t version, std::int64_t built_unix_seconds) noexcept;
  void RecordSyncFailure(SyncFailure reason) noexcept;
  void RecordSyncSuccess(std::int64_t unix_seconds) noexcept;

  // The metrics as Prometheus text. `now_unix_seconds` gives the snapshot's age.
  std::string RenderPrometheus(std::int64_t now_unix_seconds) const;

  // Counter values, for tests and logs.
  std::uint64_t AnswerCount(Interface interface, Answer answer) const noexcept;
  std::uint64_t SyncFailureCount(SyncFailure reason) const noexcept;

 private:
  static constexpr std::size_t kBucketCount = kLatencyBucketsMicros.size() + 1;  // + +Inf
  struct InterfaceCounters {
    std::array<std::atomic<std::uint64_t>, kAnswerCount> answers{};
    std::array<std::atomic<std::uint64_t>, kBucketCount> buckets{};  // not cumulative
    std::atomic<std::uint64_t> latency_sum_ns{0};
  };
  std::array<InterfaceCounters, kInterfaceCount> interfaces_{};
  std::array<std::atomic<std::uint64_t>, kSyncFailureCount> sync_failures_{};
  std::atomic<std::uint64_t> sync_successes_{0};
  std::atomic<std::int64_t> last_sync_unix_seconds_{0};
  std::atomic<std::uint64_t> snapshot_version_{0};
  std::atomic<std::int64_t> snapshot_built_unix_seconds_{0};
};

}  // namespace openceir::eir
