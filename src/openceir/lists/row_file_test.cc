#include "openceir/lists/row_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "openceir/lists/row_diff.h"

namespace openceir::lists {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("row_file_test_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

Status WriteRows(const std::string& path, const std::vector<std::vector<std::string>>& rows) {
  OPENCEIR_ASSIGN_OR_RETURN(auto writer, RowWriter::Create(path));
  for (const auto& row : rows) {
    std::vector<std::string_view> fields(row.begin(), row.end());
    OPENCEIR_RETURN_IF_ERROR(writer->Write(fields));
  }
  return writer->Close();
}

TEST(RowFileTest, FieldsWithCommasQuotesAndLineBreaksRoundTrip) {
  std::string path = TempPath("roundtrip");
  std::vector<std::vector<std::string>> rows = {
      {"35000000000001", "20260101", "Duplicate IMEI|TAC not found"},
      {"ABC,DEF", "say \"hi\"", "two\nlines"},
      {"", "", ""},
  };
  ASSERT_TRUE(WriteRows(path, rows).ok());
  auto reader = RowReader::Open(path);
  ASSERT_TRUE(reader.ok());
  std::vector<std::string> row;
  for (const auto& expected : rows) {
    auto has = (*reader)->Next(&row);
    ASSERT_TRUE(has.ok() && *has);
    EXPECT_EQ(row, expected);
  }
  auto end = (*reader)->Next(&row);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
  std::filesystem::remove(path);
}

TEST(RowFileTest, DiffReportsAddedRemovedAndChangedByKey) {
  std::string old_path = TempPath("old");
  std::string new_path = TempPath("new");
  ASSERT_TRUE(WriteRows(old_path, {{"1", "a"}, {"2", "b"}, {"4", "d"}}).ok());
  ASSERT_TRUE(WriteRows(new_path, {{"2", "b"}, {"3", "c"}, {"4", "D"}}).ok());
  std::vector<std::string> seen;
  auto record = [&](const char* what) {
    return [&seen, what](const std::vector<std::string>& row) {
      seen.push_back(std::string(what) + ":" + row[0] + row[1]);
      return Status::Ok();
    };
  };
  ASSERT_TRUE(
      DiffRowFiles(old_path, new_path, 1, record("added"), record("removed"), record("changed"))
          .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"removed:1a", "added:3c", "changed:4D"}));

  seen.clear();  // no old file: everything is added
  ASSERT_TRUE(
      DiffRowFiles("", new_path, 1, record("added"), record("removed"), record("changed")).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"added:2b", "added:3c", "added:4D"}));
  std::filesystem::remove(old_path);
  std::filesystem::remove(new_path);
}

TEST(RowFileTest, MissingFileIsIoErrorNamingIt) {
  auto reader = RowReader::Open(TempPath("missing"));
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kIoError);
  EXPECT_NE(reader.status().message().find("missing"), std::string::npos);
}

}  // namespace
}  // namespace openceir::lists
