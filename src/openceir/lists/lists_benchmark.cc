// List generation benchmark: N blocked IMEIs (and N/10 notified IMEIs with three triplets each on
// two operators) in a real SQLite store, then the lists generated in a fresh process so that its
// peak RSS is the generation's own. Prints rows/s, seconds and peak RSS for the full lists and
// for full + deltas against a base run over the same IMEIs.
//
//   lists_benchmark [BLOCKED_IMEIS]        (default 1000000)
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "openceir/lists/list_generator.h"
#include "openceir/lists/list_test_util.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::lists {
namespace {

std::string ImeiOf(std::int64_t i) { return fmt::format("35{:012d}", i); }

Status Seed(ListsTestbed& bed, std::int64_t blocked, store::JobId* base, store::JobId* run) {
  std::vector<store::ConditionSpec> conditions(2);
  conditions[0].label = "gsma_not_found";
  conditions[0].reason = "TAC not found";
  conditions[1].label = "duplicate";
  conditions[1].reason = "Duplicate IMEI";
  conditions[1].grace_period_days = 60;
  std::vector<TestMatch> matches;
  std::vector<SeenTriplet> triplets;
  const std::int64_t notified = blocked / 10;
  for (std::int64_t i = 0; i < blocked + notified; ++i) {
    bool block = i % 11 != 10;
    matches.push_back({block ? 0u : 1u, ImeiOf(i)});
    if (!block) {
      std::string imei = ImeiOf(i);
      triplets.push_back(
          {"op1", imei, fmt::format("41001{:010d}", i), "92300" + imei.substr(7), Day("20260110")});
      triplets.push_back(
          {"op1", imei, fmt::format("41002{:010d}", i), "92301" + imei.substr(7), Day("20260111")});
      triplets.push_back(
          {"op2", imei, fmt::format("31026{:010d}", i), "12025" + imei.substr(7), Day("20260112")});
    }
  }
  OPENCEIR_RETURN_IF_ERROR(bed.See(triplets));
  OPENCEIR_ASSIGN_OR_RETURN(*base, bed.Classify(Day("20260114"), conditions, matches));
  OPENCEIR_ASSIGN_OR_RETURN(*run, bed.Classify(Day("20260115"), conditions, matches));
  return Status::Ok();
}

// The child: generates once and prints its figures.
int Generate(const std::string& dir, store::JobId run, std::optional<store::JobId> base,
             const char* label) {
  ManualClock clock(0);
  auto registry = store::OpenSqliteRegistryStore(dir + "/store.db", &clock);
  auto observations = store::OpenSqliteObservationStore(dir + "/store.db", &clock);
  if (!registry.ok() || !observations.ok()) return 3;
  ListRequest request;
  request.run = run;
  request.base_run = base;
  request.operators = ListsTestbed::Operators();
  request.output_dir = dir + "/" + label;
  std::filesystem::create_directories(request.output_dir);
  auto start = std::chrono::steady_clock::now();
  auto manifest = GenerateLists(**registry, **observations, request);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!manifest.ok()) {
    fmt::print(stderr, "{}\n", manifest.status().ToString());
    return 1;
  }
  std::int64_t rows = 0;
  for (const ZipRecord& zip : manifest->zips) {
    for (const ListFileRecord& file : zip.members) rows += file.rows;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto cpu = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  // CPU time beside wall time: the build machine is shared, CPU time is the steadier figure.
  fmt::print(
      "{:<12} blacklisted {:>8}  notified {:>7}  rows written {:>8}  wall {:6.2f} s  "
      "CPU {:6.2f} s  {:>7.0f} blacklisted IMEIs/s (wall)  peak RSS {:.0f} MiB\n",
      label, manifest->blacklisted_imeis, manifest->notified_imeis, rows, seconds,
      cpu(usage.ru_utime) + cpu(usage.ru_stime),
      static_cast<double>(manifest->blacklisted_imeis) / seconds,
      static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

int RunChild(const std::string& dir, store::JobId run, std::optional<store::JobId> base,
             const char* label) {
  std::fflush(stdout);  // or the parent's buffered lines come after the child's
  pid_t pid = ::fork();
  if (pid == 0) {
    std::string run_text = std::to_string(run);
    std::string base_text = std::to_string(base.value_or(-1));
    ::execl("/proc/self/exe", "lists_benchmark", "--generate", dir.c_str(), run_text.c_str(),
            base_text.c_str(), label, static_cast<char*>(nullptr));
    std::_Exit(3);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}

}  // namespace
}  // namespace openceir::lists

int main(int argc, char** argv) {
  using namespace openceir::lists;  // NOLINT(google-build-using-namespace): main only
  if (argc == 6 && std::string(argv[1]) == "--generate") {
    std::int64_t base = std::atoll(argv[4]);
    return Generate(argv[2], std::atoll(argv[3]),
                    base < 0 ? std::nullopt : std::optional<openceir::store::JobId>(base), argv[5]);
  }
  std::int64_t blocked = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  auto bed = ListsTestbed::Create("lists-benchmark");
  if (!bed.ok()) return 3;
  openceir::store::JobId base = 0, run = 0;
  auto seed_start = std::chrono::steady_clock::now();
  openceir::Status seeded = Seed(**bed, blocked, &base, &run);
  if (!seeded.ok()) {
    fmt::print(stderr, "seeding: {}\n", seeded.ToString());
    return 1;
  }
  fmt::print("seeded {} blocked IMEIs in {:.1f} s\n", blocked,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - seed_start).count());
  int rc = RunChild((*bed)->dir(), run, std::nullopt, "full");
  if (rc == 0) rc = RunChild((*bed)->dir(), run, base, "full+deltas");
  return rc;
}
