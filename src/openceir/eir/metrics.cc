// EirMetrics: relaxed counters, rendered as Prometheus text exposition format 0.0.4.
#include "openceir/eir/metrics.h"

#include <fmt/format.h>

#include <iterator>
#include <utility>

namespace openceir::eir {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

// Appends one formatted line to `out`.
template <typename... Args>
void Line(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
  out.push_back('\n');
}

}  // namespace

std::string_view InterfaceName(Interface interface) {
  switch (interface) {
    case Interface::kN5g: return "n5g";
    case Interface::kS13: return "s13";
    case Interface::kRest: return "rest";
  }
  return "rest";
}

std::string_view AnswerName(Answer answer) {
  switch (answer) {
    case Answer::kWhitelisted: return "whitelisted";
    case Answer::kBlacklisted: return "blacklisted";
    case Answer::kGreylisted: return "greylisted";
    case Answer::kUnknown: return "unknown";
    case Answer::kBadRequest: return "bad_request";
    case Answer::kError: return "error";
  }
  return "error";
}

Answer AnswerOf(const Decision& decision) {
  if (decision.equipment_unknown) return Answer::kUnknown;
  switch (decision.status) {
    case EquipmentStatus::kWhitelisted: return Answer::kWhitelisted;
    case EquipmentStatus::kBlacklisted: return Answer::kBlacklisted;
    case EquipmentStatus::kGreylisted: return Answer::kGreylisted;
  }
  return Answer::kError;
}

std::string_view SyncFailureName(SyncFailure reason) {
  switch (reason) {
    case SyncFailure::kFetch: return "fetch";
    case SyncFailure::kSignature: return "signature";
    case SyncFailure::kChain: return "chain";
    case SyncFailure::kIntegrity: return "integrity";
    case SyncFailure::kFormat: return "format";
    case SyncFailure::kStorage: return "storage";
  }
  return "fetch";
}

void EirMetrics::RecordAnswer(Interface interface, Answer answer,
                              std::uint64_t latency_ns) noexcept {
  InterfaceCounters& counters = interfaces_[static_cast<std::size_t>(interface)];
  counters.answers[static_cast<std::size_t>(answer)].fetch_add(1, kRelaxed);
  // A bucket holds latencies <= its bound (Prometheus "le"); the last one is +Inf.
  const std::uint64_t micros_ceil = (latency_ns + 999) / 1000;
  std::size_t bucket = 0;
  while (bucket < kLatencyBucketsMicros.size() && micros_ceil > kLatencyBucketsMicros[bucket]) {
    ++bucket;
  }
  counters.buckets[bucket].fetch_add(1, kRelaxed);
  counters.latency_sum_ns.fetch_add(latency_ns, kRelaxed);
}

void EirMetrics::SetSnapshot(std::uint64_t version, std::int64_t built_unix_seconds) noexcept {
  snapshot_version_.store(version, kRelaxed);
  snapshot_built_unix_seconds_.store(built_unix_seconds, kRelaxed);
}

void EirMetrics::RecordSyncFailure(SyncFailure reason) noexcept {
  sync_failures_[static_cast<std::size_t>(reason)].fetch_add(1, kRelaxed);
}

void EirMetrics::RecordSyncSuccess(std::int64_t unix_seconds) noexcept {
  sync_successes_.fetch_add(1, kRelaxed);
  last_sync_unix_seconds_.store(unix_seconds, kRelaxed);
}

std::uint64_t EirMetrics::AnswerCount(Interface interface, Answer answer) const noexcept {
  return interfaces_[static_cast<std::size_t>(interface)]
      .answers[static_cast<std::size_t>(answer)]
      .load(kRelaxed);
}

std::uint64_t EirMetrics::SyncFailureCount(SyncFailure reason) const noexcept {
  return sync_failures_[static_cast<std::size_t>(reason)].load(kRelaxed);
}

std::string EirMetrics::RenderPrometheus(std::int64_t now_unix_seconds) const {
  std::string out;
  Line(out,
       "# HELP openceir_eir_answers_total Equipment checks answered, by interface and answer.");
  Line(out, "# TYPE openceir_eir_answers_total counter");
  for (std::size_t i = 0; i < kInterfaceCount; ++i) {
    for (std::size_t a = 0; a < kAnswerCount; ++a) {
      Line(out, "openceir_eir_answers_total{{interface=\"{}\",answer=\"{}\"}} {}",
           InterfaceName(static_cast<Interface>(i)), AnswerName(static_cast<Answer>(a)),
           interfaces_[i].answers[a].load(kRelaxed));
    }
  }
  Line(out, "# HELP openceir_eir_answer_latency_microseconds Time from request to answer.");
  Line(out, "# TYPE openceir_eir_answer_latency_microseconds histogram");
  for (std::size_t i = 0; i < kInterfaceCount; ++i) {
    const std::string_view name = InterfaceName(static_cast<Interface>(i));
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBucketCount; ++b) {
      cumulative += interfaces_[i].buckets[b].load(kRelaxed);
      if (b < kLatencyBucketsMicros.size()) {
        Line(out,
             "openceir_eir_answer_latency_microseconds_bucket{{interface=\"{}\",le=\"{}\"}} {}",
             name, kLatencyBucketsMicros[b], cumulative);
      } else {
        Line(out,
             "openceir_eir_answer_latency_microseconds_bucket{{interface=\"{}\",le=\"+Inf\"}} {}",
             name, cumulative);
      }
    }
    const double sum_micros =
        static_cast<double>(interfaces_[i].latency_sum_ns.load(kRelaxed)) / 1e3;
    Line(out, "openceir_eir_answer_latency_microseconds_sum{{interface=\"{}\"}} {:.3f}", name,
         sum_micros);
    Line(out, "openceir_eir_answer_latency_microseconds_count{{interface=\"{}\"}} {}", name,
         cumulative);
  }
  const std::int64_t built = snapshot_built_unix_seconds_.load(kRelaxed);
  Line(out,
       "# HELP openceir_eir_snapshot_version Bundle sequence of the snapshot answering (0: none).");
  Line(out, "# TYPE openceir_eir_snapshot_version gauge");
  Line(out, "openceir_eir_snapshot_version {}", snapshot_version_.load(kRelaxed));
  Line(out,
       "# HELP openceir_eir_snapshot_built_timestamp_seconds When the snapshot's lists were made.");
  Line(out, "# TYPE openceir_eir_snapshot_built_timestamp_seconds gauge");
  Line(out, "openceir_eir_snapshot_built_timestamp_seconds {}", built);
  Line(out, "# HELP openceir_eir_snapshot_age_seconds Age of the snapshot's lists.");
  Line(out, "# TYPE openceir_eir_snapshot_age_seconds gauge");
  Line(out, "openceir_eir_snapshot_age_seconds {}", built > 0 ? now_unix_seconds - built : 0);
  Line(out, "# HELP openceir_eir_sync_failures_total Bundle syncs refused or failed, by reason.");
  Line(out, "# TYPE openceir_eir_sync_failures_total counter");
  for (std::size_t r = 0; r < kSyncFailureCount; ++r) {
    Line(out, "openceir_eir_sync_failures_total{{reason=\"{}\"}} {}",
         SyncFailureName(static_cast<SyncFailure>(r)), sync_failures_[r].load(kRelaxed));
  }
  Line(out, "# HELP openceir_eir_sync_successes_total Bundles applied.");
  Line(out, "# TYPE openceir_eir_sync_successes_total counter");
  Line(out, "openceir_eir_sync_successes_total {}", sync_successes_.load(kRelaxed));
  Line(out, "# HELP openceir_eir_last_sync_timestamp_seconds When a bundle was last applied.");
  Line(out, "# TYPE openceir_eir_last_sync_timestamp_seconds gauge");
  Line(out, "openceir_eir_last_sync_timestamp_seconds {}", last_sync_unix_seconds_.load(kRelaxed));
  return out;
}

}  // namespace openceir::eir
