// Recorded row files: compressed into pieces and restored byte for byte; damage is refused.
#include "openceir/lists/recorded_rows.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace openceir::lists {
namespace {

namespace fs = std::filesystem;

class RecordedRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        (fs::temp_directory_path() / fmt::format("openceir-recorded-rows-{}", ::getpid())).string();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  static std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  // Compresses `bytes` and restores them through the pieces; returns the pieces and the result.
  Status RoundTrip(const std::string& bytes, std::vector<std::string>* pieces,
                   store::RecordedRowFile* file, std::string* restored) {
    OPENCEIR_ASSIGN_OR_RETURN(
        CompressedRows rows,
        CompressRows(Write("in.rows", bytes), "notifications/op1", dir_ + "/in.zst"));
    std::vector<CompressedRows> files = {rows};
    PieceReader reader(&files);
    store::RecordedPiece piece;
    for (;;) {
      OPENCEIR_ASSIGN_OR_RETURN(bool more, reader.Next(&piece));
      if (!more) break;
      EXPECT_EQ(piece.file, "notifications/op1");
      EXPECT_EQ(piece.index, static_cast<std::int64_t>(pieces->size()));
      pieces->push_back(piece.bytes);
    }
    *file = rows.file;
    OPENCEIR_RETURN_IF_ERROR(Restore(*file, *pieces));
    *restored = Slurp(dir_ + "/out.rows");
    return Status::Ok();
  }

  Status Restore(const store::RecordedRowFile& file, const std::vector<std::string>& pieces) {
    return RestoreRows(
        file,
        [&pieces](const store::RecordedPieceVisitor& visit) {
          for (const std::string& piece : pieces) OPENCEIR_RETURN_IF_ERROR(visit(piece));
          return Status::Ok();
        },
        dir_ + "/out.rows");
  }

  std::string dir_;
};

TEST_F(RecordedRowsTest, EmptyFileRoundTrips) {
  std::vector<std::string> pieces;
  store::RecordedRowFile file;
  std::string restored = "not empty";
  ASSERT_TRUE(RoundTrip("", &pieces, &file, &restored).ok());
  EXPECT_EQ(pieces.size(), 1u);  // a zstd frame even for no bytes
  EXPECT_EQ(file.bytes, 0);
  EXPECT_EQ(file.codec, "zstd");
  EXPECT_EQ(restored, "");
}

TEST_F(RecordedRowsTest, LargeFileRoundTripsThroughSeveralPieces) {
  // Rows that compress poorly (a pseudo-random walk), so that the compressed file needs more
  // than one 4 MB piece.
  std::string bytes;
  std::uint64_t state = 88172645463325252ull;
  for (int i = 0; i < 400'000; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    bytes +=
        fmt::format("{:014},{:015},{:012},20260301,Duplicate IMEI\n", state % 100'000'000'000'000,
                    (state >> 3) % 1'000'000'000'000'000, (state >> 11) % 1'000'000'000'000);
  }
  std::vector<std::string> pieces;
  store::RecordedRowFile file;
  std::string restored;
  ASSERT_TRUE(RoundTrip(bytes, &pieces, &file, &restored).ok());
  EXPECT_GT(pieces.size(), 1u);
  EXPECT_EQ(static_cast<std::int64_t>(pieces.size()), file.pieces);
  EXPECT_LE(pieces.front().size(), PieceReader::kRecordedPieceBytes);
  EXPECT_EQ(file.bytes, static_cast<std::int64_t>(bytes.size()));
  EXPECT_TRUE(restored == bytes);
}

TEST_F(RecordedRowsTest, DamagedPiecesAreRefused) {
  std::vector<std::string> pieces;
  store::RecordedRowFile file;
  std::string restored;
  ASSERT_TRUE(
      RoundTrip("35000000000011,410010000000001,923000000001\n", &pieces, &file, &restored).ok());
  ASSERT_EQ(pieces.size(), 1u);

  store::RecordedRowFile wrong_hash = file;
  wrong_hash.sha256[0] = wrong_hash.sha256[0] == '0' ? '1' : '0';
  EXPECT_EQ(Restore(wrong_hash, pieces).code(), StatusCode::kInternal);

  std::vector<std::string> cut = {pieces[0].substr(0, pieces[0].size() - 3)};
  EXPECT_EQ(Restore(file, cut).code(), StatusCode::kInternal);

  store::RecordedRowFile other_codec = file;
  other_codec.codec = "lz4";
  EXPECT_EQ(Restore(other_codec, pieces).code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace openceir::lists
