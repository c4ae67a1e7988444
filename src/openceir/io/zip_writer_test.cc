#include "openceir/io/zip_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "openceir/io/input_file.h"
#include "openceir/io/zip_reader.h"

namespace openceir::io {
namespace {

namespace fs = std::filesystem;

class ZipWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("zip_writer_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  static std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  fs::path dir_;
};

TEST_F(ZipWriterTest, SameMembersAndTimeGiveSameBytes) {
  std::string csv = Write("a.csv", "imei,block_date,reasons\n35000000000001,20260101,dup\n");
  std::vector<ZipMember> members = {{"a.csv", csv}};
  std::string first = (dir_ / "first.zip").string();
  ASSERT_TRUE(WriteZip(first, members, 1'700'000'000).ok());
  // The source file's own time must not leak into the archive.
  fs::last_write_time(csv, fs::file_time_type::clock::now() - std::chrono::hours(50));
  std::string second = (dir_ / "second.zip").string();
  ASSERT_TRUE(WriteZip(second, members, 1'700'000'000).ok());
  EXPECT_EQ(Slurp(first), Slurp(second));

  std::string other_time = (dir_ / "other.zip").string();
  ASSERT_TRUE(WriteZip(other_time, members, 1'700'000'001).ok());
  EXPECT_NE(Slurp(first), Slurp(other_time));
}

TEST_F(ZipWriterTest, MemberReadsBackThroughOpenInputFile) {
  std::string content;
  for (int i = 0; i < 100'000; ++i) content += "35000000" + std::to_string(100000 + i) + ",x\n";
  std::string csv = Write("big.csv", content);
  std::vector<ZipMember> members = {{"big.csv", csv}};
  std::string zip = (dir_ / "big.zip").string();
  ASSERT_TRUE(WriteZip(zip, members, 0).ok());
  auto stream = OpenInputFile(zip);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  std::string back;
  char buf[65536];
  while (true) {
    auto got = (*stream)->Read(buf, sizeof buf);
    ASSERT_TRUE(got.ok());
    if (*got == 0) break;
    back.append(buf, *got);
  }
  EXPECT_EQ(back, content);
}

TEST_F(ZipWriterTest, MembersReadBackInOrderWithTheirTime) {
  std::vector<ZipMember> members = {{"b.csv", Write("b.csv", "bee\n")},
                                    {"a.csv", Write("a.csv", "")}};
  std::string zip = (dir_ / "two.zip").string();
  ASSERT_TRUE(WriteZip(zip, members, 1'764'374'400).ok());
  auto entries = ReadZipEntries(zip);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].name, "b.csv");
  EXPECT_EQ((*entries)[0].bytes, "bee\n");
  EXPECT_EQ((*entries)[0].mtime, 1'764'374'400);
  EXPECT_EQ((*entries)[1].name, "a.csv");
  EXPECT_EQ((*entries)[1].bytes, "");
  EXPECT_EQ(ReadZipEntries((dir_ / "none.zip").string()).status().code(), StatusCode::kNotFound);
}

TEST_F(ZipWriterTest, MissingSourceIsIoError) {
  std::vector<ZipMember> members = {{"gone.csv", (dir_ / "gone.csv").string()}};
  Status status = WriteZip((dir_ / "x.zip").string(), members, 0);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.message().find("gone.csv"), std::string::npos);
}

}  // namespace
}  // namespace openceir::io
