// Internal to io: InputStreams that decompress through libarchive (.gz, .zst, one-member .zip).
// Callers use OpenInputFile() from input_file.h, which picks one of these by extension.
#pragma once

#include <memory>
#include <string>

#include "openceir/base/status.h"
#include "openceir/io/input_file.h"

namespace openceir::io::internal {

enum class Filter { kGzip, kZstd };

// Opens `path` (which must exist) as one gzip or zstd stream. Errors: IoError naming the file
// when the data is not of that compression or cannot be read.
Result<std::unique_ptr<InputStream>> OpenCompressedFile(const std::string& path, Filter filter);

// Opens the single member of the zip `path` (which must exist). Errors: InvalidInput when the
// zip holds no file, more than one, or one whose base name differs from the zip's; IoError when
// the zip is corrupt.
Result<std::unique_ptr<InputStream>> OpenZipMember(const std::string& path);

// True when the zip member `member_path` may be the one member of the zip at `zip_path`:
// its base name without its last extension, or its whole base name, equals the zip's base name
// without ".zip" (operator1_20160701_20160731.zip holds operator1_20160701_20160731.csv,
// stolen.csv.zip holds stolen.csv).
bool ZipMemberNameMatches(const std::string& zip_path, const std::string& member_path);

}  // namespace openceir::io::internal
