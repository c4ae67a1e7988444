// CompressRows, PieceReader, RestoreRows: zstd streaming, a buffer at a time.
#include "openceir/lists/recorded_rows.h"

#include <fmt/format.h>
#include <zstd.h>

#include <cstdio>
#include <vector>

#include "openceir/lists/row_file.h"

namespace openceir::lists {
namespace {

// Level 3 (zstd's default): sorted rows compress well already; higher levels cost CPU that a
// 10 M row generation would notice.
constexpr int kCompressionLevel = 3;

// A FILE* closed on destruction.
struct File {
  std::FILE* file = nullptr;
  ~File() {
    if (file != nullptr) std::fclose(file);
  }
};

Status OpenFile(const std::string& path, const char* mode, File* out) {
  out->file = std::fopen(path.c_str(), mode);
  if (out->file == nullptr) return IoError(fmt::format("{}: cannot open", path));
  return Status::Ok();
}

Status WriteAll(std::FILE* file, const void* bytes, std::size_t size, const std::string& path) {
  if (size > 0 && std::fwrite(bytes, 1, size, file) != size) {
    return IoError(fmt::format("{}: write failed", path));
  }
  return Status::Ok();
}

Status CloseFile(File* file, const std::string& path) {
  const int rc = std::fclose(file->file);
  file->file = nullptr;
  if (rc != 0) return IoError(fmt::format("{}: write failed", path));
  return Status::Ok();
}

}  // namespace

Result<CompressedRows> CompressRows(const std::string& rows_path, const std::string& name,
                                    const std::string& compressed_path) {
  File in, out;
  OPENCEIR_RETURN_IF_ERROR(OpenFile(rows_path, "rb", &in));
  OPENCEIR_RETURN_IF_ERROR(OpenFile(compressed_path, "wb", &out));
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context(ZSTD_createCCtx(), ZSTD_freeCCtx);
  if (!context) return InternalError("zstd: cannot create a compression context");
  ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, kCompressionLevel);

  CompressedRows result;
  result.path = compressed_path;
  result.file.name = name;
  result.file.codec = kRecordedCodec;
  Sha256Stream hash;
  std::vector<char> input(ZSTD_CStreamInSize());
  std::vector<char> output(ZSTD_CStreamOutSize());
  std::int64_t compressed_bytes = 0;
  for (;;) {
    const std::size_t read = std::fread(input.data(), 1, input.size(), in.file);
    if (std::ferror(in.file)) return IoError(fmt::format("{}: read failed", rows_path));
    const bool last = read < input.size();
    hash.Update(std::string_view(input.data(), read));
    result.file.bytes += static_cast<std::int64_t>(read);
    ZSTD_inBuffer in_buffer{input.data(), read, 0};
    const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
    for (;;) {
      ZSTD_outBuffer out_buffer{output.data(), output.size(), 0};
      const std::size_t remaining =
          ZSTD_compressStream2(context.get(), &out_buffer, &in_buffer, mode);
      if (ZSTD_isError(remaining)) {
        return InternalError(fmt::format("zstd: {}: {}", rows_path, ZSTD_getErrorName(remaining)));
      }
      OPENCEIR_RETURN_IF_ERROR(WriteAll(out.file, output.data(), out_buffer.pos, compressed_path));
      compressed_bytes += static_cast<std::int64_t>(out_buffer.pos);
      if (last ? remaining == 0 : in_buffer.pos == in_buffer.size) break;
    }
    if (last) break;
  }
  OPENCEIR_RETURN_IF_ERROR(CloseFile(&out, compressed_path));
  result.file.sha256 = hash.FinishHex();
  constexpr auto kPiece = static_cast<std::int64_t>(PieceReader::kRecordedPieceBytes);
  result.file.pieces = (compressed_bytes + kPiece - 1) / kPiece;
  return result;
}

Result<bool> PieceReader::Next(store::RecordedPiece* piece) {
  while (file_ < files_->size() && index_ == (*files_)[file_].file.pieces) {
    ++file_;
    index_ = 0;
    offset_ = 0;
  }
  if (file_ == files_->size()) return false;
  const CompressedRows& rows = (*files_)[file_];
  File in;
  OPENCEIR_RETURN_IF_ERROR(OpenFile(rows.path, "rb", &in));
  if (std::fseek(in.file, offset_, SEEK_SET) != 0) {
    return IoError(fmt::format("{}: cannot seek", rows.path));
  }
  piece->file = rows.file.name;
  piece->index = index_;
  piece->bytes.resize(kRecordedPieceBytes);
  const std::size_t read = std::fread(piece->bytes.data(), 1, kRecordedPieceBytes, in.file);
  if (std::ferror(in.file) || read == 0) return IoError(fmt::format("{}: read failed", rows.path));
  piece->bytes.resize(read);
  offset_ += static_cast<std::int64_t>(read);
  ++index_;
  return true;
}

Status RestoreRows(const store::RecordedRowFile& file,
                   const std::function<Status(const store::RecordedPieceVisitor&)>& scan,
                   const std::string& rows_path) {
  if (file.codec != kRecordedCodec) {
    return InternalError(
        fmt::format("recorded row file {}: unknown codec '{}'", file.name, file.codec));
  }
  File out;
  OPENCEIR_RETURN_IF_ERROR(OpenFile(rows_path, "wb", &out));
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!context) return InternalError("zstd: cannot create a decompression context");
  Sha256Stream hash;
  std::int64_t bytes = 0;
  std::size_t frame_remaining = 1;  // 0 once a whole frame has been decoded
  std::vector<char> output(ZSTD_DStreamOutSize());
  const Status scanned = scan([&](std::string_view piece) -> Status {
    ZSTD_inBuffer in_buffer{piece.data(), piece.size(), 0};
    while (in_buffer.pos < in_buffer.size) {
      ZSTD_outBuffer out_buffer{output.data(), output.size(), 0};
      frame_remaining = ZSTD_decompressStream(context.get(), &out_buffer, &in_buffer);
      if (ZSTD_isError(frame_remaining)) {
        return InternalError(
            fmt::format("recorded row file {}: {}", file.name, ZSTD_getErrorName(frame_remaining)));
      }
      hash.Update(std::string_view(output.data(), out_buffer.pos));
      bytes += static_cast<std::int64_t>(out_buffer.pos);
      OPENCEIR_RETURN_IF_ERROR(WriteAll(out.file, output.data(), out_buffer.pos, rows_path));
    }
    return Status::Ok();
  });
  OPENCEIR_RETURN_IF_ERROR(scanned);
  // Flush what the decoder still holds (a frame may end after the last input byte was taken).
  while (frame_remaining != 0) {
    ZSTD_inBuffer in_buffer{nullptr, 0, 0};
    ZSTD_outBuffer out_buffer{output.data(), output.size(), 0};
    frame_remaining = ZSTD_decompressStream(context.get(), &out_buffer, &in_buffer);
    if (ZSTD_isError(frame_remaining) || out_buffer.pos == 0) break;
    hash.Update(std::string_view(output.data(), out_buffer.pos));
    bytes += static_cast<std::int64_t>(out_buffer.pos);
    OPENCEIR_RETURN_IF_ERROR(WriteAll(out.file, output.data(), out_buffer.pos, rows_path));
  }
  OPENCEIR_RETURN_IF_ERROR(CloseFile(&out, rows_path));
  const std::string sha256 = hash.FinishHex();
  if (frame_remaining != 0 || bytes != file.bytes || sha256 != file.sha256) {
    return InternalError(fmt::format(
        "recorded row file {} is damaged: {} bytes with SHA-256 {} restored, {} bytes with "
        "SHA-256 {} recorded",
        file.name, bytes, sha256, file.bytes, file.sha256));
  }
  return Status::Ok();
}

}  // namespace openceir::lists
