// A progress line on stderr for long imports, drawn only when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace openceir::cli {

class ProgressLine {
 public:
  // `label` is shown before the counts (e.g. the file name). Draws nothing unless stderr is a
  // terminal (isatty).
  explicit ProgressLine(std::string label);
  ~ProgressLine();  // erases the line if one was drawn

  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const { return enabled_; }
  // Redraws at most ten times a second: a moving bar, rows read and rows per second.
  void Update(std::int64_t rows_read);
  // Erases the line.
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  int frame_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace openceir::cli
