// Sorted row files: the plain CSV files list generation streams through. Every list is built as
// a file of rows in key order, so full lists, deltas and merges work with a few rows in memory
// whatever the list's size.
//
// A row is a sequence of text fields written as one CSV line (RFC 4180 quoting: a field with a
// comma, quote or line break is quoted). Not thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::lists {

// Appends `field` to `line`, quoted when it needs to be.
void AppendCsvField(std::string_view field, std::string* line);

class RowWriter {
 public:
  // Creates (truncates) `path`. Errors: IoError naming the file.
  static Result<std::unique_ptr<RowWriter>> Create(const std::string& path);
  ~RowWriter();

  // Writes one row. Errors: IoError naming the file.
  Status Write(std::span<const std::string_view> fields);
  // Writes a line exactly as given (no quoting): for headers.
  Status WriteRaw(std::string_view line);
  // Flushes and closes; required for the file to be complete. Errors: IoError.
  Status Close();

  std::int64_t rows() const { return rows_; }
  const std::string& path() const { return path_; }

 private:
  RowWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::string path_;
  std::FILE* file_;
  std::string line_;
  std::int64_t rows_ = 0;
};

class RowReader {
 public:
  // Opens `path`. Errors: IoError naming the file.
  static Result<std::unique_ptr<RowReader>> Open(const std::string& path);
  ~RowReader();

  // Reads the next row into `fields` (reusing its strings). Returns false at the end of the
  // file. Errors: IoError on a read failure or an unterminated quoted field.
  Result<bool> Next(std::vector<std::string>* fields);

 private:
  RowReader(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::string path_;
  std::FILE* file_;
  char* buffer_ = nullptr;
  std::size_t capacity_ = 0;
  std::string pending_;
};

// Compares the first `key_size` fields of two rows, field by field (bytewise, like the store's
// key order).
int CompareKeys(std::span<const std::string> a, std::span<const std::string> b,
                std::size_t key_size);

}  // namespace openceir::lists
