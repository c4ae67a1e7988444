// The API key and audit trail part of the registry store conformance suite (schema version 4):
// keys stored by hash, created and revoked with their audit entries in the same transaction, and
// a hash chain that stays intact with several writers. Instantiated with the rest of
// RegistryStoreConformanceTest by every backend's test.
#include <gmock/gmock.h>

#include <string>
#include <thread>
#include <vector>

#include "openceir/store/audit_chain.h"
#include "openceir/store/testing/registry_store_conformance.h"

namespace openceir::store::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string HashOf(char c) { return std::string(64, c); }

std::vector<AuditEntry> AuditLog(RegistryStore& store) {
  std::vector<AuditEntry> entries;
  Status status = store.ScanAuditLog([&entries](const AuditEntry& entry) {
    entries.push_back(entry);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return entries;
}

void ExpectIntact(RegistryStore& store, std::int64_t entries) {
  auto verification = VerifyAuditChain(store);
  ASSERT_TRUE(verification.ok()) << verification.status().ToString();
  EXPECT_TRUE(verification->intact()) << verification->problem;
  EXPECT_EQ(verification->entries, entries);
}

TEST_P(RegistryStoreConformanceTest, EmptyAuditLogIsIntact) {
  EXPECT_THAT(AuditLog(store()), IsEmpty());
  AuditHead head = store().GetAuditHead().value();
  EXPECT_EQ(head.seq, 0);
  EXPECT_EQ(head.hash, "");
  ExpectIntact(store(), 0);
}

TEST_P(RegistryStoreConformanceTest, CreatesFindsAndListsApiKeysWithTheirAuditEntries) {
  auto created =
      store().CreateApiKey({"ops one", ApiRole::kOperator, "op1", HashOf('a')}, "user:alice");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->role, ApiRole::kOperator);
  EXPECT_EQ(created->operator_id, "op1");
  EXPECT_EQ(created->created_at, clock().Now());
  EXPECT_EQ(created->created_by, "user:alice");
  EXPECT_FALSE(created->revoked_at.has_value());

  auto found = store().FindActiveApiKey(HashOf('a'));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, created->id);
  EXPECT_EQ((*found)->name, "ops one");
  EXPECT_FALSE(store().FindActiveApiKey(HashOf('b')).value().has_value());

  clock().Advance(5);
  ASSERT_TRUE(
      store().CreateApiKey({"police hq", ApiRole::kPolice, "", HashOf('b')}, "user:bob").ok());
  auto keys = store().ListApiKeys().value();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].name, "ops one");
  EXPECT_EQ(keys[1].role, ApiRole::kPolice);

  auto log = AuditLog(store());
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].seq, 1);
  EXPECT_EQ(log[0].actor, "user:alice");
  EXPECT_EQ(log[0].action, "apikey.create");
  EXPECT_EQ(log[0].subject, "apikey:" + std::to_string(created->id));
  EXPECT_EQ(log[0].detail_json, R"({"name":"ops one","operator_id":"op1","role":"operator"})");
  EXPECT_EQ(log[0].prev_hash, "");
  EXPECT_EQ(log[1].seq, 2);
  EXPECT_EQ(log[1].at, clock().Now());
  EXPECT_EQ(log[1].prev_hash, log[0].hash);
  EXPECT_EQ(log[1].hash, AuditEntryHash(log[1]));
  EXPECT_EQ(store().GetAuditHead().value().hash, log[1].hash);
  ExpectIntact(store(), 2);
}

TEST_P(RegistryStoreConformanceTest, RefusedKeysAppendNothing) {
  ASSERT_TRUE(store().CreateApiKey({"web", ApiRole::kPublic, "", HashOf('a')}, "user:a").ok());
  auto duplicate = store().CreateApiKey({"web2", ApiRole::kPublic, "", HashOf('a')}, "user:a");
  EXPECT_EQ(duplicate.status().code(), StatusCode::kAlreadyExists);
  auto no_operator = store().CreateApiKey({"ops", ApiRole::kOperator, "", HashOf('c')}, "user:a");
  EXPECT_EQ(no_operator.status().code(), StatusCode::kInvalidInput);
  auto no_actor = store().CreateApiKey({"web3", ApiRole::kPublic, "", HashOf('d')}, "");
  EXPECT_EQ(no_actor.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().ListApiKeys().value().size(), 1u);
  EXPECT_EQ(AuditLog(store()).size(), 1u);
  ExpectIntact(store(), 1);
}

TEST_P(RegistryStoreConformanceTest, RevokesKeysOnce) {
  ApiKeyId id =
      store().CreateApiKey({"web", ApiRole::kRegulator, "", HashOf('a')}, "user:a").value().id;
  clock().Advance(60);
  Status revoked = store().RevokeApiKey(id, "user:b");
  ASSERT_TRUE(revoked.ok()) << revoked.ToString();
  EXPECT_FALSE(store().FindActiveApiKey(HashOf('a')).value().has_value());
  auto keys = store().ListApiKeys().value();
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].revoked_at, clock().Now());
  EXPECT_EQ(keys[0].revoked_by, "user:b");

  Status again = store().RevokeApiKey(id, "user:b");
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.message(), HasSubstr("revoked already"));
  EXPECT_EQ(store().RevokeApiKey(id + 100, "user:b").code(), StatusCode::kNotFound);

  auto log = AuditLog(store());
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[1].action, "apikey.revoke");
  EXPECT_EQ(log[1].actor, "user:b");
  ExpectIntact(store(), 2);
}

TEST_P(RegistryStoreConformanceTest, AppendsAuditEntriesAndRefusesBadOnes) {
  auto entry = store().AppendAudit({"apikey:1", "case.open", "case:7", R"({"imei":"35"})"});
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(entry->seq, 1);
  EXPECT_EQ(entry->detail_json, R"({"imei":"35"})");
  EXPECT_EQ(store().AppendAudit({"apikey:1", "case.open", "case:7", "[1]"}).status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store().AppendAudit({"", "case.open", "case:7", "{}"}).status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(AuditLog(store()).size(), 1u);
  ExpectIntact(store(), 1);
}

// Writers on separate store objects (like separate processes) append at the same time: each
// entry gets its own seq and the chain stays whole, because appenders serialise on the head.
TEST_P(RegistryStoreConformanceTest, ConcurrentAppendersKeepTheChainWhole) {
  constexpr int kWriters = 3;
  constexpr int kEntriesEach = 15;
  std::vector<std::unique_ptr<RegistryStore>> stores;
  for (int w = 0; w < kWriters; ++w) {
    auto opened = database().Open(&clock());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    stores.push_back(std::move(opened).value());
  }
  std::vector<Status> failures(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kEntriesEach; ++i) {
        auto appended = stores[static_cast<std::size_t>(w)]->AppendAudit(
            {"writer:" + std::to_string(w), "test.append", "entry:" + std::to_string(i), "{}"});
        if (!appended.ok()) {
          failures[static_cast<std::size_t>(w)] = appended.status();
          return;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& failure : failures) EXPECT_TRUE(failure.ok()) << failure.ToString();
  auto log = AuditLog(store());
  ASSERT_EQ(log.size(), static_cast<std::size_t>(kWriters * kEntriesEach));
  for (std::size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log[i].seq, static_cast<int>(i) + 1);
  ExpectIntact(store(), kWriters * kEntriesEach);
}

}  // namespace
}  // namespace openceir::store::testing
