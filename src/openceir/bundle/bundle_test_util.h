// Helpers for the bundle tests: content from simple rows, temporary folders, file surgery.
#pragma once

#include <string>
#include <vector>

#include "openceir/bundle/bundle_content.h"

namespace openceir::bundle {

struct TestRow {
  std::string imei;
  std::uint32_t block_date;
  std::string reasons;
};

// Canonical content of blacklist rows, notified rows and (imei, imsi) exception pairs.
BundleContent MakeContent(const std::vector<TestRow>& blacklist,
                          const std::vector<TestRow>& notified,
                          const std::vector<std::pair<std::string, std::string>>& exceptions);

// A fresh empty folder under the temp directory, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& name);
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& leaf) const { return path_ + "/" + leaf; }

 private:
  std::string path_;
};

std::string ReadFileForTest(const std::string& path);
void WriteFileForTest(const std::string& path, const std::string& bytes);

}  // namespace openceir::bundle
