// An output file written through a large in-memory buffer: appends are memcpy, the kernel is
// called once per ~1 MiB. Errors are remembered and reported by Close().
#pragma once

#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "openceir/base/status.h"

namespace openceir::simulate {

class BufferedFile {
 public:
  // Creates or truncates `path`. Check Close() (or ok()) for failures.
  explicit BufferedFile(std::string path);
  ~BufferedFile();
  BufferedFile(const BufferedFile&) = delete;
  BufferedFile& operator=(const BufferedFile&) = delete;

  void Append(std::string_view text) {
    if (buffer_.size() + text.size() > kFlushAt) Flush();
    buffer_.append(text.data(), text.data() + text.size());
  }
  void Append(char c) { buffer_.push_back(c); }

  // Formats straight into the buffer (no temporary string).
  template <typename... Args>
  void Format(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(fmt::appender(buffer_), format, std::forward<Args>(args)...);
    if (buffer_.size() > kFlushAt) Flush();
  }

  // Appends `value` in decimal, at least `width` digits (zero-padded).
  void AppendNumber(std::uint64_t value, int width = 1) {
    char digits[24];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (n < width) digits[n++] = '0';
    while (n > 0) buffer_.push_back(digits[--n]);
  }

  bool ok() const { return error_.empty(); }
  // Flushes and closes; IoError naming the file on any failure since it was opened.
  Status Close();

 private:
  static constexpr std::size_t kFlushAt = std::size_t{1} << 20;
  void Flush();

  std::string path_;
  std::FILE* file_ = nullptr;
  fmt::memory_buffer buffer_;
  std::string error_;
};

}  // namespace openceir::simulate
