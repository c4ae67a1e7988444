// Small file helpers for bundles: whole-file reads, writes that appear complete or not at all,
// and SHA-256 as lower-case hex.
#pragma once

#include <string>
#include <string_view>

#include "openceir/base/status.h"

namespace openceir::bundle {

// kNotFound when missing, kIoError otherwise.
Result<std::string> ReadWholeFile(const std::string& path);
// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it over
// `path`. kIoError naming the file.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);
// Lower-case hex SHA-256 of `bytes`.
Result<std::string> Sha256Hex(std::string_view bytes);

}  // namespace openceir::bundle
