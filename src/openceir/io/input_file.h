// Opening input files that may come plain, gzip (.gz), zstd (.zst) or zipped (.zip holding
// exactly one member with the same base name), as FORMATS.md allows. Decompression is done by
// libarchive (and libzstd through it), never by hand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "openceir/base/status.h"

namespace openceir::io {

// A forward-only stream of the decompressed bytes of one input file. Not thread-safe.
class InputStream {
 public:
  virtual ~InputStream() = default;
  // Reads up to `size` bytes into `buffer`. Returns the count read; 0 only at end of stream.
  // An I/O or decompression error (truncated gzip, corrupt zip) is an IoError naming the file.
  virtual Result<std::size_t> Read(char* buffer, std::size_t size) = 0;
  // The name to use in error messages: the path, plus "!member" for a zip member.
  virtual const std::string& display_name() const = 0;
  // True when Read returns the file's own bytes (a plain file), so that hashing what is read
  // gives Sha256OfFile without a second pass.
  virtual bool reads_raw_bytes() const { return false; }
};

// Opens `path`. The compression is chosen from the extension (.gz, .zst, .zip; anything else
// is plain). Errors: NotFound when the file does not exist; InvalidInput when a zip holds no
// member, more than one member, or a member whose base name differs from the zip's.
Result<std::unique_ptr<InputStream>> OpenInputFile(const std::string& path);

// True when OpenInputFile(path) reads the file's bytes as they are (no decompression), so the
// file's hash can be taken from what is read (InputStream::reads_raw_bytes).
bool IsPlainInput(const std::string& path);

// Lower-case hex SHA-256 of the raw (still compressed) bytes of `path`.
Result<std::string> Sha256OfFile(const std::string& path);

}  // namespace openceir::io
