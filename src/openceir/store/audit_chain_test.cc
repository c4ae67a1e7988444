#include "openceir/store/audit_chain.h"

#include <gtest/gtest.h>

namespace openceir::store {
namespace {

AuditEntry Entry() {
  return NextAuditEntry(AuditHead{}, AuditChange{"user:alice", "apikey.create", "apikey:1", "{}"},
                        1'790'000'000);
}

TEST(AuditChainTest, FirstEntryFollowsTheEmptyHead) {
  AuditEntry entry = Entry();
  EXPECT_EQ(entry.seq, 1);
  EXPECT_EQ(entry.prev_hash, "");
  EXPECT_EQ(entry.hash.size(), 64u);
  EXPECT_EQ(entry.hash, AuditEntryHash(entry));
}

TEST(AuditChainTest, NextEntryNamesItsPredecessor) {
  AuditEntry first = Entry();
  AuditEntry second =
      NextAuditEntry(AuditHead{first.seq, first.hash},
                     AuditChange{"user:bob", "apikey.revoke", "apikey:1", "{}"}, 1'790'000'001);
  EXPECT_EQ(second.seq, 2);
  EXPECT_EQ(second.prev_hash, first.hash);
  EXPECT_NE(second.hash, first.hash);
}

TEST(AuditChainTest, EncodingIsNetstringsOfEveryField) {
  EXPECT_EQ(AuditEntryEncoding(Entry()),
            "17:openceir-audit-v1,1:1,10:1790000000,10:user:alice,13:apikey.create,8:apikey:1,"
            "2:{},0:,");
}

// Every field is covered by the hash, and moving bytes between fields changes it too.
TEST(AuditChainTest, HashChangesWithEveryField) {
  const AuditEntry base = Entry();
  std::vector<AuditEntry> changed(8, base);
  changed[0].seq = 2;
  changed[1].at += 1;
  changed[2].actor = "user:alicf";
  changed[3].action = "apikey.creat";
  changed[4].subject = "apikey:2";
  changed[5].detail_json = R"({"a":1})";
  changed[6].prev_hash = std::string(64, '0');
  changed[7].actor = "user:alice" + std::string("a");
  changed[7].action = "pikey.create";
  for (std::size_t i = 0; i < changed.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_NE(AuditEntryHash(changed[i]), base.hash);
  }
}

// Known answer: Python's hashlib.blake2b(encoding, digest_size=32) of the encoding above.
TEST(AuditChainTest, HashIsBlake2b256OfTheEncoding) {
  EXPECT_EQ(Entry().hash, "2fd5cee9533178855d3bbef4380a02283ea9658409c3ada9dd1f9fe9457e8b52");
}

TEST(AccessAuditTest, ParsesRolesAndRejectsOthers) {
  for (ApiRole role :
       {ApiRole::kPublic, ApiRole::kOperator, ApiRole::kPolice, ApiRole::kRegulator}) {
    auto parsed = ParseApiRole(ApiRoleName(role));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, role);
  }
  auto bad = ParseApiRole("admin");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(bad.status().message().find("admin"), std::string::npos);
}

TEST(AccessAuditTest, ChecksNewKeys) {
  const std::string hash(64, 'a');
  EXPECT_TRUE(CheckNewApiKey({"ops", ApiRole::kOperator, "op1", hash}).ok());
  EXPECT_TRUE(CheckNewApiKey({"web", ApiRole::kPublic, "", hash}).ok());
  struct Case {
    NewApiKey key;
    std::string_view expected;
  };
  for (const Case& c : std::vector<Case>{
           {{"", ApiRole::kPublic, "", hash}, "name"},
           {{"ops", ApiRole::kOperator, "", hash}, "operator id"},
           {{"cops", ApiRole::kPolice, "op1", hash}, "no operator id"},
           {{"web", ApiRole::kPublic, "", "ABC"}, "64 lower-case hex"},
           {{"web", ApiRole::kPublic, "", std::string(64, 'A')}, "64 lower-case hex"},
       }) {
    Status status = CheckNewApiKey(c.key);
    SCOPED_TRACE(c.expected);
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
    EXPECT_NE(status.message().find(c.expected), std::string::npos) << status.message();
  }
}

TEST(AccessAuditTest, ChecksAuditChanges) {
  EXPECT_TRUE(CheckAuditChange({"a", "b", "c", "{}"}).ok());
  EXPECT_EQ(CheckAuditChange({"", "b", "c", "{}"}).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CheckAuditChange({"a", "", "c", "{}"}).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CheckAuditChange({"a", "b", "", "{}"}).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CheckAuditChange({"a", "b", "c", "[]"}).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CheckAuditChange({"a", "b", "c", "{"}).code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace openceir::store
