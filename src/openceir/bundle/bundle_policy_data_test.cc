// Policy data in bundles (allocated TACs, known IMEIs): its encoding, deltas that add and remove
// it, a node configured with the unallocated-TAC or whitelist-mode policy applying a bundle that
// carries it (and refusing, with the reason, one that does not), and reading it from a registry.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

#include "openceir/base/clock.h"
#include "openceir/bundle/bundle_applier.h"
#include "openceir/bundle/bundle_test_util.h"
#include "openceir/bundle/policy_data.h"
#include "openceir/bundle/publisher.h"
#include "openceir/bundle/signing_key.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::bundle {
namespace {

using eir::DecisionBasis;
using eir::EquipmentStatus;
using eir::PolicyAnswer;

constexpr char kListed[] = "35000000000001";
constexpr char kKnown[] = "35000000000002";    // TAC 35000000: allocated
constexpr char kUnknown[] = "35000000000003";  // allocated TAC, not registered
constexpr char kUnallocated[] = "99000000000004";

BundleContent WithPolicyData(std::vector<std::uint32_t> tacs, std::vector<std::string> known) {
  BundleContent content = MakeContent({{kListed, 20260101, "stolen"}}, {}, {});
  content.allocated_tacs = std::move(tacs);
  for (const std::string& imei : known) content.known_imeis.push_back(*eir::ImeiKeyOf(imei));
  std::sort(content.known_imeis.begin(), content.known_imeis.end());
  return content;
}

TEST(BundlePolicyDataTest, StateRoundTripsPolicyDataAndKeepsVersionOneBytesWithout) {
  const BundleContent with = WithPolicyData({35000000, 86000000}, {kKnown, kListed});
  const std::string bytes = EncodeState(with);
  EXPECT_EQ(bytes.substr(0, 8), "OCEIRST2");
  auto decoded = DecodeState(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->allocated_tacs, with.allocated_tacs);
  EXPECT_EQ(decoded->known_imeis, with.known_imeis);
  EXPECT_EQ(EncodeState(*decoded), bytes);

  const BundleContent without = WithPolicyData({}, {});
  EXPECT_EQ(EncodeState(without).substr(0, 8), "OCEIRST1");
}

TEST(BundlePolicyDataTest, RefusesStateWithRepeatedOrOversizedTacs) {
  BundleContent content = WithPolicyData({35000000, 35000000}, {});
  auto repeated = DecodeState(EncodeState(content));
  ASSERT_FALSE(repeated.ok());
  EXPECT_NE(repeated.status().message().find("repeats a policy data key"), std::string::npos);
  content.allocated_tacs = {123456789};
  auto oversized = DecodeState(EncodeState(content));
  ASSERT_FALSE(oversized.ok());
  EXPECT_NE(oversized.status().message().find("TAC over 8 digits"), std::string::npos);
}

TEST(BundlePolicyDataTest, DeltaAddsAndRemovesPolicyDataToTheFullState) {
  const std::vector<std::pair<BundleContent, BundleContent>> steps = {
      {WithPolicyData({}, {}), WithPolicyData({35000000}, {kKnown})},
      {WithPolicyData({35000000}, {kKnown}), WithPolicyData({35000000, 86000000}, {kListed})},
      {WithPolicyData({35000000, 86000000}, {kListed}), WithPolicyData({}, {})}};
  for (const auto& [base, next] : steps) {
    DeltaCounts counts;
    auto decoded = DecodeDelta(EncodeDelta(Diff(base, next, &counts)));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    auto applied = ApplyDelta(base, *decoded);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    EXPECT_EQ(EncodeState(*applied), EncodeState(next));
  }
  // A delta that removes a TAC the base does not hold does not fit it.
  ContentDelta wrong;
  wrong.allocated_tacs_removed = {86000000};
  auto refused = ApplyDelta(WithPolicyData({35000000}, {}), wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("allocated TAC"), std::string::npos);
}

class PolicyNodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = GenerateSigningKey();
    ASSERT_TRUE(key.ok());
    key_ = *key;
  }
  void Publish(const BundleContent& content) {
    PublishOptions options;
    options.created_unix_seconds = 1'767'225'600;
    auto manifest = PublishContent(content, 7, "20260101", 0, central_.path(), key_, options);
    ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
    EXPECT_EQ(manifest->allocated_tacs, static_cast<std::int64_t>(content.allocated_tacs.size()));
    EXPECT_EQ(manifest->known_imeis, static_cast<std::int64_t>(content.known_imeis.size()));
  }
  SigningKey key_;
  TempDir central_{"policy_central"};
  TempDir node_{"policy_node"};
};

TEST_F(PolicyNodeTest, UnallocatedTacAndWhitelistModeAnswerFromTheBundlesData) {
  Publish(WithPolicyData({35000000}, {kKnown}));
  eir::DecisionPolicies policies;
  policies.unallocated_tac = PolicyAnswer::kEquipmentUnknown;
  policies.unknown_imei = PolicyAnswer::kGreylisted;
  BundleApplier node(ApplierOptions{key_.public_key, node_.path(), policies});
  DirectorySource source(central_.path());
  ApplyOutcome outcome;
  ApplyError error;
  ASSERT_TRUE(node.ApplyLatest(source, &outcome, &error)) << error.status.ToString();
  const eir::DecisionSnapshot& snapshot = *outcome.snapshot;
  EXPECT_EQ(snapshot.Decide({kListed, {}}).status, EquipmentStatus::kBlacklisted);
  EXPECT_EQ(snapshot.Decide({kKnown, {}}).status, EquipmentStatus::kWhitelisted);
  const eir::Decision unknown = snapshot.Decide({kUnknown, {}});
  EXPECT_EQ(unknown.basis, DecisionBasis::kUnknownImeiPolicy);
  EXPECT_EQ(unknown.status, EquipmentStatus::kGreylisted);
  const eir::Decision unallocated = snapshot.Decide({kUnallocated, {}});
  EXPECT_EQ(unallocated.basis, DecisionBasis::kUnallocatedTacPolicy);
  EXPECT_TRUE(unallocated.equipment_unknown);

  // A restarted node builds the same from its state folder.
  BundleApplier restarted(ApplierOptions{key_.public_key, node_.path(), policies});
  auto local = restarted.LoadLocal();
  ASSERT_TRUE(local.ok()) << local.status().ToString();
  EXPECT_EQ(local->snapshot->Decide({kUnallocated, {}}).basis,
            DecisionBasis::kUnallocatedTacPolicy);
}

TEST_F(PolicyNodeTest, NodeWithAPolicyRefusesABundleWithoutItsData) {
  Publish(WithPolicyData({}, {}));
  eir::DecisionPolicies policies;
  policies.unallocated_tac = PolicyAnswer::kBlacklisted;
  BundleApplier node(ApplierOptions{key_.public_key, node_.path(), policies});
  DirectorySource source(central_.path());
  ApplyOutcome outcome;
  ApplyError error;
  EXPECT_FALSE(node.ApplyLatest(source, &outcome, &error));
  EXPECT_EQ(error.reason, eir::SyncFailure::kFormat);
  EXPECT_EQ(error.status.code(), StatusCode::kFailedPrecondition) << error.status.ToString();
  EXPECT_EQ(node.sequence(), 0u);
}

TEST(ReadPolicyDataTest, ReadsAllocatedTacsAndRegisteredImeisFromTheRegistry) {
  TempDir dir("policy_store");
  SystemClock clock;
  auto registry = store::OpenSqliteRegistryStore(dir / "registry.db", &clock);
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  ASSERT_TRUE((*registry)->Migrate().ok());
  const auto commit = [&](store::ListKind kind, std::vector<store::ListRow> rows) {
    store::JobStart start;
    start.command = "import test";
    start.pid = ::getpid();
    auto id = (*registry)->StartJob(start);
    ASSERT_TRUE(id.ok());
    Status status = (*registry)->CommitListChanges(*id, kind, {std::move(rows), {}, {}}, {});
    ASSERT_TRUE(status.ok()) << status.ToString();
  };
  const auto tac_row = [](std::string tac) {
    store::ListRow row(store::SchemaOf(store::ListKind::kGsmaTac).columns.size());
    row[0] = std::move(tac);
    return row;
  };
  commit(store::ListKind::kGsmaTac, {tac_row("86000000"), tac_row("35000000"), tac_row("1234")});
  const store::ListSchema& schema = store::SchemaOf(store::ListKind::kRegistration);
  const auto registration = [&schema](std::string imei, std::string status) {
    store::ListRow row(schema.columns.size());
    row[0] = std::move(imei);
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (schema.columns[i] == "status") row[i] = std::move(status);
    }
    return row;
  };
  commit(store::ListKind::kRegistration,
         {registration(kKnown, ""), registration(kListed, " Whitelist "),
          registration(kUnknown, "blacklist"), registration("123", "")});

  auto tacs_only = ReadPolicyData(**registry, PolicyDataRequest{});
  ASSERT_TRUE(tacs_only.ok()) << tacs_only.status().ToString();
  EXPECT_EQ(tacs_only->allocated_tacs, (std::vector<std::uint32_t>{35000000, 86000000}));
  EXPECT_TRUE(tacs_only->known_imeis.empty());
  EXPECT_EQ(tacs_only->skipped_rows, 1);

  auto both = ReadPolicyData(**registry, PolicyDataRequest{true, true});
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_EQ(both->known_imeis,
            (std::vector<std::uint64_t>{*eir::ImeiKeyOf(kListed), *eir::ImeiKeyOf(kKnown)}));
  EXPECT_EQ(both->skipped_rows, 2);
}

}  // namespace
}  // namespace openceir::bundle
