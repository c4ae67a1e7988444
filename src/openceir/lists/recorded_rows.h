// Recorded row files: a generated row file compressed (zstd) into pieces for the store's list
// history (store/list_history.h), and written back byte for byte. Sorted notification rows
// compress about tenfold, so 10 M rows (~800 MB) are recorded as ~80 MB in pieces of 4 MB;
// memory holds one piece either way.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "openceir/base/status.h"
#include "openceir/store/list_history.h"

namespace openceir::lists {

inline constexpr char kRecordedCodec[] = "zstd";

// A row file compressed into a file of its own, ready to be handed to the store in pieces.
struct CompressedRows {
  std::string path;             // the compressed file
  store::RecordedRowFile file;  // name, size and SHA-256 of the row file; codec; piece count
};

// Compresses the row file at `rows_path` into `compressed_path` and describes it as recorded
// file `name`. Errors: IoError naming the file; InternalError when zstd fails.
Result<CompressedRows> CompressRows(const std::string& rows_path, const std::string& name,
                                    const std::string& compressed_path);

// Reads compressed files back as pieces of at most kRecordedPieceBytes, file after file.
class PieceReader {
 public:
  static constexpr std::size_t kRecordedPieceBytes = std::size_t{4} << 20;

  explicit PieceReader(const std::vector<CompressedRows>* files) : files_(files) {}
  // The next piece; false after the last one. Errors: IoError.
  Result<bool> Next(store::RecordedPiece* piece);

 private:
  const std::vector<CompressedRows>* files_;
  std::size_t file_ = 0;
  std::int64_t index_ = 0;
  std::int64_t offset_ = 0;
};

// Writes recorded row file `file` of a generation to `rows_path`, decompressing the pieces the
// store gives, and checks size and SHA-256 against the record. Errors: the store's; IoError;
// InternalError when the bytes are not what was recorded (a damaged record).
Status RestoreRows(const store::RecordedRowFile& file,
                   const std::function<Status(const store::RecordedPieceVisitor&)>& scan,
                   const std::string& rows_path);

}  // namespace openceir::lists
