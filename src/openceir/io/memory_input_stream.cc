// MemoryInputStream: serves bytes from memory, optionally in short reads.
#include "openceir/io/memory_input_stream.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace openceir::io {

MemoryInputStream::MemoryInputStream(std::string data, std::string display_name,
                                     std::size_t max_read)
    : owned_(std::move(data)),
      data_(owned_),
      display_name_(std::move(display_name)),
      max_read_(max_read) {}

MemoryInputStream::MemoryInputStream(ViewTag, std::string_view data, std::string display_name,
                                     std::size_t max_read)
    : data_(data), display_name_(std::move(display_name)), max_read_(max_read) {}

MemoryInputStream MemoryInputStream::View(std::string_view data, std::string display_name,
                                          std::size_t max_read) {
  return MemoryInputStream(ViewTag{}, data, std::move(display_name), max_read);
}

MemoryInputStream::MemoryInputStream(MemoryInputStream&& other) noexcept
    : position_(other.position_),
      display_name_(std::move(other.display_name_)),
      max_read_(other.max_read_) {
  // A moved std::string may keep its bytes in place (heap) or copy them (short string), so
  // re-point the view at our own copy when the other stream owned its data.
  if (other.data_.data() == other.owned_.data()) {
    owned_ = std::move(other.owned_);
    data_ = owned_;
  } else {
    data_ = other.data_;
  }
  other.data_ = {};
  other.position_ = 0;
}

Result<std::size_t> MemoryInputStream::Read(char* buffer, std::size_t size) {
  const std::size_t count = std::min({size, max_read_, data_.size() - position_});
  if (count > 0) std::memcpy(buffer, data_.data() + position_, count);
  position_ += count;
  return count;
}

}  // namespace openceir::io
