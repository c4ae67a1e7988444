#include "openceir/eirhttp/bundle_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace openceir::eirhttp {
namespace {

class BundleFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/eirhttp_bundles_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    root_ = pattern;
    folder_ = root_ + "/bundles";
    std::filesystem::create_directory(folder_);
    Write(folder_ + "/full-000007.bundle", "bundle bytes");
    Write(root_ + "/secret.txt", "outside");
    Write(folder_ + "/.hidden", "dot file");
    std::filesystem::create_symlink(root_ + "/secret.txt", folder_ + "/link.bundle");
    std::filesystem::create_directory(folder_ + "/sub");
    ASSERT_TRUE(files_.Open(folder_).ok());
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  static void Write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  Response Serve(std::string_view name, std::string_view if_none_match = {}, bool head = false) {
    Response response;
    files_.Serve(name, if_none_match, head, &response);
    if (response.file_fd >= 0) ::close(response.file_fd);
    return response;
  }

  std::string root_;
  std::string folder_;
  BundleFiles files_;
};

TEST_F(BundleFilesTest, ServesAFileWithAnEtagAndItsSize) {
  Response response;
  files_.Serve("full-000007.bundle", {}, false, &response);
  EXPECT_EQ(response.status, 200);
  EXPECT_GE(response.file_fd, 0);
  EXPECT_EQ(response.file_size, 12u);
  EXPECT_EQ(response.content_type, "application/octet-stream");
  EXPECT_FALSE(response.head);
  ASSERT_GE(response.etag.size(), 2u);
  EXPECT_EQ(response.etag.front(), '"');
  EXPECT_EQ(response.etag.back(), '"');
  char text[12];
  EXPECT_EQ(::pread(response.file_fd, text, sizeof(text), 0), 12);
  EXPECT_EQ(std::string(text, 12), "bundle bytes");
  ::close(response.file_fd);
}

TEST_F(BundleFilesTest, MatchingIfNoneMatchIs304AndAReplacedFileGetsANewEtag) {
  const std::string etag = Serve("full-000007.bundle").etag;
  EXPECT_EQ(Serve("full-000007.bundle", etag).status, 304);
  EXPECT_EQ(Serve("full-000007.bundle", "\"other\", W/" + etag).status, 304);
  EXPECT_EQ(Serve("full-000007.bundle", "*").status, 304);
  EXPECT_EQ(Serve("full-000007.bundle", "\"other\"").status, 200);

  // Publishing writes aside and renames: a new inode, so a new ETag even at the same size.
  Write(folder_ + "/next.tmp", "bundle BYTES");
  std::filesystem::rename(folder_ + "/next.tmp", folder_ + "/full-000007.bundle");
  const Response replaced = Serve("full-000007.bundle", etag);
  EXPECT_EQ(replaced.status, 200);
  EXPECT_NE(replaced.etag, etag);
}

TEST_F(BundleFilesTest, RefusesNamesThatCouldLeaveTheFolder) {
  for (const char* name : {"", "..", "../secret.txt", "%2e%2e%2fsecret.txt", "sub/x", ".hidden",
                           "a%00b", "%zz", "with space"}) {
    EXPECT_EQ(Serve(name).status, 400) << name;
  }
  for (const char* name : {"link.bundle", "sub", "missing.bundle"}) {
    EXPECT_EQ(Serve(name).status, 404) << name;
  }
}

TEST_F(BundleFilesTest, ServesTheFilesOfABundlesSequenceFolderOnly) {
  std::filesystem::create_directories(root_ + "/bundles/42");
  std::ofstream(root_ + "/bundles/42/manifest.json") << "{}";
  std::filesystem::create_directory_symlink(root_ + "/bundles/42", root_ + "/bundles/43");
  const Response response = Serve("42/manifest.json");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(Serve("42%2Fmanifest.json").status, 200);
  for (const char* name : {"42/missing", "43/manifest.json", "7/manifest.json"}) {
    EXPECT_EQ(Serve(name).status, 404) << name;
  }
  for (const char* name :
       {"42/../x", "42/.hidden", "42/sub/x", "a42/manifest.json", "/42/x", "42/", "42//x"}) {
    EXPECT_EQ(Serve(name).status, 400) << name;
  }
}

TEST_F(BundleFilesTest, HeadGivesHeadersOnlyAndNoFolderGives404) {
  const Response head = Serve("full-000007.bundle", {}, true);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.head);
  EXPECT_EQ(head.file_size, 12u);

  BundleFiles none;
  Response response;
  none.Serve("full-000007.bundle", {}, false, &response);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(none.Open(root_ + "/missing").code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace openceir::eirhttp
