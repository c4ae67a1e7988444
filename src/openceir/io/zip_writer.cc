// WriteZip through libarchive's zip writer, streaming each member in 1 MiB blocks.
#include "openceir/io/zip_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace openceir::io {
namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFreer {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

Status ArchiveError(archive* a, const std::string& path) {
  return IoError(fmt::format(
      "{}: {}", path, archive_error_string(a) ? archive_error_string(a) : "zip write failed"));
}

}  // namespace

Status WriteZip(const std::string& zip_path, std::span<const ZipMember> members,
                std::int64_t mtime) {
  std::unique_ptr<archive, ArchiveCloser> zip(archive_write_new());
  if (!zip) return IoError(zip_path + ": cannot allocate a zip writer");
  if (archive_write_set_format_zip(zip.get()) != ARCHIVE_OK ||
      archive_write_set_options(zip.get(), "zip:compression=deflate,zip:compression-level=1") !=
          ARCHIVE_OK ||
      archive_write_open_filename(zip.get(), zip_path.c_str()) != ARCHIVE_OK) {
    return ArchiveError(zip.get(), zip_path);
  }
  std::vector<char> buffer(1 << 20);
  for (const ZipMember& member : members) {
    std::unique_ptr<std::FILE, FileCloser> in(std::fopen(member.source_path.c_str(), "rb"));
    struct stat st {};
    if (!in || ::fstat(fileno(in.get()), &st) != 0) {
      return IoError(fmt::format("{}: cannot open for zipping", member.source_path));
    }
    std::unique_ptr<archive_entry, EntryFreer> entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), member.name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), st.st_size);
    archive_entry_set_mtime(entry.get(), mtime, 0);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    if (archive_write_header(zip.get(), entry.get()) != ARCHIVE_OK) {
      return ArchiveError(zip.get(), zip_path);
    }
    std::int64_t written = 0;
    while (true) {
      std::size_t got = std::fread(buffer.data(), 1, buffer.size(), in.get());
      if (got == 0) break;
      if (archive_write_data(zip.get(), buffer.data(), got) != static_cast<la_ssize_t>(got)) {
        return ArchiveError(zip.get(), zip_path);
      }
      written += static_cast<std::int64_t>(got);
    }
    if (std::ferror(in.get()) || written != st.st_size) {
      return IoError(
          fmt::format("{}: read failed or the file changed while zipping", member.source_path));
    }
    if (archive_write_finish_entry(zip.get()) != ARCHIVE_OK) {
      return ArchiveError(zip.get(), zip_path);
    }
  }
  if (archive_write_close(zip.get()) != ARCHIVE_OK) return ArchiveError(zip.get(), zip_path);
  return Status::Ok();
}

}  // namespace openceir::io
