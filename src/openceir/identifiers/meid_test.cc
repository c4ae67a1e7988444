// Tests of meid.h against published vectors, and table-driven parse errors.
//
// Sources of the vectors (each was also re-computed independently, e.g. with `openssl sha1`):
// * MEID AF 01 23 45 0A BC DE: check digit C, decimal form 29360 87365 0070 3710 with check
//   digit 0, pESN 8016B128 -- python-stdnum, stdnum/meid.py and tests/test_meid.doctest
//   (github.com/arthurdejong/python-stdnum). The hex check digit C is also worked by hand in
//   blog.csdn.net/wxg198286/article/details/114653470 (digit sum 0x64, 0x10 - 4 = C). This is
//   the example MEID of 3GPP2 S.R0048.
// * IMEI-form MEID 35 20 99 00 17 61 48: decimal Luhn digit 1, decimal form
//   08913 28768 0153 2232 with check digit 3 -- python-stdnum tests/test_meid.doctest.
// * MEID A0000000002329 -> SHA-1 e3be267a2cd5c861f3c7ea4224df829a3551f1ab -> pESN 8051F1AB --
//   stackoverflow.com/questions/11838825.
// * MEID A10000009296F2 <-> decimal 270113177609606898 -- Perl Data::MEID 0.06 synopsis
//   (metacpan.org/pod/Data::MEID).
// The brief suggested pESN 0x80D1D1E7 for AF0123450ABCDE; that is wrong: SHA-1 over the 7
// bytes ends in ...16b128.
#include "openceir/identifiers/meid.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace openceir::identifiers {
namespace {

TEST(MeidTest, KnownVectorAf0123450abcde) {
  std::uint64_t meid = 0;
  ASSERT_EQ(ParseMeid("AF 01 23 45 0A BC DE C", &meid), MeidError::kOk);
  EXPECT_EQ(meid, 0xAF0123450ABCDEULL);
  EXPECT_EQ(MeidCheckDigit(meid), 'C');
  EXPECT_EQ(FormatMeidHex(meid), "AF0123450ABCDE");
  EXPECT_EQ(FormatMeidDecimal(meid), "293608736500703710");
  EXPECT_EQ(MeidDecimalCheckDigit(meid), '0');
  EXPECT_EQ(PseudoEsn(meid), 0x8016B128U);
  EXPECT_EQ(FormatEsnHex(PseudoEsn(meid)), "8016B128");
  EXPECT_TRUE(IsPseudoEsn(PseudoEsn(meid)));

  std::uint64_t from_decimal = 0;
  ASSERT_EQ(ParseMeid("29360 87365 0070 3710 0", &from_decimal), MeidError::kOk);
  EXPECT_EQ(from_decimal, meid);
  ASSERT_EQ(ParseMeid("af0123450abcdec", &from_decimal), MeidError::kOk);
  EXPECT_EQ(from_decimal, meid);
}

TEST(MeidTest, OtherPublishedVectors) {
  EXPECT_EQ(PseudoEsn(0xA0000000002329ULL), 0x8051F1ABU);
  EXPECT_EQ(FormatMeidDecimal(0xA10000009296F2ULL), "270113177609606898");
  std::uint64_t meid = 0;
  ASSERT_EQ(ParseMeid("270113177609606898", &meid), MeidError::kOk);
  EXPECT_EQ(meid, 0xA10000009296F2ULL);
  // All-decimal MEIDs are IMEIs: decimal Luhn.
  ASSERT_EQ(ParseMeid("35-209900-176148-1", &meid), MeidError::kOk);
  EXPECT_EQ(meid, 0x35209900176148ULL);
  EXPECT_EQ(MeidCheckDigit(meid), '1');
  EXPECT_EQ(FormatMeidDecimal(meid), "089132876801532232");
  EXPECT_EQ(MeidDecimalCheckDigit(meid), '3');
}

TEST(MeidTest, ParseErrors) {
  struct Case {
    std::string raw;
    MeidError error;
  };
  const std::vector<Case> cases = {
      {"", MeidError::kEmpty},
      {" - ", MeidError::kEmpty},
      {"AF 01 23 45 0A BC DE D", MeidError::kBadCheckDigit},
      {"35-209900-176148-2", MeidError::kBadCheckDigit},
      {"29360 87365 0070 3710 1", MeidError::kBadCheckDigit},
      {"29360 ABCDE 0070 3710", MeidError::kBadCharacter},
      {"GF 01 23 45 0A BC DE", MeidError::kBadCharacter},
      {"AF0123450ABCD", MeidError::kBadLength},
      {"AF0123450ABCDEC0", MeidError::kBadLength},
      {"2936087365007037", MeidError::kBadLength},
      {"29360873650070371000", MeidError::kBadLength},
      {"99999 99999 0070 3710", MeidError::kOutOfRange},  // manufacturer > 32 bits
      {"29360 87365 9999 9999", MeidError::kOutOfRange},  // serial > 24 bits
      {"AF0123450ABCDEAF0123450ABCDEZ", MeidError::kBadCharacter},
  };
  for (const Case& c : cases) {
    std::uint64_t meid = 7;
    const MeidError error = ParseMeid(c.raw, &meid);
    EXPECT_EQ(error, c.error) << "raw=\"" << c.raw << "\" got " << MeidErrorName(error);
    if (error != MeidError::kOk) {
      EXPECT_EQ(meid, 7U) << "raw=\"" << c.raw << "\"";
    }
  }
}

TEST(MeidTest, EsnForms) {
  std::uint32_t esn = 0;
  ASSERT_EQ(ParseEsn("8016B128", &esn), MeidError::kOk);
  EXPECT_EQ(esn, 0x8016B128U);
  EXPECT_EQ(EsnManufacturerCode(esn), 0x80);
  EXPECT_EQ(FormatEsnDecimal(esn), "12801487144");  // 128, then 0x16B128 = 1487144
  ASSERT_EQ(ParseEsn("128 01487144", &esn), MeidError::kOk);
  EXPECT_EQ(esn, 0x8016B128U);
  EXPECT_FALSE(IsPseudoEsn(0x9F000001U));
  EXPECT_EQ(ParseEsn("", &esn), MeidError::kEmpty);
  EXPECT_EQ(ParseEsn("8016B12", &esn), MeidError::kBadLength);
  EXPECT_EQ(ParseEsn("8016B12G", &esn), MeidError::kBadCharacter);
  EXPECT_EQ(ParseEsn("12801487A44", &esn), MeidError::kBadCharacter);
  EXPECT_EQ(ParseEsn("25601487144", &esn), MeidError::kOutOfRange);
  EXPECT_EQ(ParseEsn("12816777216", &esn), MeidError::kOutOfRange);
}

TEST(MeidTest, FormsRoundTripAndCheckDigitsVerify) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 5000; ++i) {
    const std::uint64_t meid = rng() >> 8;  // 56 bits
    std::uint64_t parsed = 0;
    const std::string hex = FormatMeidHex(meid);
    ASSERT_EQ(ParseMeid(hex + MeidCheckDigit(meid), &parsed), MeidError::kOk) << hex;
    ASSERT_EQ(parsed, meid);
    const std::string decimal = FormatMeidDecimal(meid);
    ASSERT_EQ(ParseMeid(decimal + MeidDecimalCheckDigit(meid), &parsed), MeidError::kOk) << decimal;
    ASSERT_EQ(parsed, meid);
    // A wrong hex check digit is rejected.
    const char wrong = MeidCheckDigit(meid) == '0' ? '1' : '0';
    ASSERT_EQ(ParseMeid(hex + wrong, &parsed), MeidError::kBadCheckDigit) << hex;
    const auto esn = static_cast<std::uint32_t>(rng());
    std::uint32_t parsed_esn = 0;
    ASSERT_EQ(ParseEsn(FormatEsnDecimal(esn), &parsed_esn), MeidError::kOk);
    ASSERT_EQ(parsed_esn, esn);
    ASSERT_EQ(ParseEsn(FormatEsnHex(esn), &parsed_esn), MeidError::kOk);
    ASSERT_EQ(parsed_esn, esn);
  }
}

}  // namespace
}  // namespace openceir::identifiers
