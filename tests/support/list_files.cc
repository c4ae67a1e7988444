// Stolen list files with predictable, distinct IMEIs.
#include "tests/support/list_files.h"

#include <fmt/format.h>

namespace openceir::testing {
namespace {

void AppendRow(std::string& out, std::int64_t i, int status_variant) {
  const char* status = (status_variant == 1 && i % 7 == 0) ? "pending" : "blacklist";
  out += fmt::format("{},2026{:02}{:02},{}\n", TestImei(i), 1 + i % 12, 1 + i % 28, status);
}

}  // namespace

std::string TestImei(std::int64_t i) {
  // TAC 35 + 6 digits, serial 6 digits: spread over TACs so the list looks real.
  return fmt::format("35{:06}{:06}", (i / 1'000'000) % 1'000'000 + 100'000, i % 1'000'000);
}

std::string StolenList(std::int64_t first, std::int64_t count, int status_variant) {
  std::string out = "imei,reporting_date,status\n";
  out.reserve(static_cast<std::size_t>(count) * 36 + out.size());
  for (std::int64_t i = first; i < first + count; ++i) AppendRow(out, i, status_variant);
  return out;
}

std::string ChangedStolenList(std::int64_t base_count, std::int64_t added) {
  std::string out = "imei,reporting_date,status\n";
  for (std::int64_t i = 0; i < base_count + added; ++i) {
    if (i < base_count && i % 10 == 0) continue;
    AppendRow(out, i, 1);
  }
  return out;
}

}  // namespace openceir::testing
