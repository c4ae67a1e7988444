// Problems found in an operator data file, and a bounded list of them: the first few kept in
// full, all of them counted, so that a file with millions of bad rows stays cheap to reject.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace openceir::observe {

// One problem with an operator data file. line 0 = the whole file; column 0 = the whole line.
struct OperatorDataError {
  std::string file;
  std::int64_t line = 0;
  int column = 0;           // 1-based field number
  std::string column_name;  // header name of that field, when known
  std::string rule;         // stable snake_case rule id: "bad_imei", "null_imei", ...
  std::string message;      // what is wrong, for a person

  // "op1_20260101_20260131.csv:12:2 (imei): bad_imei: ..." (unknown parts left out).
  std::string ToString() const;
};

class OperatorDataErrors {
 public:
  OperatorDataErrors(std::string file, int max_listed)
      : file_(std::move(file)),
        max_listed_(max_listed < 0 ? 0 : static_cast<std::size_t>(max_listed)) {}

  void Add(std::int64_t line, int column, std::string column_name, std::string rule,
           std::string message);
  // Appends another list's errors (listed ones while room is left; counts always).
  void Append(OperatorDataErrors&& other);

  const std::string& file() const { return file_; }
  std::int64_t total() const { return total_; }
  bool empty() const { return total_ == 0; }
  bool full() const { return listed_.size() >= max_listed_; }
  const std::vector<OperatorDataError>& listed() const { return listed_; }
  std::vector<OperatorDataError> TakeListed() { return std::move(listed_); }

 private:
  std::string file_;
  std::size_t max_listed_;
  std::int64_t total_ = 0;
  std::vector<OperatorDataError> listed_;
};

}  // namespace openceir::observe
