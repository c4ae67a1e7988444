// Generators of reference list files for integration tests and benchmarks: stolen lists with
// valid, distinct IMEIs, and their changed versions.
#pragma once

#include <cstdint>
#include <string>

namespace openceir::testing {

// The i-th test IMEI: 14 digits, TAC 35xxxxxx, distinct for distinct i (i < 10^12).
std::string TestImei(std::int64_t i);

// A stolen list "imei,reporting_date,status" with the IMEIs of indexes [first, first + count);
// `status_variant` changes the status of every 7th row, so two variants differ by updates.
std::string StolenList(std::int64_t first, std::int64_t count, int status_variant = 0);

// A full-mode changed version of StolenList(0, base_count): drops every 10th row, changes the
// status of every 7th (variant 1), and adds `added` new IMEIs after the base ones.
std::string ChangedStolenList(std::int64_t base_count, std::int64_t added);

}  // namespace openceir::testing
