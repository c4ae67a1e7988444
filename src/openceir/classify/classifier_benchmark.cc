// classifier_benchmark: one classification run of a month with --imeis IMEIs (default 1 M) and
// about 3 triplets each, through the shipped default conditions (etc/openceir.yaml), on a
// SQLite store built by direct batch writes. Prints the store build time, then the run's wall
// time, IMEIs/s and the process's peak RSS.
//
//   classifier_benchmark [--imeis N] [--dir DIR] [--keep] [--registered-share 0.9]
//
// --keep reuses a store built earlier in DIR (and runs the classification again on it, with a
// later analysis date each time: runs must not go back in time). Build a large store once
// (--imeis 10000000 takes minutes) and time re-runs with --keep; without --keep the peak RSS
// printed is the building process's.
#include <fmt/format.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/classify/classifier.h"
#include "openceir/config/config_loader.h"
#include "openceir/identifiers/imei.h"
#include "openceir/identifiers/rat.h"
#include "openceir/ingest/list_import.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::classify {
namespace {

struct Options {
  std::int64_t imeis = 1'000'000;
  std::string dir = "/tmp/openceir_classifier_benchmark";
  bool keep = false;
  double registered_share = 0.9;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double CpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// CPU time of the calling thread alone (the scan runs on a thread of its own: the process's CPU
// time minus this is the scan thread's, SQLite starting no threads).
double ThreadCpuSeconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

long PeakRssMb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::uint64_t Mix(std::uint64_t x) {  // splitmix64: deterministic day masks and counts
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The 1-minute load average (the machine is shared: wall time depends on it).
std::string LoadAverage() {
  std::ifstream loadavg("/proc/loadavg");
  std::string one;
  loadavg >> one;
  return one.empty() ? "?" : one;
}

[[noreturn]] void Fail(const Status& status) {
  std::fprintf(stderr, "classifier_benchmark: %s\n", status.ToString().c_str());
  std::exit(1);
}

// The sample GSMA TACs, sorted, so IMEIs (TAC + serial) are generated in imei_norm order.
std::vector<std::string> SampleTacs() {
  std::ifstream gsma(std::string(OPENCEIR_SOURCE_DIR) + "/data/sample/gsma_tac.txt");
  std::vector<std::string> tacs;
  std::string line;
  std::getline(gsma, line);  // header
  while (std::getline(gsma, line)) {
    if (line.size() > 8 && line[8] == '|') tacs.push_back(line.substr(0, 8));
  }
  std::sort(tacs.begin(), tacs.end());
  return tacs;
}

void Import(store::RegistryStore& registry, const config::Config& config, store::ListKind kind,
            const std::string& path) {
  auto report = ingest::ImportList(registry, config, kind, path, {});
  if (!report.ok()) Fail(report.status());
  if (!report->accepted) Fail(InvalidInputError(report->summary));
}

void BuildStore(const Options& options, const config::Config& config, const std::string& db) {
  const auto began = std::chrono::steady_clock::now();
  ManualClock clock(1'790'000'000);
  auto registry = store::OpenSqliteRegistryStore(db, &clock);
  if (!registry.ok()) Fail(registry.status());
  if (Status migrated = (*registry)->Migrate(); !migrated.ok()) Fail(migrated);
  auto observations = store::OpenSqliteObservationStore(db, &clock);
  if (!observations.ok()) Fail(observations.status());
  if (Status migrated = (*observations)->Migrate(); !migrated.ok()) Fail(migrated);

  Import(**registry, config, store::ListKind::kGsmaTac,
         std::string(OPENCEIR_SOURCE_DIR) + "/data/sample/gsma_tac.txt");
  const std::vector<std::string> tacs = SampleTacs();
  const std::int64_t per_tac = options.imeis / static_cast<std::int64_t>(tacs.size()) + 1;
  const std::string registration_path = options.dir + "/registration.csv";
  const std::string stolen_path = options.dir + "/stolen.csv";
  std::ofstream registration(registration_path);
  std::ofstream stolen(stolen_path);
  registration << "approved_imei,make,model,status,model_number,brand_name,device_type,"
                  "radio_interface,device_id\n";
  stolen << "imei,reporting_date,status\n";

  const Date october = *ParseYyyymmdd("20261001");
  const store::MonthIndex month = store::MonthOf(october);
  // GSM: every model of the sample database has it, so inconsistent_rat stays quiet.
  const store::RatMask gsm = identifiers::ParseRatList("002").value();
  const char* operators[] = {"op1", "op2", "op3"};
  const char* mcc_mncs[] = {"99901", "99902", "99903"};
  auto batch = (*observations)->BeginBatch();
  if (!batch.ok()) Fail(batch.status());
  std::vector<store::TripletMonth> triplets;
  std::int64_t total_triplets = 0;
  for (std::int64_t i = 0; i < options.imeis; ++i) {
    const std::string imei_norm =
        fmt::format("{}{:06}", tacs[static_cast<std::size_t>(i / per_tac)], i % per_tac);
    const std::uint64_t h = Mix(static_cast<std::uint64_t>(i));
    // Lists carry the 15-digit IMEI a person typed: with its real check digit.
    const int check_digit = identifiers::LuhnCheckDigit(imei_norm);
    // 1-5 subscribers (3 on average); one IMEI in 1000 cloned onto 12.
    const bool cloned = i % 1000 == 7;
    const int users = cloned ? 12 : 1 + static_cast<int>(i % 5);
    for (int u = 0; u < users; ++u) {
      store::TripletMonth t;
      // A household's SIMs are of one operator; a clone's SIMs of any.
      const int op = static_cast<int>((cloned ? h >> (u * 2) : h) % 3);
      t.operator_id = operators[op];
      t.month = month;
      t.imei_norm = imei_norm;
      t.imsi = fmt::format("{}{:010}", mcc_mncs[op], (i * 7 + u) % 10'000'000'000);
      t.msisdn = fmt::format("999{:09}", (i * 7 + u) % 1'000'000'000);
      t.day_mask =
          static_cast<store::DayMask>(Mix(h + static_cast<std::uint64_t>(u)) & 0x3fffffffu);
      if (t.day_mask == 0) t.day_mask = 1;
      t.first_seen = Date{october.days + __builtin_ctz(t.day_mask)};
      t.last_seen = Date{october.days + 31 - __builtin_clz(t.day_mask)};
      t.rat_mask = gsm;
      t.imsi_class = store::kImsiLocalSubscriber;
      triplets.push_back(std::move(t));
    }
    if (static_cast<double>(h % 1000) < options.registered_share * 1000) {
      registration << imei_norm << check_digit << ",Acme,Model,whitelist,,,Smartphone,,\n";
    }
    if (i % 1000 == 3) stolen << imei_norm << check_digit << ",20260901,\n";
    if (triplets.size() >= 100'000) {
      if (Status merged = (*batch)->MergeTriplets(triplets); !merged.ok()) Fail(merged);
      total_triplets += static_cast<std::int64_t>(triplets.size());
      triplets.clear();
    }
  }
  if (Status merged = (*batch)->MergeTriplets(triplets); !merged.ok()) Fail(merged);
  total_triplets += static_cast<std::int64_t>(triplets.size());
  store::ObservationImport import;
  import.job_id = 1;
  import.kind = store::ObservationImportKind::kOperatorData;
  import.operator_id = "op1";
  import.file_sha256 = std::string(64, 'a');
  import.first_day = october;
  import.last_day = Date{october.days + 29};
  import.rows = total_triplets;
  if (Status committed = (*batch)->Commit(import); !committed.ok()) Fail(committed);
  registration.close();
  stolen.close();
  Import(**registry, config, store::ListKind::kRegistration, registration_path);
  Import(**registry, config, store::ListKind::kStolen, stolen_path);
  fmt::print("store built: {} IMEIs, {} triplets, {:.1f} s\n", options.imeis, total_triplets,
             Seconds(began));
}

int Main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--imeis" && i + 1 < argc) {
      options.imeis = std::atoll(argv[++i]);
    } else if (arg == "--dir" && i + 1 < argc) {
      options.dir = argv[++i];
    } else if (arg == "--keep") {
      options.keep = true;
    } else if (arg == "--registered-share" && i + 1 < argc) {
      options.registered_share = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: classifier_benchmark [--imeis N] [--dir DIR] [--keep] "
                   "[--registered-share S]\n");
      return 2;
    }
  }
  auto config = config::LoadConfigFile(std::string(OPENCEIR_SOURCE_DIR) + "/etc/openceir.yaml");
  if (!config.ok()) Fail(config.status());
  const std::string db = options.dir + "/benchmark.db";
  if (!options.keep || !std::filesystem::exists(db)) {
    std::filesystem::remove_all(options.dir);
    std::filesystem::create_directories(options.dir);
    BuildStore(options, *config, db);
  }

  SystemClock clock;
  auto registry = store::OpenSqliteRegistryStore(db, &clock);
  if (!registry.ok()) Fail(registry.status());
  auto observations = store::OpenSqliteObservationStore(db, &clock);
  if (!observations.ok()) Fail(observations.status());
  auto runs = (*registry)->ListClassificationRuns(1);
  if (!runs.ok()) Fail(runs.status());
  ClassifyOptions classify_options;
  // 20261031 the first time; a day later on every rerun (same data, later date).
  classify_options.curr_date =
      runs->empty() ? *ParseYyyymmdd("20261031") : Date{runs->front().curr_date.days + 1};
  classify_options.job = {"classify", "benchmark", "benchmark", "", "", ::getpid()};
  classify_options.open_reader = [&] { return store::OpenSqliteObservationStore(db, &clock); };
  const std::string load_before = LoadAverage();
  const long rss_before = PeakRssMb();
  const double cpu_before = CpuSeconds();
  const double thread_cpu_before = ThreadCpuSeconds();
  const auto began = std::chrono::steady_clock::now();
  auto report = Classify(**registry, **observations, *config, classify_options);
  if (!report.ok()) Fail(report.status());
  const double seconds = Seconds(began);
  const double cpu_seconds = CpuSeconds() - cpu_before;
  const double calling_cpu_seconds = ThreadCpuSeconds() - thread_cpu_before;
  std::int64_t matches = 0;
  std::int64_t started = 0;
  for (const store::ConditionRunRecord& record : report->run.conditions) {
    fmt::print("  {:<26} {:>8} matching{}\n", record.spec.label, record.matching,
               record.applied ? "" : " (capped)");
    matches += record.matching;
    started += record.started;
  }
  fmt::print(
      "classified {} IMEIs ({} windows) on {}: {:.2f} s wall, {:.0f} IMEIs/s, {:.2f} s CPU "
      "(both threads; calling thread {:.2f} s, scan thread {:.2f} s); {} matches ({} "
      "started), {} cloned IMEIs ({} genuine users); peak RSS {} MB (before the run {} MB); "
      "load average {} before, {} after\n",
      report->run.seen_imeis, report->windows.size(), FormatYyyymmdd(classify_options.curr_date),
      seconds, static_cast<double>(report->run.seen_imeis) / seconds, cpu_seconds,
      calling_cpu_seconds, cpu_seconds - calling_cpu_seconds, matches, started,
      report->cloned_imeis, report->genuine_users_designated, PeakRssMb(), rss_before, load_before,
      LoadAverage());
  return 0;
}

}  // namespace
}  // namespace openceir::classify

int main(int argc, char** argv) { return openceir::classify::Main(argc, argv); }
