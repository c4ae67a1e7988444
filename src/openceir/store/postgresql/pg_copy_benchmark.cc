// COPY of triplet-like rows (imei_norm, imsi, msisdn, date, rat) into an UNLOGGED and a logged
// table: the rate an operator import can reach into PostgreSQL (issue 6 asks >= 1 M rows/s).
// Each iteration creates the table, streams the rows (generated on the fly, as an import
// produces them) and waits for the server to commit them.
//
//   store_postgresql_copy_benchmark [--benchmark_filter=...]
//
// Starts a private cluster (scripts/pg-cluster.sh), or uses OPENCEIR_PG_DSN when set. Rows per
// iteration: OPENCEIR_PG_COPY_ROWS (default 10 000 000).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdlib>

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

void BM_CopyTriplets(benchmark::State& state) {
  const bool unlogged = state.range(0) == 1;
  const std::int64_t rows = RowsPerIteration();
  auto dsn = BenchmarkDsn();
  if (!dsn.ok()) return state.SkipWithError(dsn.status().ToString().c_str());
  auto connection = PgConnection::Open(*dsn);
  if (!connection.ok()) return state.SkipWithError(connection.status().ToString().c_str());
  PgConnection& db = **connection;
  const std::string table = unlogged ? "bench_triplet_unlogged" : "bench_triplet_logged";

  for (auto _ : state) {
    state.PauseTiming();
    Status created = db.ExecScript(
        fmt::format("DROP TABLE IF EXISTS {0}; CREATE {1} TABLE {0} (imei_norm text NOT NULL,"
                    " imsi text NOT NULL, msisdn text NOT NULL, date integer NOT NULL,"
                    " rat integer NOT NULL); CHECKPOINT",
                    table, unlogged ? "UNLOGGED" : ""));
    if (!created.ok()) return state.SkipWithError(created.ToString().c_str());
    state.ResumeTiming();

    auto copy = PgCopyIn::Start(&db, table, kColumns);
    if (!copy.ok()) return state.SkipWithError(copy.status().ToString().c_str());
    char imei[14], imsi[15], msisdn[12];
    for (std::int64_t seq = 0; seq < rows; ++seq) {
      copy->AddText(Digits(imei, 14, 35000000000000 + seq * 7919 % 100000000));
      copy->AddText(Digits(imsi, 15, 310150000000000 + seq));
      copy->AddText(Digits(msisdn, 12, 491700000000 + seq % 5000000));
      copy->AddInt64(20261101 + seq % 30);
      copy->AddInt64(seq % 4);
      if (Status sent = copy->EndRow(); !sent.ok()) {
        return state.SkipWithError(sent.ToString().c_str());
      }
    }
    auto copied = copy->Finish();
    if (!copied.ok() || *copied != rows) {
      return state.SkipWithError(
          fmt::format("COPY stored {}: {}", copied.ok() ? *copied : -1, copied.status().ToString())
              .c_str());
    }
  }
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_CopyTriplets)
    ->ArgName("unlogged")
    ->Arg(1)
    ->Arg(0)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace openceir::store::postgresql
