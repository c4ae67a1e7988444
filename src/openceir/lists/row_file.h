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

// An incremental SHA-256 (OpenSSL: SHA-NI where the CPU has it).
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void Update(std::string_view bytes);
  // Lower-case hex of the digest of everything given. Call once.
  std::string FinishHex();

 private:
  void* context_;  // EVP_MD_CTX, kept out of the header
};

class RowWriter {
 public:
  // Creates (truncates) `path`; with `sha256`, the bytes are hashed as they are written (see
  // sha256_hex()). Errors: IoError naming the file.
  static Result<std::unique_ptr<RowWriter>> Create(const std::string& path, bool sha256 = false);
  ~RowWriter();

  // Writes one row. Errors: IoError naming the file.
  Status Write(std::span<const std::string_view> fields);
  // Writes a line exactly as given (no quoting): for headers.
  Status WriteRaw(std::string_view line);
  // Flushes and closes; required for the file to be complete. Errors: IoError.
  Status Close();

  std::int64_t rows() const { return rows_; }
  std::int64_t bytes() const { return bytes_; }
  const std::string& path() const { return path_; }
  // Lower-case hex SHA-256 of everything written. Requires Create(..., true) and Close().
  const std::string& sha256_hex() const { return sha256_hex_; }

 private:
  RowWriter(std::string path, std::FILE* file);
  Status Flush();

  std::string path_;
  std::FILE* file_;
  std::unique_ptr<Sha256Stream> hash_;
  std::string buffer_;  // written and hashed a megabyte at a time
  std::string sha256_hex_;
  std::int64_t rows_ = 0;
  std::int64_t bytes_ = 0;
};

// Lower-case hex SHA-256 of a file's bytes.
Result<std::string> Sha256OfFile(const std::string& path);

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
