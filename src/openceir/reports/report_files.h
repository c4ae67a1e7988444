// Small helpers every report writer shares: text files, CSV fields, deterministic numbers.
#pragma once

#include <cstdint>
#include <fstream>
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

// A report file written row by row (so a long report never sits in memory) to a temporary
// file that Commit() renames into place. Destroyed without Commit(): the temporary is removed.
class StreamedFile {
 public:
  explicit StreamedFile(std::string path);
  ~StreamedFile();
  StreamedFile(const StreamedFile&) = delete;
  StreamedFile& operator=(const StreamedFile&) = delete;

  const std::string& path() const { return path_; }
  void Write(std::string_view text) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  // Errors: kIoError naming the file (could not be opened, written or renamed).
  Status Commit();

 private:
  std::string path_;
  std::string temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

// One CSV field: quoted (quotes doubled) when it holds a comma, quote, CR or LF.
std::string CsvField(std::string_view value);
// A CSV line of `fields` ending in LF.
std::string CsvLine(const std::vector<std::string>& fields);

// 1234567 -> "1,234,567" (the same on every machine, whatever the locale).
std::string GroupThousands(std::int64_t value);
// part / whole as a percentage with one decimal ("12.5%"); "0.0%" when whole is 0.
std::string Percent(std::int64_t part, std::int64_t whole);

}  // namespace openceir::reports
