// ReadZipEntries through libarchive.
#include "openceir/io/zip_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <filesystem>
#include <memory>

namespace openceir::io {

Result<std::vector<ZipEntry>> ReadZipEntries(const std::string& zip_path) {
  std::error_code error;
  if (!std::filesystem::exists(zip_path, error)) return NotFoundError(zip_path + ": no such file");
  std::unique_ptr<archive, int (*)(archive*)> zip(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(zip.get());
  if (archive_read_open_filename(zip.get(), zip_path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return IoError(fmt::format("{}: {}", zip_path, archive_error_string(zip.get())));
  }
  std::vector<ZipEntry> entries;
  archive_entry* entry = nullptr;
  while (true) {
    int rc = archive_read_next_header(zip.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK) {
      return IoError(fmt::format("{}: {}", zip_path, archive_error_string(zip.get())));
    }
    ZipEntry out;
    out.name = archive_entry_pathname(entry);
    out.mtime = archive_entry_mtime(entry);
    char buffer[1 << 16];
    while (true) {
      la_ssize_t got = archive_read_data(zip.get(), buffer, sizeof buffer);
      if (got < 0) return IoError(fmt::format("{}: {}", zip_path, archive_error_string(zip.get())));
      if (got == 0) break;
      out.bytes.append(buffer, static_cast<std::size_t>(got));
    }
    entries.push_back(std::move(out));
  }
  return entries;
}

}  // namespace openceir::io
