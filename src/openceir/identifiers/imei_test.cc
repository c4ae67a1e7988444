// Table-driven tests of imei.h: imei_norm, validation reasons, Luhn, packing, test TACs.
#include "openceir/identifiers/imei.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace openceir::identifiers {
namespace {

TEST(ImeiTest, NormalizesLikeFormatsMd) {
  struct Case {
    std::string raw;
    std::optional<std::string> imei_norm;
  };
  const std::vector<Case> cases = {
      {"", std::nullopt},
      {"   \t\r\n", std::nullopt},
      {"35209900176148", "35209900176148"},
      {"352099001761481", "35209900176148"},      // check digit dropped
      {"3520990017614823", "35209900176148"},     // IMEISV: software version dropped
      {"  352099001761481  ", "35209900176148"},  // trimmed first
      {"35209900176148ab", "35209900176148"},     // first 14 digits win over what follows
      {"3520990017614", "3520990017614"},         // 13 digits: kept whole
      {"3520990017614a", "3520990017614A"},       // not 14 digits: upper-cased whole
      {"abc*#def", "ABC*#DEF"},
      {" 1234 5678901234", "1234 5678901234"},  // inner space: not digits, kept whole
      {"\t0000000000000000000", "00000000000000"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeImei(c.raw), c.imei_norm) << "raw=\"" << c.raw << "\"";
  }
}

TEST(ImeiTest, ValidationReasons) {
  struct Case {
    std::string raw;
    ImeiSource source;
    ImeiError error;
  };
  const auto kNet = ImeiSource::kNetwork;
  const auto kTyped = ImeiSource::kTyped;
  const std::vector<Case> cases = {
      {"", kNet, ImeiError::kEmpty},
      {"  ", kTyped, ImeiError::kEmpty},
      {"35209900176148", kNet, ImeiError::kOk},
      {"35209900176148", kTyped, ImeiError::kOk},
      {"352099001761481", kTyped, ImeiError::kOk},    // correct check digit
      {" 352099001761481 ", kTyped, ImeiError::kOk},  // trimmed
      {"352099001761482", kTyped, ImeiError::kBadCheckDigit},
      {"352099001761482", kNet, ImeiError::kOk},     // networks: check digit not verified
      {"3520990017614823", kTyped, ImeiError::kOk},  // IMEISV has no check digit
      {"3520990017614", kNet, ImeiError::kBadLength},
      {"35209900176148234", kNet, ImeiError::kBadLength},
      {"1", kNet, ImeiError::kBadLength},
      {"3520990017614A", kNet, ImeiError::kBadCharacter},
      {"35209900-176148", kNet, ImeiError::kBadCharacter},
      {"3520990017614*", kNet, ImeiError::kBadCharacter},
      {"AF0123450ABCDE", kNet, ImeiError::kBadCharacter},  // an MEID, not an IMEI
      {"000000000000000", kTyped, ImeiError::kReservedPattern},
      {"00000000000000", kNet, ImeiError::kReservedPattern},
      {"35209900000000", kNet, ImeiError::kReservedPattern},  // all-zero serial
      {"00000000123456", kNet, ImeiError::kReservedPattern},  // all-zero TAC
      {"00101001123456", kNet, ImeiError::kTestTac},
      {"00101701123456", kNet, ImeiError::kTestTac},
      {"00440000123456", kNet, ImeiError::kTestTac},
      {"00869999123456", kNet, ImeiError::kTestTac},
      {"00910123123456", kNet, ImeiError::kTestTac},
      {"00101801123456", kNet, ImeiError::kOk},  // 0010 18 is outside 01..17
      {"00100001123456", kNet, ImeiError::kOk},  // 0010 00 is outside 01..17
      {"00450000123456", kNet, ImeiError::kOk},
      {"01440000123456", kNet, ImeiError::kOk},
      {"00101001000000", kNet, ImeiError::kReservedPattern},  // reserved wins over test TAC
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ValidateImei(c.raw, c.source), c.error)
        << "raw=\"" << c.raw << "\" got " << ImeiErrorName(ValidateImei(c.raw, c.source));
  }
}

TEST(ImeiTest, RejectsWrongCheckDigit) {
  EXPECT_EQ(ValidateImei("490154203237519", ImeiSource::kTyped), ImeiError::kBadCheckDigit);
  EXPECT_EQ(ValidateImei("490154203237518", ImeiSource::kTyped), ImeiError::kOk);
}

TEST(ImeiTest, LuhnKnownVectors) {
  // 490154203237518: the worked example of 3GPP TS 23.003 Annex B / GSMA TS.06 quoted widely
  // (e.g. Wikipedia "International Mobile Equipment Identity"); 35-209900-176148-1 from
  // python-stdnum tests/test_meid.doctest; 35 89 01 80 69 72 41 -> 7 worked by hand in
  // blog.csdn.net/wxg198286/article/details/114653470 (digit sum 63).
  EXPECT_EQ(LuhnCheckDigit("49015420323751"), 8);
  EXPECT_EQ(LuhnCheckDigit("35209900176148"), 1);
  EXPECT_EQ(LuhnCheckDigit("35890180697241"), 7);
  EXPECT_EQ(LuhnCheckDigit("00000000000000"), 0);
  EXPECT_EQ(AppendLuhn("49015420323751"), "490154203237518");
  EXPECT_TRUE(LuhnVerify("490154203237518"));
  EXPECT_FALSE(LuhnVerify("490154203237510"));
}

TEST(ImeiTest, LuhnRejectsMalformedInput) {
  EXPECT_EQ(LuhnCheckDigit("4901542032375"), -1);
  EXPECT_EQ(LuhnCheckDigit("490154203237518"), -1);
  EXPECT_EQ(LuhnCheckDigit("4901542032375A"), -1);
  EXPECT_EQ(AppendLuhn("4901542032375A"), "");
  EXPECT_FALSE(LuhnVerify("49015420323751"));
  EXPECT_FALSE(LuhnVerify("49015420323751A"));
  EXPECT_FALSE(LuhnVerify("4901542032375188"));
}

TEST(ImeiTest, PacksFourteenDigitsOnly) {
  EXPECT_EQ(PackImei("35209900176148"), std::optional<std::uint64_t>(35209900176148ULL));
  EXPECT_EQ(PackImei("00000000000001"), std::optional<std::uint64_t>(1));
  EXPECT_EQ(PackImei("99999999999999"), std::optional<std::uint64_t>(99999999999999ULL));
  EXPECT_EQ(PackImei("352099001761481"), std::nullopt);
  EXPECT_EQ(PackImei("3520990017614A"), std::nullopt);
  EXPECT_EQ(PackImei(""), std::nullopt);
  EXPECT_EQ(UnpackImei(1), "00000000000001");
  EXPECT_EQ(UnpackImei(35209900176148ULL), "35209900176148");
  EXPECT_EQ(TacOfPacked(35209900176148ULL), 35209900U);
  EXPECT_TRUE(IsDigits14("01234567890123"));
  EXPECT_FALSE(IsDigits14("0123456789012"));
}

TEST(ImeiTest, NormalizeAndPackMatchesSlowPath) {
  const std::vector<std::string> inputs = {"35209900176148",
                                           "352099001761481",
                                           "3520990017614823",
                                           " 35209900176148",
                                           "\t\n35209900176148x",
                                           "3520990017614",
                                           "3520990017614A",
                                           "",
                                           "   ",
                                           "3520990017614 8",
                                           "/5209900176148",
                                           ":5209900176148",
                                           "3520990017614:",
                                           "0000000000000000",
                                           " 3520990017614",
                                           "35209900176148  "};
  for (const std::string& raw : inputs) {
    std::uint64_t key = 12345;
    const bool packed = NormalizeAndPack(raw, &key);
    const auto imei_norm = NormalizeImei(raw);
    const auto expected = imei_norm ? PackImei(*imei_norm) : std::nullopt;
    EXPECT_EQ(packed, expected.has_value()) << "raw=\"" << raw << "\"";
    EXPECT_EQ(key, expected ? *expected : 12345U) << "raw=\"" << raw << "\"";
  }
}

TEST(ImeiTest, NormalizeAndPackBatchMarksUnpacked) {
  const std::vector<std::string_view> raw = {"35209900176148", "bad", "00000000000001"};
  std::vector<std::uint64_t> keys(3);
  EXPECT_EQ(NormalizeAndPackBatch(raw, keys), 2U);
  EXPECT_EQ(keys, (std::vector<std::uint64_t>{35209900176148ULL, kNotPacked, 1}));
}

TEST(ImeiTest, TestTacFollowsDirbs) {
  EXPECT_TRUE(IsTestTac("00101001"));
  EXPECT_TRUE(IsTestTac("00101799"));
  EXPECT_FALSE(IsTestTac("00101800"));
  EXPECT_FALSE(IsTestTac("00100099"));
  EXPECT_TRUE(IsTestTac("00440000"));
  EXPECT_TRUE(IsTestTac("0086123412345678"));  // an imei_norm: first 8 characters count
  EXPECT_TRUE(IsTestTac("00919999"));
  EXPECT_FALSE(IsTestTac("0091999"));   // fewer than 8
  EXPECT_FALSE(IsTestTac("0091999A"));  // not 8 digits
  EXPECT_FALSE(IsTestTac("35209900"));
  EXPECT_TRUE(IsValidTac("35209900"));
  EXPECT_FALSE(IsValidTac("3520990"));
  EXPECT_FALSE(IsValidTac("3520990A"));
}

TEST(ImeiTest, ParseGivesParts) {
  ImeiParts parts;
  ASSERT_EQ(ParseImei(" 3520990017614823", ImeiSource::kNetwork, &parts), ImeiError::kOk);
  EXPECT_EQ(parts.tac, "35209900");
  EXPECT_EQ(parts.serial, "176148");
  EXPECT_EQ(parts.check_digit, "");
  EXPECT_EQ(parts.svn, "23");
  ASSERT_EQ(ParseImei("352099001761481", ImeiSource::kTyped, &parts), ImeiError::kOk);
  EXPECT_EQ(parts.check_digit, "1");
  EXPECT_EQ(parts.svn, "");
  EXPECT_EQ(ParseImei("35209900176148", ImeiSource::kTyped, nullptr), ImeiError::kOk);
}

TEST(ImeiTest, ErrorNamesAreStable) {
  EXPECT_EQ(ImeiErrorName(ImeiError::kOk), "ok");
  EXPECT_EQ(ImeiErrorName(ImeiError::kEmpty), "empty");
  EXPECT_EQ(ImeiErrorName(ImeiError::kBadLength), "bad_length");
  EXPECT_EQ(ImeiErrorName(ImeiError::kBadCharacter), "bad_character");
  EXPECT_EQ(ImeiErrorName(ImeiError::kBadCheckDigit), "bad_check_digit");
  EXPECT_EQ(ImeiErrorName(ImeiError::kTestTac), "test_tac");
  EXPECT_EQ(ImeiErrorName(ImeiError::kReservedPattern), "reserved_pattern");
}

}  // namespace
}  // namespace openceir::identifiers
