// zstd through its streaming API, so that truncated input is told apart from complete input.
#include "openceir/bundle/zstd_codec.h"

#include <zstd.h>

#include <memory>

namespace openceir::bundle {

Result<std::string> ZstdCompress(std::string_view bytes, int level, int threads) {
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context(ZSTD_createCCtx(), ZSTD_freeCCtx);
  if (context == nullptr) return InternalError("zstd: cannot create a compression context");
  ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(context.get(), ZSTD_c_checksumFlag, 1);
  // Fails harmlessly when libzstd was built without threads: it then compresses on this one.
  ZSTD_CCtx_setParameter(context.get(), ZSTD_c_nbWorkers, threads > 1 ? threads : 0);
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const std::size_t size =
      ZSTD_compress2(context.get(), out.data(), out.size(), bytes.data(), bytes.size());
  if (ZSTD_isError(size)) {
    return InternalError(std::string("zstd: compression failed: ") + ZSTD_getErrorName(size));
  }
  out.resize(size);
  return out;
}

Result<std::string> ZstdDecompress(std::string_view compressed, std::size_t max_bytes) {
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (context == nullptr) return InternalError("zstd: cannot create a decompression context");
  std::string out;
  const unsigned long long declared =
      ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (declared != ZSTD_CONTENTSIZE_ERROR && declared != ZSTD_CONTENTSIZE_UNKNOWN &&
      declared <= max_bytes) {
    out.reserve(declared);
  }
  ZSTD_inBuffer in{compressed.data(), compressed.size(), 0};
  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  std::size_t remaining = 0;  // 0 once a frame is complete
  for (;;) {
    ZSTD_outBuffer buffer{chunk.data(), chunk.size(), 0};
    remaining = ZSTD_decompressStream(context.get(), &buffer, &in);
    if (ZSTD_isError(remaining)) {
      return InvalidInputError(std::string("not a valid zstd file: ") +
                               ZSTD_getErrorName(remaining));
    }
    if (out.size() + buffer.pos > max_bytes) {
      return InvalidInputError("zstd content larger than " + std::to_string(max_bytes) + " bytes");
    }
    out.append(chunk.data(), buffer.pos);
    // All input read and the decoder had nothing more to give.
    if (in.pos == in.size && buffer.pos < buffer.size) break;
  }
  if (remaining != 0 || compressed.empty()) {
    return InvalidInputError("zstd file is truncated (" + std::to_string(compressed.size()) +
                             " bytes)");
  }
  return out;
}

}  // namespace openceir::bundle
