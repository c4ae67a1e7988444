// Test-only: a deliberately simple, whole-string CSV parser that states the reader's rules
// directly (index by index, no buffers), so tests and the fuzzer can compare CsvReader with it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/csv/csv_reader.h"

namespace openceir::csv::test_support {

struct ReferenceRecord {
  std::int64_t line = 0;
  std::vector<std::string> fields;
  friend bool operator==(const ReferenceRecord&, const ReferenceRecord&) = default;
};

struct ReferenceParse {
  std::vector<ReferenceRecord> records;  // the records before the first error
  std::string error;                     // the full error message; empty when none
  friend bool operator==(const ReferenceParse&, const ReferenceParse&) = default;
};

// Parses all of `text` by CsvReader's rules, error messages included.
ReferenceParse ParseReference(std::string_view text, char delimiter,
                              const std::string& display_name, std::size_t max_record_bytes,
                              QuoteMode quote_mode = QuoteMode::kStrict);

}  // namespace openceir::csv::test_support
