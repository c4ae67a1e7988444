// OpenInputFile (plain files by direct large reads, compressed ones through libarchive) and
// Sha256OfFile.
#include "openceir/io/input_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include "openceir/io/archive_input_stream.h"
#include "openceir/io/sha256.h"

namespace openceir::io {
namespace {

constexpr std::size_t kHashChunkBytes = std::size_t{1} << 20;

enum class Compression { kPlain, kGzip, kZstd, kZip };

bool EndsWithIgnoringCase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  const std::string_view tail = text.substr(text.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = tail[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

Compression CompressionOf(const std::string& path) {
  if (EndsWithIgnoringCase(path, ".gz")) return Compression::kGzip;
  if (EndsWithIgnoringCase(path, ".zst")) return Compression::kZstd;
  if (EndsWithIgnoringCase(path, ".zip")) return Compression::kZip;
  return Compression::kPlain;
}

Status ErrnoStatus(const std::string& path, const char* action, int error) {
  if (error == ENOENT || error == ENOTDIR) {
    return NotFoundError(fmt::format("{}: no such file", path));
  }
  return IoError(fmt::format("{}: {}: {}", path, action, std::strerror(error)));
}

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Opens `path` for reading; NotFound when missing, InvalidInput for a directory.
Result<std::unique_ptr<Fd>> OpenForReading(const std::string& path) {
  auto fd = std::make_unique<Fd>(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd->get() < 0) return ErrnoStatus(path, "cannot open", errno);
  struct stat info {};
  if (::fstat(fd->get(), &info) != 0) return ErrnoStatus(path, "cannot stat", errno);
  if (S_ISDIR(info.st_mode)) return InvalidInputError(fmt::format("{}: is a directory", path));
  return fd;
}

// Reads up to `size` bytes, retrying on EINTR. Returns the count, 0 at end of file.
Result<std::size_t> ReadFd(const Fd& fd, const std::string& name, char* buffer, std::size_t size) {
  while (true) {
    const ssize_t count = ::read(fd.get(), buffer, size);
    if (count >= 0) return static_cast<std::size_t>(count);
    if (errno != EINTR) return ErrnoStatus(name, "read failed", errno);
  }
}

// A plain file: reads go straight from the kernel into the caller's (large) buffer.
class PlainInputStream : public InputStream {
 public:
  PlainInputStream(std::unique_ptr<Fd> fd, std::string path)
      : fd_(std::move(fd)), path_(std::move(path)) {
    ::posix_fadvise(fd_->get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  }

  Result<std::size_t> Read(char* buffer, std::size_t size) override {
    return ReadFd(*fd_, path_, buffer, size);
  }
  const std::string& display_name() const override { return path_; }
  bool reads_raw_bytes() const override { return true; }

 private:
  std::unique_ptr<Fd> fd_;
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<InputStream>> OpenInputFile(const std::string& path) {
  // Opening the file ourselves first gives the same NotFound / directory errors for every
  // compression, before libarchive gets to word them differently.
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<Fd> fd, OpenForReading(path));
  switch (CompressionOf(path)) {
    case Compression::kPlain:
      return std::unique_ptr<InputStream>(std::make_unique<PlainInputStream>(std::move(fd), path));
    case Compression::kGzip: return internal::OpenCompressedFile(path, internal::Filter::kGzip);
    case Compression::kZstd: return internal::OpenCompressedFile(path, internal::Filter::kZstd);
    case Compression::kZip: return internal::OpenZipMember(path);
  }
  return InternalError("unknown compression");
}

bool IsPlainInput(const std::string& path) { return CompressionOf(path) == Compression::kPlain; }

Result<std::string> Sha256OfFile(const std::string& path) {
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<Fd> fd, OpenForReading(path));
  OPENCEIR_ASSIGN_OR_RETURN(Sha256 digest, Sha256::Start());
  std::vector<char> chunk(kHashChunkBytes);
  while (true) {
    OPENCEIR_ASSIGN_OR_RETURN(std::size_t count, ReadFd(*fd, path, chunk.data(), chunk.size()));
    if (count == 0) break;
    OPENCEIR_RETURN_IF_ERROR(digest.Update(std::string_view(chunk.data(), count)));
  }
  return digest.FinishHex();
}

}  // namespace openceir::io
