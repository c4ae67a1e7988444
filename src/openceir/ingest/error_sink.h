// ErrorSink: collects the problems found in one input file, keeping the first few in full and
// counting all of them, so that a file with a million bad rows stays cheap to reject.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/ingest/list_import.h"

namespace openceir::ingest {

class ErrorSink {
 public:
  // `file` is the display name put in every error; at most `max_listed` errors are kept
  // (negative = 0).
  ErrorSink(std::string file, int max_listed);

  // Records one problem. line 0 = the whole file; column 0 = the whole line.
  void Add(std::int64_t line, int column, std::string column_name, std::string rule,
           std::string message);

  const std::string& file() const { return file_; }
  std::int64_t total() const { return total_; }
  bool empty() const { return total_ == 0; }
  const std::vector<InputError>& listed() const { return listed_; }
  std::vector<InputError> TakeListed() { return std::move(listed_); }

 private:
  std::string file_;
  std::size_t max_listed_;
  std::int64_t total_ = 0;
  std::vector<InputError> listed_;
};

}  // namespace openceir::ingest
