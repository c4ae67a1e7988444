// ClassifyContext and its compact sets: lookups by packed and unpacked imei_norm, TACs, IMSIs.
#include "openceir/classify/classify_context.h"

#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"
#include "openceir/identifiers/rat.h"

namespace openceir::classify {
namespace {

using testing::D;

TEST(ImeiSetTest, FindsPackedAndMalformedImeis) {
  ImeiSet set;
  set.Add("35000000000002");
  set.Add("35000000000001");
  set.Add("3500000000000A");
  set.Add("35000000000001");
  set.Finish();
  EXPECT_EQ(set.size(), 3u);
  EXPECT_TRUE(set.Contains(ImeiKey::Of("35000000000001")));
  EXPECT_TRUE(set.Contains(ImeiKey::Of("3500000000000A")));
  EXPECT_FALSE(set.Contains(ImeiKey::Of("35000000000003")));
  EXPECT_FALSE(set.Contains(ImeiKey::Of("3500000000000B")));
  EXPECT_EQ(set.MemoryBytes() >= 2 * sizeof(std::uint64_t), true);
}

TEST(ImeiMapTest, FirstAddedWinsOnDuplicates) {
  ImeiMap<int> map;
  map.Add("35000000000001", 1);
  map.Add("35000000000001", 2);
  map.Finish();
  ASSERT_NE(map.Find(ImeiKey::Of("35000000000001")), nullptr);
  EXPECT_EQ(*map.Find(ImeiKey::Of("35000000000001")), 1);
}

TEST(KeysTest, TacAndImsiKeys) {
  EXPECT_EQ(TacOf("35123456ABCDEF"), 35123456u);
  EXPECT_EQ(TacOf("3512345"), kNoTac);
  EXPECT_EQ(TacOf("3512345A000000"), kNoTac);
  EXPECT_NE(ImsiKeyOf("0012"), ImsiKeyOf("12"));
  EXPECT_EQ(ImsiKeyOf("41001A"), kNoImsiKey);
  EXPECT_EQ(ImsiKeyOf("1234567890123456"), kNoImsiKey);
}

TEST(ClassifyContextTest, ModelCapsAreTheUnionOverTheModel) {
  auto context = testing::NewContext(D(20261101));
  context->AddGsmaTac("35000002", "Acme", "Smart 2", "Smartphone", "2G|3G", "20200101");
  context->AddGsmaTac("35000003", "acme ", "Smart 2", "Smartphone", "4G", "20200101");
  context->AddGsmaTac("3500000X", "Acme", "Bad", "Smartphone", "4G", "");
  context->Finish();
  EXPECT_EQ(context->gsma_size(), 2u);
  ASSERT_NE(context->FindTac(35000002), nullptr);
  EXPECT_EQ(context->FindTac(35000002)->radio_caps, identifiers::kGen2G | identifiers::kGen3G);
  // "acme " is another manufacturer text: DIRBS groups by the exact text.
  EXPECT_EQ(context->FindTac(35000003)->model_caps, identifiers::kGen4G);
  EXPECT_EQ(context->FindTac(35000003)->allocation_date, D(20200101));
  EXPECT_EQ(context->FindTac(35000004), nullptr);
  EXPECT_EQ(context->FindTac(kNoTac), nullptr);
}

TEST(ClassifyContextTest, SubscribersAndOperators) {
  auto context = testing::NewContext(D(20261101));
  context->AddSubscriber("UID-1", "410010000000001");
  context->AddSubscriber("UID-2", "410010000000001");
  context->AddSubscriber("UID-1", "410010000000001");
  context->AddSubscriber("UID-3", "not-an-imsi");
  context->Finish();
  EXPECT_EQ(context->UidsOfImsi("410010000000001").size(), 2u);
  EXPECT_TRUE(context->UidsOfImsi("410010000000002").empty());
  EXPECT_TRUE(context->UidsOfImsi("not-an-imsi").empty());
  EXPECT_EQ(context->OperatorIndexOfImsi("410020000000001"), 1);
  EXPECT_EQ(context->operator_id(1), "op2");
  EXPECT_EQ(context->OperatorIndexOfImsi("234100000000001"), -1);
}

TEST(ClassifyContextTest, RejectsMalformedOperatorMccMnc) {
  config::RegionConfig region = testing::TestRegion();
  region.operators[0].mcc_mncs = {"41X01"};
  ClassifyContext context(D(20261101));
  const Status status = context.SetRegion(region);
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
}

TEST(EvidenceTest, FormatsEveryKindOfValue) {
  DimensionOutcome outcome;
  outcome.Add("count", 12);
  outcome.Add("average", 2.5);
  outcome.Add("day", D(20261001));
  outcome.Add("type", std::string("module"));
  EXPECT_EQ(FormatEvidence(outcome), "count=12 average=2.5 day=20261001 type=module");
  outcome.Reset();
  EXPECT_TRUE(outcome.evidence.empty());
  EXPECT_FALSE(outcome.matched);
}

}  // namespace
}  // namespace openceir::classify
