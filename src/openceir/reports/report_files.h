// Small helpers every report writer shares: text files, CSV fields, deterministic numbers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::reports {

// Creates `dir` (and parents) when missing. Errors: kIoError naming it.
Status MakeOutputDir(const std::string& dir);
// Writes `content` to `path` through a temporary file renamed into place, so a reader never
// sees half a report. Errors: kIoError naming the file.
Status WriteTextFile(const std::string& path, std::string_view content);

// One CSV field: quoted (quotes doubled) when it holds a comma, quote, CR or LF.
std::string CsvField(std::string_view value);
// A CSV line of `fields` ending in LF.
std::string CsvLine(const std::vector<std::string>& fields);

// 1234567 -> "1,234,567" (the same on every machine, whatever the locale).
std::string GroupThousands(std::int64_t value);
// part / whole as a percentage with one decimal ("12.5%"); "0.0%" when whole is 0.
std::string Percent(std::int64_t part, std::int64_t whole);

}  // namespace openceir::reports
