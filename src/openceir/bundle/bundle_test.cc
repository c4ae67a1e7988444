// Bundles end to end on a folder source: signing, publish and apply (full and delta), and every
// refusal (bad signature, wrong key, tampered or truncated file, broken chain, rollback), after
// which the node still holds its last good bundle.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "openceir/bundle/bundle_applier.h"
#include "openceir/bundle/bundle_test_util.h"
#include "openceir/bundle/publisher.h"
#include "openceir/bundle/signing_key.h"
#include "openceir/bundle/zstd_codec.h"

namespace openceir::bundle {
namespace {

using eir::EquipmentStatus;
using eir::SyncFailure;

constexpr char kA[] = "35000000000001";
constexpr char kB[] = "35000000000002";
constexpr char kC[] = "35000000000003";
constexpr char kImsi[] = "410010000000001";

BundleContent First() {
  return MakeContent({{kA, 20240101, "stolen"}, {kB, 20240102, "duplicate|stolen"}},
                     {{kC, 20250101, "duplicate"}}, {{kA, kImsi}});
}
// A blocked, B's reasons changed, C moved to the blacklist, a new notified IMEI, pair removed.
BundleContent Second() {
  return MakeContent(
      {{kA, 20240101, "stolen"}, {kB, 20240102, "duplicate"}, {kC, 20250101, "duplicate"}},
      {{"86000000000009", 20250301, "gsma_not_found"}}, {});
}
BundleContent Third() {
  return MakeContent({{kC, 20250101, "duplicate"}}, {}, {{kC, kImsi}, {kB, kImsi}});
}

EquipmentStatus StatusOf(const eir::DecisionSnapshot& snapshot, const char* imei,
                         std::optional<std::string_view> imsi = std::nullopt) {
  return snapshot.Decide({imei, imsi}).status;
}

class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = GenerateSigningKey();
    ASSERT_TRUE(key.ok());
    key_ = *key;
  }
  void Publish(const BundleContent& content, const std::string& dir) {
    PublishOptions options;
    options.created_unix_seconds = 1'767'225'600 + static_cast<std::int64_t>(published_++);
    auto manifest = PublishContent(content, 7, "20260101", 0, dir, key_, options);
    ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  }
  BundleApplier Node(const std::string& state_dir) {
    return BundleApplier(ApplierOptions{key_.public_key, state_dir, {}});
  }
  // Applies the latest bundle of `dir`; expects success.
  ApplyOutcome Apply(BundleApplier& node, const std::string& dir) {
    DirectorySource source(dir);
    ApplyOutcome outcome;
    ApplyError error{SyncFailure::kFetch, Status::Ok()};
    EXPECT_TRUE(node.ApplyLatest(source, &outcome, &error)) << error.status.ToString();
    return outcome;
  }
  // Applies the latest bundle of `dir`; expects a refusal and returns it.
  ApplyError Refused(BundleApplier& node, const std::string& dir) {
    DirectorySource source(dir);
    ApplyOutcome outcome;
    ApplyError error{SyncFailure::kFetch, Status::Ok()};
    EXPECT_FALSE(node.ApplyLatest(source, &outcome, &error));
    return error;
  }

  SigningKey key_;
  int published_ = 0;
  TempDir tmp_{"bundle-test"};
};

TEST_F(BundleTest, SignatureVerifiesOnlyTheSignedBytesWithTheRightKey) {
  const std::string signature = SignHex(key_, "manifest");
  EXPECT_EQ(signature.size(), 128u);
  EXPECT_TRUE(VerifyHex(key_.public_key, "manifest", signature + "\n"));
  EXPECT_FALSE(VerifyHex(key_.public_key, "manifesT", signature));
  auto other = GenerateSigningKey();
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(VerifyHex(other->public_key, "manifest", signature));
  EXPECT_FALSE(VerifyHex(key_.public_key, "manifest", signature.substr(0, 126)));
}

TEST_F(BundleTest, KeyFilesRoundTripInHexAndBase64) {
  ASSERT_TRUE(WriteKeyFiles(key_, tmp_ / "secret.key", tmp_ / "public.key").ok());
  EXPECT_EQ(std::filesystem::status(tmp_ / "secret.key").permissions() &
                std::filesystem::perms::group_all,
            std::filesystem::perms::none);
  auto secret = LoadSigningKey(tmp_ / "secret.key");
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_EQ(secret->public_key, key_.public_key);
  auto public_key = LoadPublicKey(tmp_ / "public.key");
  ASSERT_TRUE(public_key.ok());
  EXPECT_EQ(*public_key, key_.public_key);
  // The same public key in base64.
  auto base64 =
      ParsePublicKey("  " + std::string("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") + "\n");
  ASSERT_TRUE(base64.ok()) << base64.status().ToString();
  EXPECT_EQ(base64->bytes, (std::array<std::uint8_t, 32>{}));
  EXPECT_EQ(ParsePublicKey("abc").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(WriteKeyFiles(key_, tmp_ / "secret.key", tmp_ / "other.key").code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(LoadPublicKey(tmp_ / "missing.key").status().code(), StatusCode::kNotFound);
}

TEST_F(BundleTest, NodeFollowsBundlesByDeltaAndMatchesANodeThatTookTheFull) {
  const std::string dir = tmp_ / "bundles";
  BundleApplier follower = Node(tmp_ / "follower");
  Publish(First(), dir);
  ApplyOutcome first = Apply(follower, dir);
  ASSERT_NE(first.snapshot, nullptr);
  EXPECT_FALSE(first.from_delta);
  EXPECT_EQ(StatusOf(*first.snapshot, kA), EquipmentStatus::kBlacklisted);
  EXPECT_EQ(StatusOf(*first.snapshot, kA, kImsi), EquipmentStatus::kWhitelisted);
  EXPECT_EQ(StatusOf(*first.snapshot, kC), EquipmentStatus::kGreylisted);

  Publish(Second(), dir);
  ApplyOutcome second = Apply(follower, dir);
  ASSERT_NE(second.snapshot, nullptr);
  EXPECT_TRUE(second.from_delta);
  EXPECT_EQ(second.sequence, 2u);
  EXPECT_EQ(StatusOf(*second.snapshot, kA, kImsi), EquipmentStatus::kBlacklisted);
  EXPECT_EQ(StatusOf(*second.snapshot, kC), EquipmentStatus::kBlacklisted);
  EXPECT_EQ(second.snapshot->Decide({kB, std::nullopt}).reasons, "duplicate");

  Publish(Third(), dir);
  ApplyOutcome third = Apply(follower, dir);
  EXPECT_TRUE(third.from_delta);
  // A node that starts now takes the full file; both hold the same state (the delta path is
  // checked against the full state's hash, and their snapshots answer alike).
  BundleApplier newcomer = Node(tmp_ / "newcomer");
  ApplyOutcome full = Apply(newcomer, dir);
  EXPECT_FALSE(full.from_delta);
  for (const char* imei : {kA, kB, kC, "86000000000009"}) {
    for (std::optional<std::string_view> imsi :
         {std::optional<std::string_view>(), std::optional<std::string_view>(kImsi)}) {
      const auto a = third.snapshot->Decide({imei, imsi});
      const auto b = full.snapshot->Decide({imei, imsi});
      EXPECT_EQ(a.status, b.status) << imei;
      EXPECT_EQ(a.basis, b.basis) << imei;
      EXPECT_EQ(a.reasons, b.reasons) << imei;
    }
  }
  EXPECT_EQ(ReadFileForTest(tmp_ / "follower/manifest.json"),
            ReadFileForTest(tmp_ / "newcomer/manifest.json"));
  // Nothing newer: no snapshot.
  EXPECT_EQ(Apply(follower, dir).snapshot, nullptr);
  // A restarted node serves its last good bundle.
  BundleApplier restarted = Node(tmp_ / "follower");
  auto local = restarted.LoadLocal();
  ASSERT_TRUE(local.ok()) << local.status().ToString();
  EXPECT_EQ(local->sequence, 3u);
  EXPECT_EQ(StatusOf(*local->snapshot, kC, kImsi), EquipmentStatus::kWhitelisted);
}

TEST_F(BundleTest, NodeTwoBundlesBehindTakesTheFullFile) {
  const std::string dir = tmp_ / "bundles";
  BundleApplier node = Node(tmp_ / "node");
  Publish(First(), dir);
  Apply(node, dir);
  Publish(Second(), dir);
  Publish(Third(), dir);
  ApplyOutcome outcome = Apply(node, dir);
  EXPECT_FALSE(outcome.from_delta);
  EXPECT_EQ(outcome.sequence, 3u);
  EXPECT_NE(outcome.note.find("base is bundle 2, not bundle 1"), std::string::npos) << outcome.note;
}

// Each file of bundle 2 altered (a byte flipped) or truncated: the bundle is refused with the
// reason, and the node keeps bundle 1.
TEST_F(BundleTest, TamperedOrTruncatedFilesAreRefusedAndTheLastGoodBundleKept) {
  const std::string dir = tmp_ / "bundles";
  Publish(First(), dir);
  Publish(Second(), dir);
  struct Case {
    std::string file;
    bool truncate;
    SyncFailure reason;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"2/manifest.json", false, SyncFailure::kSignature, "bad signature"},
      {"2/manifest.json", true, SyncFailure::kSignature, "bad signature"},
      {"2/manifest.json.sig", false, SyncFailure::kSignature, "bad signature"},
      {"2/delta-1.zst", false, SyncFailure::kIntegrity, "altered"},
      {"2/delta-1.zst", true, SyncFailure::kIntegrity, "truncated"},
      {"2/full.state.zst", false, SyncFailure::kIntegrity, "altered"},
      {"2/full.state.zst", true, SyncFailure::kIntegrity, "truncated"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file + (c.truncate ? " truncated" : " flipped"));
    // A node at bundle 1 uses the delta; a new node the full file.
    const bool full_file = c.file.find("full") != std::string::npos;
    const std::string state = tmp_ / "node";
    std::filesystem::remove_all(state);
    BundleApplier node = Node(state);
    if (!full_file) {
      DirectorySource source(dir);
      ApplyOutcome outcome;
      ApplyError error{SyncFailure::kFetch, Status::Ok()};
      ASSERT_TRUE(node.Apply(source, 1, &outcome, &error)) << error.status.ToString();
    }
    const std::string path = dir + "/" + c.file;
    const std::string original = ReadFileForTest(path);
    std::string altered = original;
    if (c.truncate) {
      altered.resize(altered.size() / 2);
    } else {
      altered[altered.size() / 2] = static_cast<char>(altered[altered.size() / 2] ^ 0x01);
    }
    WriteFileForTest(path, altered);
    const ApplyError error = Refused(node, dir);
    EXPECT_EQ(error.reason, c.reason) << error.status.ToString();
    EXPECT_NE(error.status.message().find(c.says), std::string::npos) << error.status.ToString();
    EXPECT_EQ(node.sequence(), full_file ? 0u : 1u);
    if (!full_file) {
      BundleApplier restarted = Node(state);
      auto local = restarted.LoadLocal();
      ASSERT_TRUE(local.ok());
      EXPECT_EQ(local->sequence, 1u);
    }
    WriteFileForTest(path, original);
  }
}

TEST_F(BundleTest, BundleSignedByAnotherKeyIsRefused) {
  const std::string dir = tmp_ / "bundles";
  Publish(First(), dir);
  auto other = GenerateSigningKey();
  ASSERT_TRUE(other.ok());
  BundleApplier node(ApplierOptions{other->public_key, tmp_ / "node", {}});
  const ApplyError error = Refused(node, dir);
  EXPECT_EQ(error.reason, SyncFailure::kSignature);
  EXPECT_EQ(node.sequence(), 0u);
}

// A delta whose base is numbered like the bundle held but is another state (a second central
// node with the same key, or a bundle directory rebuilt): the result's hash differs from the
// signed state, so the bundle is refused.
TEST_F(BundleTest, DeltaOntoADifferentBaseIsRefusedAsABrokenChain) {
  BundleApplier node = Node(tmp_ / "node");
  Publish(First(), tmp_ / "one");
  Apply(node, tmp_ / "one");
  Publish(Third(), tmp_ / "two");   // bundle 1 of another directory
  Publish(Second(), tmp_ / "two");  // bundle 2, delta against that other bundle 1
  const ApplyError error = Refused(node, tmp_ / "two");
  EXPECT_EQ(error.reason, SyncFailure::kChain) << error.status.ToString();
  EXPECT_EQ(node.sequence(), 1u);
}

TEST_F(BundleTest, OlderBundleThanTheOneHeldIsRefused) {
  const std::string dir = tmp_ / "bundles";
  BundleApplier node = Node(tmp_ / "node");
  Publish(First(), dir);
  Publish(Second(), dir);
  Apply(node, dir);
  WriteFileForTest(dir + "/latest", "1\n");
  const ApplyError error = Refused(node, dir);
  EXPECT_EQ(error.reason, SyncFailure::kChain);
  EXPECT_NE(error.status.message().find("no rollback"), std::string::npos);
}

TEST(BundleContentTest, DeltaAppliedToItsBaseEqualsTheNextStateOnRandomLists) {
  std::mt19937_64 random(5);
  const auto random_content = [&random]() {
    ContentBuilder builder;
    for (int i = 0; i < 3000; ++i) {
      const std::uint64_t key = 35000000000000 + random() % 5000;
      const auto date = static_cast<std::uint32_t>(20240101 + random() % 20);
      const std::string reasons = "reason" + std::to_string(random() % 6);
      if (random() % 2 == 0) {
        builder.AddBlacklisted(key, date, reasons);
      } else {
        builder.AddNotified(key, date, reasons);
      }
      if (random() % 10 == 0)
        builder.AddException(key, (410010000000000 + random() % 50) * 16 + 15);
    }
    return std::move(builder).Finish();
  };
  for (int round = 0; round < 5; ++round) {
    const BundleContent base = random_content();
    const BundleContent next = random_content();
    DeltaCounts counts;
    const ContentDelta delta = Diff(base, next, &counts);
    auto decoded = DecodeDelta(EncodeDelta(delta));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    auto applied = ApplyDelta(base, *decoded);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    EXPECT_EQ(EncodeState(*applied), EncodeState(next));
    auto state = DecodeState(EncodeState(next));
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(EncodeState(*state), EncodeState(next));
    EXPECT_GT(counts.blacklist_added + counts.blacklist_changed + counts.blacklist_removed, 0);
  }
}

TEST(BundleContentTest, TruncatedStateOrDeltaSaysWhere) {
  const std::string state = EncodeState(First());
  for (std::size_t size : {std::size_t{0}, std::size_t{5}, state.size() / 2, state.size() - 1}) {
    auto decoded = DecodeState(state.substr(0, size));
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidInput) << size;
  }
  auto compressed = ZstdCompress(state);
  ASSERT_TRUE(compressed.ok());
  EXPECT_EQ(ZstdDecompress(compressed->substr(0, compressed->size() - 3), 1 << 20).status().code(),
            StatusCode::kInvalidInput);
  auto whole = ZstdDecompress(*compressed, 1 << 20);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(*whole, state);
}

}  // namespace
}  // namespace openceir::bundle
