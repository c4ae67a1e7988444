// An output file written through a 1 MiB in-memory buffer: appends are memcpy, the kernel is
// called once per MiB. Errors are remembered and reported by Close().
#pragma once

#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <memory>
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

  // A plain memcpy into a fixed buffer: the hot path of the operator files.
  void Append(std::string_view text) {
    if (text.empty()) return;  // memcpy from a null data() would be undefined
    if (size_ + text.size() > kCapacity) {
      Flush();
      if (text.size() > kCapacity) {
        WriteOut(text);
        return;
      }
    }
    std::memcpy(buffer_.get() + size_, text.data(), text.size());
    size_ += text.size();
  }
  void Append(char c) {
    if (size_ == kCapacity) Flush();
    buffer_[size_++] = c;
  }

  // Formats with fmt (for the small files; the hot path uses Append).
  template <typename... Args>
  void Format(fmt::format_string<Args...> format, Args&&... args) {
    scratch_.clear();
    fmt::format_to(fmt::appender(scratch_), format, std::forward<Args>(args)...);
    Append(std::string_view(scratch_.data(), scratch_.size()));
  }

  bool ok() const { return error_.empty(); }
  // Flushes and closes; IoError naming the file on any failure since it was opened.
  Status Close();

 private:
  static constexpr std::size_t kCapacity = std::size_t{1} << 20;
  void Flush();
  void WriteOut(std::string_view bytes);

  std::string path_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  std::size_t size_ = 0;
  fmt::memory_buffer scratch_;
  std::string error_;
};

}  // namespace openceir::simulate
