// Benchmarks of CsvReader over generated in-memory files of about 50 MB: a stolen list (comma,
// 4 short columns, CRLF) and a GSMA TAC database ('|', 12 columns, some quoted fields with
// commas and doubled quotes), read strictly and with literal quotes. Reported as bytes/s and
// records/s.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

#include "openceir/csv/csv_reader.h"
#include "openceir/io/memory_input_stream.h"

namespace openceir::csv {
namespace {

constexpr std::size_t kTargetBytes = std::size_t{50} << 20;

struct GeneratedFile {
  std::string text;
  std::int64_t records = 0;
};

std::string Digits(std::mt19937_64& random, int count) {
  std::string out;
  for (int k = 0; k < count; ++k) out += static_cast<char>('0' + random() % 10);
  return out;
}

// imei,reporting_date,status,case_id: mostly confirmed, some pending, CRLF line ends.
const GeneratedFile& StolenList() {
  static const GeneratedFile file = [] {
    GeneratedFile out;
    std::mt19937_64 random(20160701);
    out.text = "imei,reporting_date,status,case_id\r\n";
    out.records = 1;
    while (out.text.size() < kTargetBytes) {
      out.text += "35" + Digits(random, 13) + ",2016" + Digits(random, 4) + ",";
      out.text += random() % 5 == 0 ? "pending" : random() % 2 == 0 ? "blacklist" : "";
      out.text += ",CASE-" + Digits(random, 8) + "\r\n";
      ++out.records;
    }
    return out;
  }();
  return file;
}

// The GSMA TAC database layout: 12 '|'-separated columns; manufacturer and model names quoted
// when they hold commas or quotes; long comma-separated band lists.
const GeneratedFile& GsmaTacDatabase() {
  static const GeneratedFile file = [] {
    GeneratedFile out;
    std::mt19937_64 random(20150317);
    const char* manufacturers[] = {"Samsung Korea", "\"Apple, Inc.\"", "Huawei Technologies Co.",
                                   "\"Xiaomi Communications Co., Ltd.\"", "Nokia"};
    const char* models[] = {"SM-G991B", "\"iPhone 13 \"\"Pro\"\"\"", "ELS-NX9",
                            "\"Redmi Note 10, 5G\"", "3310"};
    const char* bands[] = {
        "GSM 900,GSM 1800",
        ("GSM 850,GSM 900,GSM 1800,GSM 1900,WCDMA FDD Band I,WCDMA FDD Band VIII,LTE FDD BAND 1,"
         "LTE FDD BAND 3,LTE FDD BAND 7,LTE FDD BAND 20"),
        "GSM 900,GSM 1800,WCDMA FDD Band I,LTE FDD BAND 3,NR Band n78"};
    out.text =
        "tac|manufacturer|bands|allocation_date|model_name|device_type|marketing_name|"
        "brand_name|radio_interface|operating_system|nfc|bluetooth\n";
    out.records = 1;
    while (out.text.size() < kTargetBytes) {
      const std::size_t pick = random() % 5;
      out.text += Digits(random, 8) + "|" + manufacturers[pick] + "|" + bands[random() % 3] +
                  "|17-Mar-2015|" + models[pick] + "|Smartphone|" + models[(pick + 1) % 5] +
                  "|Brand|GSM,UMTS,LTE|Android|Y|Y\n";
      ++out.records;
    }
    return out;
  }();
  return file;
}

void ReadWhole(benchmark::State& state, const GeneratedFile& file, char delimiter,
               QuoteMode quote_mode = QuoteMode::kStrict) {
  std::int64_t fields = 0;
  for (auto _ : state) {
    auto input = io::MemoryInputStream::View(file.text, "bench.csv");
    CsvReader reader(&input, delimiter, quote_mode);
    CsvRecord record;
    std::int64_t records = 0;
    while (true) {
      Result<bool> more = reader.Next(&record);
      if (!more.ok()) {
        state.SkipWithError(more.status().message().c_str());
        return;
      }
      if (!*more) break;
      ++records;
      fields += static_cast<std::int64_t>(record.fields.size());
    }
    if (records != file.records) {
      state.SkipWithError("wrong record count");
      return;
    }
  }
  benchmark::DoNotOptimize(fields);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(file.text.size()));
  state.SetItemsProcessed(state.iterations() * file.records);
  state.counters["records/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * file.records), benchmark::Counter::kIsRate);
}

void BM_ReadStolenList(benchmark::State& state) { ReadWhole(state, StolenList(), ','); }
BENCHMARK(BM_ReadStolenList)->Unit(benchmark::kMillisecond);

void BM_ReadGsmaTacDatabase(benchmark::State& state) { ReadWhole(state, GsmaTacDatabase(), '|'); }
BENCHMARK(BM_ReadGsmaTacDatabase)->Unit(benchmark::kMillisecond);

// The same file in the mode the GSMA TAC import uses (quotes inside unquoted fields are data).
void BM_ReadGsmaTacDatabaseLiteralQuotes(benchmark::State& state) {
  ReadWhole(state, GsmaTacDatabase(), '|', QuoteMode::kLiteralInUnquoted);
}
BENCHMARK(BM_ReadGsmaTacDatabaseLiteralQuotes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace openceir::csv
