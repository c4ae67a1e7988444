#include "openceir/store/store_dump.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace openceir::store {
namespace {

namespace fs = std::filesystem;

class StoreDumpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            fmt::format("openceir_dump_test_{}_{}", ::getpid(),
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    dir_ = (root_ / "dump").string();
  }
  void TearDown() override { fs::remove_all(root_); }

  // A dump with two rows in `job` (one with every escaped character, one with NULL and bytes)
  // and no rows elsewhere.
  void WriteDump() {
    auto writer = StoreDumpWriter::Create(dir_);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (const DumpTableSpec& spec : DumpTables()) {
      ASSERT_TRUE((*writer)->BeginTable(spec.name, {"a", "b", "c"}).ok());
      if (spec.name == "job") {
        std::vector<std::optional<std::string_view>> first = {"1", "tab\there\\ new\nline\r",
                                                              "plain"};
        ASSERT_TRUE((*writer)->AddRow(first).ok());
        std::string bytes = DumpBytesText(std::string("\x00\xff\x10", 3));
        std::vector<std::optional<std::string_view>> second = {"2", std::nullopt, bytes};
        ASSERT_TRUE((*writer)->AddRow(second).ok());
      }
      if (spec.name == "obs_cell") {
        ASSERT_TRUE((*writer)->AddRowText("x\t\\N\t\\\\x00\n", 1).ok());
      }
      ASSERT_TRUE((*writer)->EndTable().ok());
    }
    ASSERT_TRUE((*writer)->Finish(3, 2, 1'790'000'000).ok());
  }

  std::string File(const std::string& name) const { return dir_ + "/" + name; }

  static std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path root_;
  std::string dir_;
};

TEST_F(StoreDumpTest, RowsComeBackAsTheyWereWrittenWithManifestVersions) {
  WriteDump();
  auto reader = StoreDumpReader::Open(dir_);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->manifest().registry_schema_version, 3);
  EXPECT_EQ((*reader)->manifest().observation_schema_version, 2);
  EXPECT_EQ((*reader)->manifest().created_at, 1'790'000'000);
  EXPECT_EQ((*reader)->table("job").rows, 2);
  std::vector<std::vector<std::optional<std::string>>> rows;
  Status read = (*reader)->ReadTable("job", [&](DumpRow fields) {
    std::vector<std::optional<std::string>> row;
    for (const auto& field : fields) {
      row.push_back(field ? std::optional<std::string>(*field) : std::nullopt);
    }
    rows.push_back(std::move(row));
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.ToString();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], "tab\there\\ new\nline\r");
  EXPECT_EQ(rows[1][1], std::nullopt);
  auto bytes = ParseDumpBytes(*rows[1][2]);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, std::string("\x00\xff\x10", 3));
}

TEST_F(StoreDumpTest, FilesAreCopyTextWithAHeaderLine) {
  WriteDump();
  EXPECT_EQ(Slurp(File("job.tsv")),
            "a\tb\tc\n1\ttab\\there\\\\ new\\nline\\r\tplain\n2\t\\N\t\\\\x00ff10\n");
  std::string text;
  auto reader = StoreDumpReader::Open(dir_);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)
                  ->ReadTableText("obs_cell",
                                  [&](std::string_view lines) {
                                    text += lines;
                                    return Status::Ok();
                                  })
                  .ok());
  EXPECT_EQ(text, "x\t\\N\t\\\\x00\n");
}

TEST_F(StoreDumpTest, ADumpWithoutManifestIsAnUnfinishedExport) {
  WriteDump();
  fs::remove(File("manifest.json"));
  auto reader = StoreDumpReader::Open(dir_);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(reader.status().message().find("did not finish"), std::string::npos);
}

TEST_F(StoreDumpTest, AChangedFileIsFoundAtItsEnd) {
  WriteDump();
  std::string text = Slurp(File("job.tsv"));
  text[text.find("plain")] = 'P';
  std::ofstream(File("job.tsv"), std::ios::binary | std::ios::trunc) << text;
  auto reader = StoreDumpReader::Open(dir_);
  ASSERT_TRUE(reader.ok());
  int visited = 0;
  Status read = (*reader)->ReadTable("job", [&](DumpRow) {
    ++visited;
    return Status::Ok();
  });
  EXPECT_EQ(read.code(), StatusCode::kInvalidInput);
  EXPECT_NE(read.message().find("SHA-256"), std::string::npos) << read.message();
  EXPECT_EQ(visited, 2);  // an importer rolls back what it applied
}

TEST_F(StoreDumpTest, ATruncatedFileIsRefused) {
  WriteDump();
  std::string text = Slurp(File("job.tsv"));
  std::ofstream(File("job.tsv"), std::ios::binary | std::ios::trunc)
      << text.substr(0, text.size() - 3);
  auto reader = StoreDumpReader::Open(dir_);
  ASSERT_TRUE(reader.ok());
  Status read = (*reader)->ReadTable("job", [](DumpRow) { return Status::Ok(); });
  EXPECT_EQ(read.code(), StatusCode::kInvalidInput);
  EXPECT_NE(read.message().find("job.tsv:3: the last line has no newline"), std::string::npos)
      << read.message();
}

TEST_F(StoreDumpTest, ABadEscapeNamesFileLineAndColumn) {
  WriteDump();
  std::string text = Slurp(File("job.tsv"));
  text.replace(text.find("plain"), 5, "pl\\qn");
  std::ofstream(File("job.tsv"), std::ios::binary | std::ios::trunc) << text;
  auto reader = StoreDumpReader::Open(dir_);
  ASSERT_TRUE(reader.ok());
  Status read = (*reader)->ReadTable("job", [](DumpRow) { return Status::Ok(); });
  EXPECT_EQ(read.code(), StatusCode::kInvalidInput);
  EXPECT_NE(read.message().find("job.tsv:2:"), std::string::npos) << read.message();
  EXPECT_NE(read.message().find("escape"), std::string::npos) << read.message();
}

TEST_F(StoreDumpTest, ARowWithAMissingFieldIsRefused) {
  WriteDump();
  std::string text = Slurp(File("job.tsv"));
  text.replace(text.find("\tplain"), 6, "");
  std::ofstream(File("job.tsv"), std::ios::binary | std::ios::trunc) << text;
  auto reader = StoreDumpReader::Open(dir_);
  ASSERT_TRUE(reader.ok());
  Status read = (*reader)->ReadTableText("job", [](std::string_view) { return Status::Ok(); });
  EXPECT_EQ(read.code(), StatusCode::kInvalidInput);
  EXPECT_NE(read.message().find("job.tsv:2:1: fields: 2 for 3 columns"), std::string::npos)
      << read.message();
}

TEST_F(StoreDumpTest, AManifestWithATableMissingIsRefused) {
  WriteDump();
  std::string manifest = Slurp(File("manifest.json"));
  manifest.replace(manifest.find("\"obs_cell\""), 10, "\"obs_cells\"");
  std::ofstream(File("manifest.json"), std::ios::binary | std::ios::trunc) << manifest;
  auto reader = StoreDumpReader::Open(dir_);
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.status().message().find("expected \"obs_cell\""), std::string::npos)
      << reader.status().message();
}

TEST_F(StoreDumpTest, ADumpGoesIntoANewFolderOnly) {
  WriteDump();
  auto again = StoreDumpWriter::Create(dir_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(StoreDumpTest, TablesMustComeInDumpOrder) {
  auto writer = StoreDumpWriter::Create(dir_);
  ASSERT_TRUE(writer.ok());
  EXPECT_FALSE((*writer)->BeginTable("obs_cell", {"a"}).ok());
  EXPECT_FALSE((*writer)->Finish(1, 1, 0).ok());
}

TEST(DumpValuesTest, BytesAndRealsHaveOneCanonicalText) {
  EXPECT_EQ(DumpBytesText(""), "\\x");
  EXPECT_EQ(DumpBytesText("\x01\xab"), "\\x01ab");
  EXPECT_FALSE(ParseDumpBytes("01ab").ok());
  EXPECT_FALSE(ParseDumpBytes("\\x0").ok());
  EXPECT_FALSE(ParseDumpBytes("\\xzz").ok());
  EXPECT_EQ(DumpRealText(0.1), "0.1");
  EXPECT_EQ(DumpRealText(-33.8688), "-33.8688");
  EXPECT_EQ(std::stod(DumpRealText(1.0 / 3.0)), 1.0 / 3.0);
}

}  // namespace
}  // namespace openceir::store
