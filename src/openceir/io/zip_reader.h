// Reading every member of a zip archive into memory: for tools and tests that check what list
// generation wrote (OpenInputFile reads only single-member zips, as inputs come).
#pragma once

#include <string>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::io {

struct ZipEntry {
  std::string name;
  std::string bytes;
  std::int64_t mtime = 0;
};

// The members of `zip_path` in archive order. Meant for small archives: holds everything.
// Errors: NotFound for a missing file; IoError for a corrupt archive.
Result<std::vector<ZipEntry>> ReadZipEntries(const std::string& zip_path);

}  // namespace openceir::io
