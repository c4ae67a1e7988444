// COPY of triplet-like rows (imei_norm, imsi, msisdn, date, rat) into an UNLOGGED and a logged
// table: the rate an operator import can reach into PostgreSQL (issue 6 asks >= 1 M rows/s).
// Each iteration creates the table, streams the rows (generated on the fly, as an import
// produces them) over one or two connections and waits for the server to commit them.
//
//   store_postgresql_copy_benchmark [--benchmark_filter=...]
//
// Starts a private cluster (scripts/pg-cluster.sh), or uses OPENCEIR_PG_DSN when set. Rows per
// iteration: OPENCEIR_PG_COPY_ROWS (default 10 000 000).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "openceir/store/postgresql/pg_copy_in.h"
#include "openceir/store/postgresql/pg_test_util.h"

namespace openceir::store::postgresql {
namespace {

constexpr std::array<std::string_view, 5> kColumns = {"imei_norm", "imsi", "msisdn", "date", "rat"};

std::int64_t RowsPerIteration() {
  const char* rows = std::getenv("OPENCEIR_PG_COPY_ROWS");
  return rows != nullptr ? std::atoll(rows) : 10'000'000;
}

Result<std::string> BenchmarkDsn() {
  if (const char* dsn = std::getenv("OPENCEIR_PG_DSN")) return std::string(dsn);
  return testing::FreshDatabase();
}

// `value` as exactly `width` digits (zero-padded), into `out`.
std::string_view Digits(char* out, int width, std::int64_t value) {
  char* end = out + width;
  for (char* p = end; p != out; value /= 10) *--p = static_cast<char>('0' + value % 10);
  return std::string_view(out, static_cast<std::size_t>(width));
}

// CPU seconds (user + system) used so far by process `pid`, from /proc; -1 when unreadable (a
// server on another machine).
double ProcessCpuSeconds(int pid) {
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string line;
  if (!std::getline(stat, line)) return -1;
  // Fields after the command name (which may hold spaces) start after the last ')'.
  std::istringstream fields(line.substr(line.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int index = 3; fields >> field && index <= 15; ++index) {
    if (index == 14 || index == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU seconds (user + system) used so far by this process, all threads.
double ClientCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Streams rows [first, end) of the month into `table` through `db`.
Status CopyRange(PgConnection& db, const std::string& table, std::int64_t first, std::int64_t end) {
  OPENCEIR_ASSIGN_OR_RETURN(PgCopyIn copy, PgCopyIn::Start(&db, table, kColumns));
  char imei[14], imsi[15], msisdn[12];
  for (std::int64_t seq = first; seq < end; ++seq) {
    copy.AddText(Digits(imei, 14, 35000000000000 + seq * 7919 % 100000000));
    copy.AddText(Digits(imsi, 15, 310150000000000 + seq));
    copy.AddText(Digits(msisdn, 12, 491700000000 + seq % 5000000));
    copy.AddInt64(20261101 + seq % 30);
    copy.AddInt64(seq % 4);
    OPENCEIR_RETURN_IF_ERROR(copy.EndRow());
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t stored, copy.Finish());
  if (stored != end - first) {
    return InternalError(fmt::format("COPY stored {} of {} rows", stored, end - first));
  }
  return Status::Ok();
}

// range(0): 1 = UNLOGGED table, 0 = logged; range(1): parallel COPY streams (connections), each
// loading an equal share of the rows into the same table.
void BM_CopyTriplets(benchmark::State& state) {
  const bool unlogged = state.range(0) == 1;
  const int streams = static_cast<int>(state.range(1));
  const std::int64_t rows = RowsPerIteration();
  auto dsn = BenchmarkDsn();
  if (!dsn.ok()) return state.SkipWithError(dsn.status().ToString().c_str());
  std::vector<std::unique_ptr<PgConnection>> connections;
  for (int i = 0; i < streams; ++i) {
    auto connection = PgConnection::Open(*dsn);
    if (!connection.ok()) return state.SkipWithError(connection.status().ToString().c_str());
    connections.push_back(std::move(*connection));
  }
  const std::string table = unlogged ? "bench_triplet_unlogged" : "bench_triplet_logged";
  double server_cpu = 0;
  double client_cpu = 0;

  for (auto _ : state) {
    state.PauseTiming();
    Status created = connections[0]->ExecScript(
        fmt::format("DROP TABLE IF EXISTS {0}; CREATE {1} TABLE {0} (imei_norm text NOT NULL,"
                    " imsi text NOT NULL, msisdn text NOT NULL, date integer NOT NULL,"
                    " rat integer NOT NULL); CHECKPOINT",
                    table, unlogged ? "UNLOGGED" : ""));
    if (!created.ok()) return state.SkipWithError(created.ToString().c_str());
    std::vector<double> cpu_before;
    for (auto& connection : connections) {
      cpu_before.push_back(ProcessCpuSeconds(connection->backend_pid()));
    }
    const double client_before = ClientCpuSeconds();
    state.ResumeTiming();

    std::vector<Status> results(static_cast<std::size_t>(streams));
    std::vector<std::thread> threads;
    for (int i = 0; i < streams; ++i) {
      threads.emplace_back([&, i] {
        results[static_cast<std::size_t>(i)] =
            CopyRange(*connections[static_cast<std::size_t>(i)], table, rows * i / streams,
                      rows * (i + 1) / streams);
      });
    }
    for (auto& thread : threads) thread.join();

    state.PauseTiming();
    client_cpu += ClientCpuSeconds() - client_before;
    for (const Status& result : results) {
      if (!result.ok()) return state.SkipWithError(result.ToString().c_str());
    }
    for (std::size_t i = 0; i < connections.size(); ++i) {
      server_cpu += ProcessCpuSeconds(connections[i]->backend_pid()) - cpu_before[i];
    }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["rows"] = static_cast<double>(rows);
  // CPU time of the server backends (all streams) and of this process (generating and
  // formatting rows): they show the rate an otherwise idle machine would reach, whatever else
  // is running.
  state.counters["server_cpu_s"] = server_cpu / static_cast<double>(state.iterations());
  state.counters["client_cpu_s"] = client_cpu / static_cast<double>(state.iterations());
}
BENCHMARK(BM_CopyTriplets)
    ->ArgNames({"unlogged", "streams"})
    ->Args({1, 1})
    ->Args({0, 1})
    ->Args({1, 2})
    ->Args({0, 2})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace openceir::store::postgresql
