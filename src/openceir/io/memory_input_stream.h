// An InputStream over bytes held in memory: for tests of every component that reads input
// files, for fuzz targets, and for benchmarks that must not measure the disk.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "openceir/io/input_file.h"

namespace openceir::io {

class MemoryInputStream : public InputStream {
 public:
  // Serves a copy of `data`. `max_read` caps the bytes returned by one Read() (to exercise
  // callers on short reads); the default never caps.
  explicit MemoryInputStream(std::string data, std::string display_name = "<memory>",
                             std::size_t max_read = std::numeric_limits<std::size_t>::max());

  // Serves `data` without copying it; `data` must outlive the stream.
  static MemoryInputStream View(std::string_view data, std::string display_name = "<memory>",
                                std::size_t max_read = std::numeric_limits<std::size_t>::max());

  MemoryInputStream(const MemoryInputStream&) = delete;
  MemoryInputStream& operator=(const MemoryInputStream&) = delete;
  MemoryInputStream(MemoryInputStream&& other) noexcept;
  MemoryInputStream& operator=(MemoryInputStream&&) = delete;

  // Never fails. Returns 0 once every byte was served.
  Result<std::size_t> Read(char* buffer, std::size_t size) override;
  const std::string& display_name() const override { return display_name_; }

 private:
  struct ViewTag {};
  MemoryInputStream(ViewTag, std::string_view data, std::string display_name, std::size_t max_read);

  std::string owned_;
  std::string_view data_;
  std::size_t position_ = 0;
  std::string display_name_;
  std::size_t max_read_;
};

}  // namespace openceir::io
