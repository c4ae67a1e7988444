#include "openceir/bundle/bundle_test_util.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace openceir::bundle {

BundleContent MakeContent(const std::vector<TestRow>& blacklist,
                          const std::vector<TestRow>& notified,
                          const std::vector<std::pair<std::string, std::string>>& exceptions) {
  ContentBuilder builder;
  for (const TestRow& row : blacklist) {
    builder.AddBlacklisted(*eir::ImeiKeyOf(row.imei), row.block_date, row.reasons);
  }
  for (const TestRow& row : notified) {
    builder.AddNotified(*eir::ImeiKeyOf(row.imei), row.block_date, row.reasons);
  }
  for (const auto& [imei, imsi] : exceptions) {
    builder.AddException(*eir::ImeiKeyOf(imei), *eir::ImsiKeyOf(imsi));
  }
  return std::move(builder).Finish();
}

TempDir::TempDir(const std::string& name)
    : path_((std::filesystem::temp_directory_path() /
             ("openceir-" + name + "-" + std::to_string(::getpid())))
                .string()) {
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code error;
  std::filesystem::remove_all(path_, error);
}

std::string ReadFileForTest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFileForTest(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace openceir::bundle
