// zstd compression of bundle files (libzstd).
#pragma once

#include <string>
#include <string_view>

#include "openceir/base/status.h"

namespace openceir::bundle {

// One zstd frame of `bytes` at `level` (3: zstd's default), using up to `threads` workers.
Result<std::string> ZstdCompress(std::string_view bytes, int level = 3, int threads = 2);

// Decompresses a whole zstd input. kInvalidInput when it is not zstd, is truncated, or would
// exceed `max_bytes`.
Result<std::string> ZstdDecompress(std::string_view compressed, std::size_t max_bytes);

}  // namespace openceir::bundle
