// Writing zip archives whose bytes depend only on what goes in: the members' names and contents
// and one timestamp given by the caller. List generation needs this so that a past run's lists
// regenerate byte-identical (no wall-clock time, owner or permissions leak into the archive).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "openceir/base/status.h"

namespace openceir::io {

// One member of a zip: its name inside the archive and the plain file holding its bytes.
struct ZipMember {
  std::string name;
  std::string source_path;
};

// Writes `zip_path` (replacing it) holding `members` in the order given, deflated at level 1
// (several times faster than the default level on lists of millions of rows), each with
// modification time `mtime` (Unix seconds, UTC), owner 0 and mode 0644. The same members and
// mtime always give the same bytes. Errors: IoError naming the file that could not be read or
// written (a partial zip may be left behind; callers write into a staging folder).
Status WriteZip(const std::string& zip_path, std::span<const ZipMember> members,
                std::int64_t mtime);

}  // namespace openceir::io
