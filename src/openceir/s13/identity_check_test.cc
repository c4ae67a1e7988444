// The ECR -> answer mapping without a network: every outcome, the IMEI forms a network sends,
// the 3GPP2-MEID encodings and the User-Name rules.
#include "openceir/s13/identity_check.h"

#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <vector>

#include "openceir/eir/snapshot_builder.h"

namespace openceir::s13 {
namespace {

using eir::EquipmentStatus;

constexpr std::string_view kBlacklisted = "35209900176148";
constexpr std::string_view kNotified = "35209900176149";
constexpr std::string_view kExceptionImei = "35209900176150";
constexpr std::string_view kExceptionImsi = "410011234567890";
constexpr std::string_view kUnlisted = "35209900176151";

std::shared_ptr<const eir::DecisionSnapshot> TestSnapshot(eir::PolicyAnswer invalid_imei) {
  eir::SnapshotBuilder builder;
  EXPECT_TRUE(builder.AddBlacklisted(kBlacklisted, 20240101, "stolen").ok());
  EXPECT_TRUE(builder.AddNotified(kNotified, 20240301, "duplicate").ok());
  EXPECT_TRUE(builder.AddBlacklisted(kExceptionImei, 20240101, "duplicate").ok());
  EXPECT_TRUE(builder.AddExceptionPair(kExceptionImei, kExceptionImsi).ok());
  eir::DecisionPolicies policies;
  policies.invalid_imei = invalid_imei;
  builder.SetPolicies(policies);
  auto snapshot = std::move(builder).Build(7, 1700000000);
  EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  return *snapshot;
}

IdentityCheckRequest WithImei(std::string_view imei) {
  IdentityCheckRequest request;
  request.has_terminal_information = true;
  request.imei = imei;
  return request;
}

struct StatusCase {
  std::string_view imei;
  std::optional<std::string_view> user_name;
  EquipmentStatus status;
  eir::Answer metrics_answer;
};

TEST(AnswerIdentityCheckTest, AnswersTheSnapshotsStatusForEachList) {
  const auto snapshot = TestSnapshot(eir::PolicyAnswer::kEquipmentUnknown);
  const std::vector<StatusCase> cases = {
      {kBlacklisted, std::nullopt, EquipmentStatus::kBlacklisted, eir::Answer::kBlacklisted},
      {kNotified, std::nullopt, EquipmentStatus::kGreylisted, eir::Answer::kGreylisted},
      {kUnlisted, std::nullopt, EquipmentStatus::kWhitelisted, eir::Answer::kWhitelisted},
      // The exception pair lifts the block only for its own IMSI.
      {kExceptionImei, kExceptionImsi, EquipmentStatus::kWhitelisted, eir::Answer::kWhitelisted},
      {kExceptionImei, "410019999999999", EquipmentStatus::kBlacklisted, eir::Answer::kBlacklisted},
      {kExceptionImei, std::nullopt, EquipmentStatus::kBlacklisted, eir::Answer::kBlacklisted},
      // 15th digit: a spare 0 or a check digit, right or wrong, is ignored.
      {"352099001761480", std::nullopt, EquipmentStatus::kBlacklisted, eir::Answer::kBlacklisted},
      {"352099001761487", std::nullopt, EquipmentStatus::kBlacklisted, eir::Answer::kBlacklisted},
  };
  for (const StatusCase& c : cases) {
    IdentityCheckRequest request = WithImei(c.imei);
    request.user_name = c.user_name;
    const IdentityCheckAnswer answer = AnswerIdentityCheck(request, *snapshot);
    EXPECT_EQ(answer.outcome, IdentityCheckOutcome::kEquipmentStatus) << c.imei;
    EXPECT_EQ(answer.status, c.status) << c.imei << " " << c.user_name.value_or("-");
    EXPECT_EQ(answer.metrics_answer, c.metrics_answer) << c.imei;
  }
}

TEST(AnswerIdentityCheckTest, InvalidImeiIsAnsweredByPolicy) {
  const auto unknown = TestSnapshot(eir::PolicyAnswer::kEquipmentUnknown);
  const IdentityCheckAnswer answer = AnswerIdentityCheck(WithImei("35209900A76148"), *unknown);
  EXPECT_EQ(answer.outcome, IdentityCheckOutcome::kEquipmentUnknown);
  EXPECT_EQ(answer.metrics_answer, eir::Answer::kUnknown);

  const auto greylisted = TestSnapshot(eir::PolicyAnswer::kGreylisted);
  const IdentityCheckAnswer grey = AnswerIdentityCheck(WithImei("1234"), *greylisted);
  EXPECT_EQ(grey.outcome, IdentityCheckOutcome::kEquipmentStatus);
  EXPECT_EQ(grey.status, EquipmentStatus::kGreylisted);
}

TEST(AnswerIdentityCheckTest, MissingTerminalInformationIsMissingAvp) {
  const auto snapshot = TestSnapshot(eir::PolicyAnswer::kEquipmentUnknown);
  IdentityCheckRequest request;
  request.user_name = kExceptionImsi;
  const IdentityCheckAnswer answer = AnswerIdentityCheck(request, *snapshot);
  EXPECT_EQ(answer.outcome, IdentityCheckOutcome::kMissingTerminalInformation);
  EXPECT_EQ(answer.metrics_answer, eir::Answer::kBadRequest);
}

TEST(AnswerIdentityCheckTest, TerminalInformationWithoutImeiOrMeidIsMissingAvp) {
  const auto snapshot = TestSnapshot(eir::PolicyAnswer::kEquipmentUnknown);
  IdentityCheckRequest request;
  request.has_terminal_information = true;
  request.software_version = "01";
  const IdentityCheckAnswer answer = AnswerIdentityCheck(request, *snapshot);
  EXPECT_EQ(answer.outcome, IdentityCheckOutcome::kMissingImei);
  EXPECT_EQ(answer.metrics_answer, eir::Answer::kBadRequest);
}

TEST(AnswerIdentityCheckTest, HexMeidFallsUnderTheInvalidImeiPolicy) {
  const auto snapshot = TestSnapshot(eir::PolicyAnswer::kEquipmentUnknown);
  // A.S0022 Mobile Identity of MEID A0000000002329: type 001, digit 1 = A, F filler.
  const std::array<std::uint8_t, 8> meid = {0xA1, 0x00, 0x00, 0x00, 0x00, 0x20, 0x23, 0xF9};
  IdentityCheckRequest request;
  request.has_terminal_information = true;
  request.meid = std::span<const std::uint8_t>(meid);
  EXPECT_EQ(AnswerIdentityCheck(request, *snapshot).outcome,
            IdentityCheckOutcome::kEquipmentUnknown);
}

TEST(AnswerIdentityCheckTest, DecimalMeidIsLookedUpAsAnImei) {
  const auto snapshot = TestSnapshot(eir::PolicyAnswer::kEquipmentUnknown);
  // 35209900176148 as 7 octets.
  const std::array<std::uint8_t, 7> meid = {0x35, 0x20, 0x99, 0x00, 0x17, 0x61, 0x48};
  IdentityCheckRequest request;
  request.has_terminal_information = true;
  request.meid = std::span<const std::uint8_t>(meid);
  const IdentityCheckAnswer answer = AnswerIdentityCheck(request, *snapshot);
  EXPECT_EQ(answer.outcome, IdentityCheckOutcome::kEquipmentStatus);
  EXPECT_EQ(answer.status, EquipmentStatus::kBlacklisted);
}

TEST(AnswerIdentityCheckTest, ImeiWinsOverMeid) {
  const auto snapshot = TestSnapshot(eir::PolicyAnswer::kEquipmentUnknown);
  const std::array<std::uint8_t, 7> meid = {0xA0, 0, 0, 0, 0, 0x23, 0x29};
  IdentityCheckRequest request = WithImei(kNotified);
  request.meid = std::span<const std::uint8_t>(meid);
  EXPECT_EQ(AnswerIdentityCheck(request, *snapshot).status, EquipmentStatus::kGreylisted);
}

std::string Digits(const MeidDigits& digits) { return std::string(digits.data(), digits.size()); }

TEST(DecodeMeidTest, DecodesTheMobileIdentityForm) {
  const std::array<std::uint8_t, 8> meid = {0xA1, 0x00, 0x00, 0x00, 0x00, 0x20, 0x23, 0xF9};
  const auto digits = DecodeMeid(meid);
  ASSERT_TRUE(digits);
  EXPECT_EQ(Digits(*digits), "A0000000002329");
}

TEST(DecodeMeidTest, DecodesSevenOctetsAndHexText) {
  const std::array<std::uint8_t, 7> octets = {0xA0, 0x00, 0x00, 0x00, 0x00, 0x23, 0x29};
  ASSERT_TRUE(DecodeMeid(octets));
  EXPECT_EQ(Digits(*DecodeMeid(octets)), "A0000000002329");
  const std::string_view text = "a0000000002329";
  const auto from_text = DecodeMeid(std::span<const std::uint8_t>(
      reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  ASSERT_TRUE(from_text);
  EXPECT_EQ(Digits(*from_text), "A0000000002329");
}

TEST(DecodeMeidTest, RejectsOtherIdentityTypesAndLengths) {
  // Type of identity 101 (ESN), not MEID.
  const std::array<std::uint8_t, 8> esn = {0xA5, 0x00, 0x00, 0x00, 0x00, 0x20, 0x23, 0xF9};
  EXPECT_FALSE(DecodeMeid(esn));
  // MEID type but no filler in the last nibble.
  const std::array<std::uint8_t, 8> no_filler = {0xA1, 0, 0, 0, 0, 0x20, 0x23, 0x19};
  EXPECT_FALSE(DecodeMeid(no_filler));
  const std::array<std::uint8_t, 5> short_value = {1, 2, 3, 4, 5};
  EXPECT_FALSE(DecodeMeid(short_value));
  const std::string_view not_hex = "G0000000002329";
  EXPECT_FALSE(DecodeMeid(std::span<const std::uint8_t>(
      reinterpret_cast<const std::uint8_t*>(not_hex.data()), not_hex.size())));
}

TEST(QueryOfTest, UserNameIsTheImsiOnlyWhenItIsDigits) {
  MeidDigits buffer;
  IdentityCheckRequest request = WithImei(kBlacklisted);
  request.user_name = "410011234567890";
  EXPECT_EQ(QueryOf(request, buffer)->imsi, std::optional<std::string_view>("410011234567890"));
  request.user_name = "imsi410011234567890@example.org";
  EXPECT_FALSE(QueryOf(request, buffer)->imsi);
  request.user_name = "4100112345678901";  // 16 digits
  EXPECT_FALSE(QueryOf(request, buffer)->imsi);
  request.user_name = "";
  EXPECT_FALSE(QueryOf(request, buffer)->imsi);
}

TEST(QueryOfTest, UndecodableMeidAsksAboutAnEmptyIdentifier) {
  MeidDigits buffer;
  const std::array<std::uint8_t, 3> meid = {1, 2, 3};
  IdentityCheckRequest request;
  request.has_terminal_information = true;
  request.meid = std::span<const std::uint8_t>(meid);
  const auto query = QueryOf(request, buffer);
  ASSERT_TRUE(query);
  EXPECT_EQ(query->imei, "");
}

}  // namespace
}  // namespace openceir::s13
