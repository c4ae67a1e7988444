// Sync over real HTTP servers (label integration): a publisher's bundle directory served by
// `python3 -m http.server` (no ETag) and by a static server that sends ETags
// (testdata/etag_server.py); two nodes each poll, apply and swap their snapshots.
#include "openceir/bundle/bundle_sync.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "openceir/bundle/bundle_test_util.h"
#include "openceir/bundle/publisher.h"

namespace openceir::bundle {
namespace {

using eir::EquipmentStatus;

// A child process serving `dir`; the port is read from its first line of output.
class StaticServer {
 public:
  StaticServer(const std::string& dir, bool etag) {
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      const int quiet = ::open("/dev/null", O_WRONLY);  // http.server logs every request
      ::dup2(quiet, 2);
      ::close(out[0]);
      if (etag) {
        ::execlp("python3", "python3", "-u", OPENCEIR_BUNDLE_TESTDATA "/etag_server.py",
                 dir.c_str(), static_cast<char*>(nullptr));
      } else {
        ::execlp("python3", "python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                 "--directory", dir.c_str(), static_cast<char*>(nullptr));
      }
      ::_exit(127);
    }
    ::close(out[1]);
    // etag_server.py prints the port; http.server prints "Serving HTTP on 127.0.0.1 port N ...".
    std::FILE* in = ::fdopen(out[0], "r");
    char line[256] = {};
    if (in != nullptr && std::fgets(line, sizeof line, in) != nullptr) {
      std::string text(line);
      const std::size_t at = text.find("port ");
      port_ = std::stoi(at == std::string::npos ? text : text.substr(at + 5));
    }
    out_ = in;
  }
  ~StaticServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ != nullptr) std::fclose(out_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::FILE* out_ = nullptr;
};

class BundleSyncTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    auto key = GenerateSigningKey();
    ASSERT_TRUE(key.ok());
    key_ = *key;
  }
  void Publish(const BundleContent& content) {
    auto manifest = PublishContent(content, 1, "20260101", 0, tmp_ / "bundles", key_,
                                   PublishOptions{1'767'225'600, 3});
    ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  }
  SigningKey key_;
  TempDir tmp_{"bundle-sync-test"};
};

TEST_P(BundleSyncTest, TwoNodesFollowThePublisherOverHttp) {
  const bool etag = GetParam();
  Publish(MakeContent({{"35000000000001", 20240101, "stolen"}}, {}, {}));
  StaticServer server(tmp_ / "bundles", etag);
  ASSERT_GT(server.port(), 0);

  struct Node {
    Node(const PublicKey& key, const std::string& state_dir, const std::string& url)
        : applier(ApplierOptions{key, state_dir, {}}),
          holder(eir::DecisionSnapshot::Empty({})),
          sync(url, HttpOptions{}, applier, holder, &metrics) {}
    BundleApplier applier;
    eir::SnapshotHolder holder;
    eir::EirMetrics metrics;
    BundleSync sync;
  };
  std::vector<std::unique_ptr<Node>> nodes;
  for (int i = 0; i < 2; ++i) {
    nodes.push_back(
        std::make_unique<Node>(key_.public_key, tmp_ / ("node" + std::to_string(i)), server.url()));
  }
  for (auto& node : nodes) {
    auto result = node->sync.SyncOnce(1'767'300'000);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_TRUE(result->changed);
    EXPECT_EQ(node->holder.Current()->version(), 1u);
    EXPECT_EQ(node->holder.Current()->Decide({"35000000000001", std::nullopt}).status,
              EquipmentStatus::kBlacklisted);
  }
  // Nothing new: with ETags the server answers 304; without, `latest` names the bundle held.
  for (auto& node : nodes) {
    auto result = node->sync.SyncOnce(1'767'300'060);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_FALSE(result->changed);
    EXPECT_EQ(result->not_modified, etag);
  }
  Publish(MakeContent({}, {{"35000000000001", 20270101, "duplicate"}}, {}));
  for (auto& node : nodes) {
    auto result = node->sync.SyncOnce(1'767'300'120);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_TRUE(result->changed);
    EXPECT_TRUE(result->from_delta);
    EXPECT_EQ(node->holder.Current()->version(), 2u);
    EXPECT_EQ(node->holder.Current()->Decide({"35000000000001", std::nullopt}).status,
              EquipmentStatus::kGreylisted);
    EXPECT_NE(node->metrics.RenderPrometheus(1'767'300'120).find("openceir_eir_snapshot_version 2"),
              std::string::npos);
  }
  // A tampered bundle 3 is refused over HTTP too; the nodes keep bundle 2 and count it.
  Publish(MakeContent({{"35000000000002", 20240101, "stolen"}}, {}, {}));
  const std::string delta = tmp_ / "bundles/3/delta-2.zst";
  std::string bytes = ReadFileForTest(delta);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x40);
  WriteFileForTest(delta, bytes);
  for (auto& node : nodes) {
    auto result = node->sync.SyncOnce(1'767'300'180);
    EXPECT_FALSE(result.ok());
    EXPECT_NE(result.status().message().find("integrity"), std::string::npos)
        << result.status().ToString();
    EXPECT_EQ(node->holder.Current()->version(), 2u);
    EXPECT_EQ(node->metrics.SyncFailureCount(eir::SyncFailure::kIntegrity), 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(Servers, BundleSyncTest, ::testing::Values(false, true),
                         [](const auto& param_info) {
                           return param_info.param ? "etag" : "no_etag";
                         });

TEST(BundleSyncUnreachableTest, UnreachableServerIsAFetchFailure) {
  TempDir tmp("bundle-sync-unreachable");
  auto key = GenerateSigningKey();
  ASSERT_TRUE(key.ok());
  BundleApplier applier(ApplierOptions{key->public_key, tmp / "node", {}});
  eir::SnapshotHolder holder(eir::DecisionSnapshot::Empty({}));
  eir::EirMetrics metrics;
  // Port 1 on loopback: nothing listens there.
  BundleSync sync("http://127.0.0.1:1", HttpOptions{500, 2000}, applier, holder, &metrics);
  auto result = sync.SyncOnce(0);
  EXPECT_EQ(result.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(metrics.SyncFailureCount(eir::SyncFailure::kFetch), 1u);
  EXPECT_EQ(holder.Current()->version(), 0u);
}

}  // namespace
}  // namespace openceir::bundle
