#include "openceir/eirhttp/bundle_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "openceir/eirhttp/problem_details.h"
#include "openceir/eirhttp/query_string.h"

namespace openceir::eirhttp {
namespace {

constexpr std::size_t kMaxNameBytes = 255;

bool IsPlainFileName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

bool IsSequenceFolder(std::string_view name) {
  return !name.empty() && name.size() <= 20 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A plain file name (-2), or "<sequence>/<plain file name>" (a file of bundle <sequence>, the
// layout bundle/publisher.h writes: the position of the '/'); -1 when not servable.
long BundleNameSlash(std::string_view name) {
  const std::size_t slash = name.find('/');
  if (slash == std::string_view::npos) return IsPlainFileName(name) ? -2 : -1;
  if (!IsSequenceFolder(name.substr(0, slash)) || !IsPlainFileName(name.substr(slash + 1))) {
    return -1;
  }
  return static_cast<long>(slash);
}

// Writes `value` in hex at `out` (up to 16 chars); returns the end.
char* AppendHex(std::uint64_t value, char* out) {
  return std::to_chars(out, out + 16, value, 16).ptr;
}

void AnswerProblem(int status, std::string_view detail, Response* response) {
  response->status = status;
  response->content_type = "application/problem+json";
  response->body.clear();
  AppendProblemJson(eirhttp::Problem{status, detail}, {}, &response->body);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view StripWeak(std::string_view tag) {
  return tag.starts_with("W/") ? tag.substr(2) : tag;
}

}  // namespace

BundleFiles::~BundleFiles() {
  if (folder_fd_ >= 0) ::close(folder_fd_);
}

Status BundleFiles::Open(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    const std::string message = "bundle folder " + folder + ": " + std::strerror(error);
    return error == ENOENT ? NotFoundError(message) : IoError(message);
  }
  if (folder_fd_ >= 0) ::close(folder_fd_);
  folder_fd_ = fd;
  return Status::Ok();
}

bool BundleFiles::EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (Trim(if_none_match) == "*") return true;
  while (!if_none_match.empty()) {
    const std::size_t comma = if_none_match.find(',');
    const std::string_view tag = Trim(if_none_match.substr(0, comma));
    if (!tag.empty() && StripWeak(tag) == StripWeak(etag)) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

void BundleFiles::Serve(std::string_view encoded_name, std::string_view if_none_match, bool head,
                        Response* response) const {
  char name_buffer[kMaxNameBytes + 1];
  if (encoded_name.size() > kMaxNameBytes) {
    AnswerProblem(400, "not a bundle file name", response);
    return;
  }
  const long decoded = PercentDecode(encoded_name, name_buffer);
  const std::string_view name(name_buffer, decoded < 0 ? 0 : static_cast<std::size_t>(decoded));
  const long slash = decoded < 0 ? -1 : BundleNameSlash(name);
  if (slash == -1) {
    AnswerProblem(400, "not a bundle file name", response);
    return;
  }
  name_buffer[name.size()] = '\0';
  if (folder_fd_ < 0) {
    AnswerProblem(404, "this node serves no bundle folder", response);
    return;
  }
  // O_NOFOLLOW on every step: a symlink planted in the folder must not lead outside it.
  int parent_fd = folder_fd_;
  const char* leaf = name_buffer;
  if (slash >= 0) {
    name_buffer[slash] = '\0';
    parent_fd = ::openat(folder_fd_, name_buffer, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    leaf = name_buffer + slash + 1;
    if (parent_fd < 0) {
      AnswerProblem(404, "no such bundle file", response);
      return;
    }
  }
  const int fd = ::openat(parent_fd, leaf, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (parent_fd != folder_fd_) ::close(parent_fd);
  struct stat info {};
  if (fd < 0 || ::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    if (fd >= 0) ::close(fd);
    AnswerProblem(404, "no such bundle file", response);
    return;
  }
  // Built in a local buffer and assigned once (GCC 12 at -O3 misreads chained appends to an
  // empty string as overlapping copies, -Wrestrict).
  char etag[3 * 17 + 4];
  char* out = etag;
  *out++ = '"';
  out = AppendHex(static_cast<std::uint64_t>(info.st_ino), out);
  *out++ = '-';
  out = AppendHex(static_cast<std::uint64_t>(info.st_size), out);
  *out++ = '-';
  out = AppendHex(static_cast<std::uint64_t>(info.st_mtim.tv_sec) * 1'000'000'000u +
                      static_cast<std::uint64_t>(info.st_mtim.tv_nsec),
                  out);
  *out++ = '"';
  response->etag.assign(etag, out);
  const std::string_view etag_text = response->etag;
  response->cache_control = "no-cache";
  if (!if_none_match.empty() && EtagMatches(if_none_match, etag_text)) {
    ::close(fd);
    response->status = 304;
    return;
  }
  response->status = 200;
  response->content_type =
      name.ends_with(".json") ? "application/json" : "application/octet-stream";
  response->file_fd = fd;
  response->file_size = static_cast<std::uint64_t>(info.st_size);
  response->head = head;
}

}  // namespace openceir::eirhttp
