// Decompressing InputStreams on top of libarchive: the raw format with the gzip or zstd filter
// for single compressed files, and the zip format for one-member zips.
#include "openceir/io/archive_input_stream.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace openceir::io::internal {
namespace {

constexpr std::size_t kReadBlockBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxListedMembers = 5;

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

std::string ArchiveMessage(archive* a) {
  const char* message = archive_error_string(a);
  return message != nullptr ? message : "truncated or corrupt compressed data";
}

Status ArchiveIoError(const std::string& name, archive* a) {
  return IoError(fmt::format("{}: {}", name, ArchiveMessage(a)));
}

std::string_view BaseName(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view StripLastExtension(std::string_view name) {
  const std::size_t dot = name.find_last_of('.');
  return dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
}

const char* EntryPath(archive_entry* entry) {
  const char* path = archive_entry_pathname(entry);
  if (path == nullptr) path = archive_entry_pathname_utf8(entry);
  return path != nullptr ? path : "";
}

// Reads the decompressed data of the current entry of an open archive.
class ArchiveInputStream : public InputStream {
 public:
  // `empty`: the archive has no entry to read (a compressed empty file).
  ArchiveInputStream(ArchivePtr archive, std::string display_name, bool empty)
      : archive_(std::move(archive)), display_name_(std::move(display_name)), at_end_(empty) {}

  Result<std::size_t> Read(char* buffer, std::size_t size) override {
    if (at_end_) return std::size_t{0};
    const la_ssize_t count = archive_read_data(archive_.get(), buffer, size);
    if (count < 0) return ArchiveIoError(display_name_, archive_.get());
    if (count == 0) at_end_ = true;
    return static_cast<std::size_t>(count);
  }

  const std::string& display_name() const override { return display_name_; }

 private:
  ArchivePtr archive_;
  std::string display_name_;
  bool at_end_;
};

Result<ArchivePtr> OpenArchive(const std::string& path, bool zip, Filter filter) {
  ArchivePtr a(archive_read_new());
  if (a == nullptr) return InternalError("archive_read_new failed");
  if (zip) {
    archive_read_support_format_zip(a.get());
  } else {
    const int rc = filter == Filter::kGzip ? archive_read_support_filter_gzip(a.get())
                                           : archive_read_support_filter_zstd(a.get());
    if (rc != ARCHIVE_OK) {
      return InternalError(fmt::format("libarchive lacks built-in {} support: {}",
                                       filter == Filter::kGzip ? "gzip" : "zstd",
                                       ArchiveMessage(a.get())));
    }
    archive_read_support_format_raw(a.get());
    archive_read_support_format_empty(a.get());  // a compressed empty file
  }
  if (archive_read_open_filename(a.get(), path.c_str(), kReadBlockBytes) != ARCHIVE_OK) {
    return ArchiveIoError(path, a.get());
  }
  return a;
}

}  // namespace

bool ZipMemberNameMatches(const std::string& zip_path, const std::string& member_path) {
  std::string_view zip_stem = BaseName(zip_path);
  const std::string_view zip_extension = ".zip";
  if (zip_stem.size() > zip_extension.size()) {
    zip_stem.remove_suffix(zip_extension.size());  // the extension, in whatever case
  }
  const std::string_view member = BaseName(member_path);
  return member == zip_stem || StripLastExtension(member) == zip_stem;
}

Result<std::unique_ptr<InputStream>> OpenCompressedFile(const std::string& path, Filter filter) {
  OPENCEIR_ASSIGN_OR_RETURN(ArchivePtr a, OpenArchive(path, /*zip=*/false, filter));
  archive_entry* entry = nullptr;
  const int rc = archive_read_next_header(a.get(), &entry);
  if (rc != ARCHIVE_OK && rc != ARCHIVE_EOF) return ArchiveIoError(path, a.get());
  // Without its filter libarchive would happily pass the bytes through unchanged.
  const int expected = filter == Filter::kGzip ? ARCHIVE_FILTER_GZIP : ARCHIVE_FILTER_ZSTD;
  if (archive_filter_count(a.get()) < 2 || archive_filter_code(a.get(), 0) != expected) {
    return IoError(fmt::format("{}: not {} data", path,
                               filter == Filter::kGzip ? "gzip-compressed" : "zstd-compressed"));
  }
  // ARCHIVE_EOF here: the empty format matched, the decompressed content is empty.
  return std::unique_ptr<InputStream>(
      std::make_unique<ArchiveInputStream>(std::move(a), path, rc == ARCHIVE_EOF));
}

Result<std::unique_ptr<InputStream>> OpenZipMember(const std::string& path) {
  // First pass: list the members (the seekable zip reader skips their data cheaply).
  std::vector<std::string> members;
  {
    OPENCEIR_ASSIGN_OR_RETURN(ArchivePtr a, OpenArchive(path, /*zip=*/true, Filter::kGzip));
    archive_entry* entry = nullptr;
    while (true) {
      const int rc = archive_read_next_header(a.get(), &entry);
      if (rc == ARCHIVE_EOF) break;
      if (rc != ARCHIVE_OK) return ArchiveIoError(path, a.get());
      if (archive_entry_filetype(entry) == AE_IFDIR) continue;
      members.emplace_back(EntryPath(entry));
      if (archive_read_data_skip(a.get()) != ARCHIVE_OK) return ArchiveIoError(path, a.get());
    }
  }
  if (members.empty()) {
    return InvalidInputError(fmt::format(
        "{}: the zip holds no file; it must hold exactly one, named like the zip", path));
  }
  if (members.size() > 1) {
    std::string listed;
    for (std::size_t i = 0; i < members.size() && i < kMaxListedMembers; ++i) {
      listed += (i == 0 ? "" : ", ") + members[i];
    }
    if (members.size() > kMaxListedMembers) listed += ", ...";
    return InvalidInputError(fmt::format(
        "{}: the zip holds {} files ({}); it must hold exactly one", path, members.size(), listed));
  }
  if (!ZipMemberNameMatches(path, members.front())) {
    return InvalidInputError(fmt::format(
        "{}: the zip member '{}' is not named like the zip; expected '{}' or '{}.<ext>'", path,
        members.front(), StripLastExtension(BaseName(path)), StripLastExtension(BaseName(path))));
  }

  // Second pass: position on that member and stream it.
  OPENCEIR_ASSIGN_OR_RETURN(ArchivePtr a, OpenArchive(path, /*zip=*/true, Filter::kGzip));
  archive_entry* entry = nullptr;
  while (true) {
    const int rc = archive_read_next_header(a.get(), &entry);
    if (rc == ARCHIVE_EOF) return IoError(fmt::format("{}: the zip changed while read", path));
    if (rc != ARCHIVE_OK) return ArchiveIoError(path, a.get());
    if (archive_entry_filetype(entry) != AE_IFDIR) break;
  }
  return std::unique_ptr<InputStream>(
      std::make_unique<ArchiveInputStream>(std::move(a), path + "!" + members.front(), false));
}

}  // namespace openceir::io::internal
