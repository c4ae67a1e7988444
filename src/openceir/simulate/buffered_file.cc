// BufferedFile: fwrite of whole buffers, errors kept until Close().
#include "openceir/simulate/buffered_file.h"

#include <cerrno>

namespace openceir::simulate {

BufferedFile::BufferedFile(std::string path)
    : path_(std::move(path)), buffer_(std::make_unique<char[]>(kCapacity)) {
  file_ = std::fopen(path_.c_str(), "wb");
  if (file_ == nullptr) {
    error_ = fmt::format("cannot create {}: {}", path_, std::strerror(errno));
  } else {
    std::setvbuf(file_, nullptr, _IONBF, 0);  // our buffer is the only one
  }
}

BufferedFile::~BufferedFile() {
  if (file_ != nullptr) Close().IgnoreError();
}

void BufferedFile::WriteOut(std::string_view bytes) {
  if (file_ != nullptr && error_.empty() && !bytes.empty() &&
      std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    error_ = fmt::format("cannot write {}: {}", path_, std::strerror(errno));
  }
}

void BufferedFile::Flush() {
  WriteOut(std::string_view(buffer_.get(), size_));
  size_ = 0;
}

Status BufferedFile::Close() {
  Flush();
  if (file_ != nullptr) {
    if (std::fclose(file_) != 0 && error_.empty()) {
      error_ = fmt::format("cannot close {}: {}", path_, std::strerror(errno));
    }
    file_ = nullptr;
  }
  return error_.empty() ? Status::Ok() : IoError(error_);
}

}  // namespace openceir::simulate
