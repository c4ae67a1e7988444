// The decision table (issue 5 item 1): every combination of lists (none, blacklisted, notified,
// both), exception pair (no IMSI, another IMSI, the excepted IMSI) and policy (each policy off,
// and on with each answer, for an IMEI it applies to and one it does not).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "openceir/eir/snapshot.h"
#include "openceir/eir/snapshot_builder.h"

namespace openceir::eir {
namespace {

constexpr std::string_view kImei = "35123456123456";  // TAC 35123456, allocated, not a test TAC
constexpr std::string_view kExceptedImsi = "310150123456789";
constexpr std::string_view kOtherImsi = "310150999999999";

enum class Lists { kNone, kBlacklisted, kNotified, kBoth };
enum class Imsi { kNone, kOther, kExcepted };

struct Expected {
  EquipmentStatus status;
  DecisionBasis basis;
};

// Lists x exception, written out as FORMATS.md states it: blocked if blacklisted and the pair
// is not an exception; tracked if notified (an exception pair takes its pair off a
// notification); otherwise permitted.
Expected ListsRow(Lists lists, Imsi imsi) {
  using S = EquipmentStatus;
  using B = DecisionBasis;
  const bool excepted = imsi == Imsi::kExcepted;
  switch (lists) {
    case Lists::kNone: return {S::kWhitelisted, B::kNotListed};
    case Lists::kBlacklisted:
    case Lists::kBoth:
      return excepted ? Expected{S::kWhitelisted, B::kExceptionPair}
                      : Expected{S::kBlacklisted, B::kBlacklist};
    case Lists::kNotified:
      return excepted ? Expected{S::kWhitelisted, B::kExceptionPair}
                      : Expected{S::kGreylisted, B::kNotification};
  }
  return {S::kWhitelisted, B::kNotListed};
}

std::string Describe(Lists lists, Imsi imsi) {
  static constexpr std::string_view kLists[] = {"none", "blacklisted", "notified", "both"};
  static constexpr std::string_view kImsi[] = {"no imsi", "other imsi", "excepted imsi"};
  return std::string(kLists[static_cast<int>(lists)]) + " / " +
         std::string(kImsi[static_cast<int>(imsi)]);
}

std::shared_ptr<const DecisionSnapshot> Build(Lists lists, const DecisionPolicies& policies,
                                              std::string_view imei = kImei) {
  SnapshotBuilder builder;
  if (lists == Lists::kBlacklisted || lists == Lists::kBoth) {
    EXPECT_TRUE(builder.AddBlacklisted(imei, 20240105, "stolen").ok());
  }
  if (lists == Lists::kNotified || lists == Lists::kBoth) {
    EXPECT_TRUE(builder.AddNotified(imei, 20250101, "duplicate").ok());
  }
  EXPECT_TRUE(builder.AddExceptionPair(imei, kExceptedImsi).ok());
  EXPECT_TRUE(builder.AddAllocatedTac("35123456").ok());
  EXPECT_TRUE(builder.AddKnownImei("35123456000001").ok());
  builder.SetPolicies(policies);
  auto snapshot = std::move(builder).Build(7, 1700000000);
  EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  return *snapshot;
}

Decision Ask(const DecisionSnapshot& snapshot, std::string_view imei, Imsi imsi) {
  EquipmentQuery query{imei, std::nullopt};
  if (imsi == Imsi::kOther) query.imsi = kOtherImsi;
  if (imsi == Imsi::kExcepted) query.imsi = kExceptedImsi;
  return snapshot.Decide(query);
}

TEST(DecisionTableTest, ListsAndExceptionPairsWithPoliciesOff) {
  for (Lists lists : {Lists::kNone, Lists::kBlacklisted, Lists::kNotified, Lists::kBoth}) {
    const auto snapshot = Build(lists, DecisionPolicies{});
    for (Imsi imsi : {Imsi::kNone, Imsi::kOther, Imsi::kExcepted}) {
      const Expected expected = ListsRow(lists, imsi);
      // The IMEI as 14 digits, with a check digit (even a wrong one), and as an IMEISV.
      for (std::string imei : {std::string(kImei), std::string(kImei) + "0",
                               std::string(kImei) + "7", std::string(kImei) + "01"}) {
        const Decision decision = Ask(*snapshot, imei, imsi);
        SCOPED_TRACE(Describe(lists, imsi) + " imei " + imei);
        EXPECT_FALSE(decision.equipment_unknown);
        EXPECT_EQ(decision.status, expected.status);
        EXPECT_EQ(decision.basis, expected.basis);
        if (lists == Lists::kNone) {
          EXPECT_EQ(decision.block_date, 0u);
          EXPECT_EQ(decision.reasons, "");
        } else if (lists == Lists::kNotified) {
          EXPECT_EQ(decision.block_date, 20250101u);
          EXPECT_EQ(decision.reasons, "duplicate");
        } else {  // blacklisted wins over notified
          EXPECT_EQ(decision.block_date, 20240105u);
          EXPECT_EQ(decision.reasons, "stolen");
        }
      }
    }
  }
}

// What a policy answer becomes in a Decision.
void ExpectPolicyAnswer(const Decision& decision, PolicyAnswer answer, DecisionBasis basis,
                        const std::string& trace) {
  SCOPED_TRACE(trace);
  EXPECT_EQ(decision.basis, basis);
  EXPECT_EQ(decision.equipment_unknown, answer == PolicyAnswer::kEquipmentUnknown);
  switch (answer) {
    case PolicyAnswer::kWhitelisted:
      EXPECT_EQ(decision.status, EquipmentStatus::kWhitelisted);
      break;
    case PolicyAnswer::kGreylisted: EXPECT_EQ(decision.status, EquipmentStatus::kGreylisted); break;
    case PolicyAnswer::kBlacklisted:
      EXPECT_EQ(decision.status, EquipmentStatus::kBlacklisted);
      break;
    case PolicyAnswer::kEquipmentUnknown: break;
  }
}

constexpr PolicyAnswer kAllAnswers[] = {PolicyAnswer::kWhitelisted, PolicyAnswer::kGreylisted,
                                        PolicyAnswer::kBlacklisted,
                                        PolicyAnswer::kEquipmentUnknown};

TEST(DecisionTableTest, InvalidImeiAnswersItsPolicyWhateverTheLists) {
  for (PolicyAnswer answer : kAllAnswers) {
    DecisionPolicies policies;
    policies.invalid_imei = answer;
    const auto snapshot = Build(Lists::kBlacklisted, policies);
    for (std::string_view imei : {"", "3512345612345", "35123456123456789", "3512345612345A",
                                  "A5123456123456", " 35123456123456", "35123456-23456"}) {
      for (Imsi imsi : {Imsi::kNone, Imsi::kExcepted}) {
        ExpectPolicyAnswer(
            Ask(*snapshot, imei, imsi), answer, DecisionBasis::kInvalidImeiPolicy,
            "imei '" + std::string(imei) + "' answer " + std::string(PolicyAnswerName(answer)));
      }
    }
  }
}

// Each data policy: an IMEI it applies to (`hit`) gets the policy's answer when the IMEI is on
// no list; a listed IMEI keeps its list answer; an IMEI it does not apply to is whitelisted.
struct DataPolicyCase {
  std::string name;
  std::optional<PolicyAnswer> DecisionPolicies::*policy;
  DecisionBasis basis;
  std::string_view hit;   // the policy applies
  std::string_view miss;  // the policy does not apply
};

TEST(DecisionTableTest, DataPoliciesApplyOnlyToImeisOnNoList) {
  const std::vector<DataPolicyCase> cases = {
      {"test_tac", &DecisionPolicies::test_tac, DecisionBasis::kTestTacPolicy, "00101712345678",
       "35123456000001"},
      {"unallocated_tac", &DecisionPolicies::unallocated_tac, DecisionBasis::kUnallocatedTacPolicy,
       "86000000123456", "35123456000001"},
      {"unknown_imei", &DecisionPolicies::unknown_imei, DecisionBasis::kUnknownImeiPolicy,
       "35123456000002", "35123456000001"},
  };
  for (const DataPolicyCase& c : cases) {
    for (PolicyAnswer answer : kAllAnswers) {
      DecisionPolicies policies;
      policies.*(c.policy) = answer;
      for (Lists lists : {Lists::kNone, Lists::kBlacklisted, Lists::kNotified}) {
        const auto snapshot = Build(lists, policies, c.hit);
        for (Imsi imsi : {Imsi::kNone, Imsi::kOther, Imsi::kExcepted}) {
          const std::string trace =
              c.name + "=" + std::string(PolicyAnswerName(answer)) + " " + Describe(lists, imsi);
          const Decision hit = Ask(*snapshot, c.hit, imsi);
          if (lists == Lists::kNone) {
            ExpectPolicyAnswer(hit, answer, c.basis, trace + " hit");
          } else {
            const Expected expected = ListsRow(lists, imsi);
            EXPECT_EQ(hit.status, expected.status) << trace;
            EXPECT_EQ(hit.basis, expected.basis) << trace;
            EXPECT_FALSE(hit.equipment_unknown) << trace;
          }
          const Decision miss = Ask(*snapshot, c.miss, imsi);
          EXPECT_EQ(miss.status, EquipmentStatus::kWhitelisted) << trace << " miss";
          EXPECT_EQ(miss.basis, DecisionBasis::kNotListed) << trace << " miss";
          EXPECT_FALSE(miss.equipment_unknown) << trace << " miss";
        }
      }
      // Off: the same IMEI is whitelisted.
      const auto off = Build(Lists::kNone, DecisionPolicies{}, c.hit);
      EXPECT_EQ(Ask(*off, c.hit, Imsi::kNone).basis, DecisionBasis::kNotListed) << c.name;
    }
  }
}

TEST(DecisionTableTest, PoliciesApplyInOrderTestTacUnallocatedUnknown) {
  DecisionPolicies policies;
  policies.test_tac = PolicyAnswer::kGreylisted;
  policies.unallocated_tac = PolicyAnswer::kBlacklisted;
  policies.unknown_imei = PolicyAnswer::kEquipmentUnknown;
  const auto snapshot = Build(Lists::kNone, policies);
  // A test TAC is also unallocated and unknown: the test-TAC policy answers.
  EXPECT_EQ(Ask(*snapshot, "00101712345678", Imsi::kNone).basis, DecisionBasis::kTestTacPolicy);
  // Unallocated and unknown: the TAC policy answers.
  EXPECT_EQ(Ask(*snapshot, "86000000123456", Imsi::kNone).basis,
            DecisionBasis::kUnallocatedTacPolicy);
  // Allocated but unknown.
  EXPECT_EQ(Ask(*snapshot, "35123456000002", Imsi::kNone).basis, DecisionBasis::kUnknownImeiPolicy);
  // Allocated and known.
  EXPECT_EQ(Ask(*snapshot, "35123456000001", Imsi::kNone).basis, DecisionBasis::kNotListed);
}

}  // namespace
}  // namespace openceir::eir
