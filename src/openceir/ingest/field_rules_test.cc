// Table-driven tests of field_rules.h: every FieldKind's accepted forms, normalisation and the
// rule id of each refusal; MD5 helpers; radio capability from GSMA bands.
#include "openceir/ingest/field_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace openceir::ingest {
namespace {

struct Good {
  FieldKind kind;
  std::string raw;
  std::string normalized;
};

struct Bad {
  FieldKind kind;
  std::string raw;
  std::string rule;
};

TEST(FieldRulesTest, AcceptsAndNormalizesGoodValues) {
  using K = FieldKind;
  const std::vector<Good> cases = {
      // imei_norm exactly as FORMATS.md: trim; first 14 digits when they are digits; otherwise
      // the whole value upper-cased.
      {K::kImei, "35209900176148", "35209900176148"},
      {K::kImei, "352099001761481", "35209900176148"},      // check digit dropped
      {K::kImei, "3520990017614823", "35209900176148"},     // IMEISV: SVN dropped
      {K::kImei, "  352099001761481\t", "35209900176148"},  // trimmed first
      {K::kImei, "35209900176148ab", "35209900176148"},     // first 14 digits win
      {K::kImei, "3520990017614", "3520990017614"},         // 13 digits: kept whole
      {K::kImei, "3520990017614a", "3520990017614A"},       // not 14 digits: upper-cased
      {K::kImei, "abc*#", "ABC*#"},
      {K::kImei, "1", "1"},
      {K::kImei, "", ""},  // empty: the caller decides (missing_value)
      {K::kImei, "   ", ""},
      // Golden plain: MD5 of imei_norm, lower-case hex.
      {K::kGoldenImei, "352099001761481", "2a696780b6ee5b472ef01510f60cc040"},
      {K::kGoldenImei, "35209900176148", "2a696780b6ee5b472ef01510f60cc040"},
      {K::kGoldenImei, "abc*#", "9c40657abd34442c9537bfc1f5a7bae5"},
      // Golden pre-hashed: lower-cased, not hashed again.
      {K::kGoldenHash, "2A696780B6EE5B472EF01510F60CC040", "2a696780b6ee5b472ef01510f60cc040"},
      {K::kGoldenHash, " d41d8cd98f00b204e9800998ecf8427e ", "d41d8cd98f00b204e9800998ecf8427e"},
      {K::kImsi, "310150123456789", "310150123456789"},
      {K::kImsi, "1", "1"},
      {K::kImsi, " 41001234567 ", "41001234567"},
      {K::kMsisdn, "923001234567", "923001234567"},
      {K::kMsisdn, "123456789012345", "123456789012345"},
      {K::kTac, "35209900", "35209900"},
      {K::kTac, "00000000", "00000000"},
      {K::kUid, "a", "a"},
      {K::kUid, "Ab-9\\z", "Ab-9\\z"},
      {K::kUid, "12345678901234567890", "12345678901234567890"},
      {K::kYyyymmdd, "20240229", "20240229"},  // leap day
      {K::kYyyymmdd, "19991231", "19991231"},
      {K::kDdMonYyyy, "17-Mar-2015", "20150317"},
      {K::kDdMonYyyy, "7-mar-2015", "20150307"},
      {K::kDdMonYyyy, "01-DEC-1999", "19991201"},
      {K::kDdMonYyyy, "29-Feb-2024", "20240229"},
      {K::kLowerText, " BlackList ", "blacklist"},
      {K::kLowerText, "Pending", "pending"},
      {K::kText, "  Apple Inc.  ", "Apple Inc."},
      {K::kText, "Ünïcode", "Ünïcode"},
      {K::kChangeType, "add", "add"},
      {K::kChangeType, " REMOVE ", "remove"},
      {K::kChangeType, "Update", "update"},
  };
  for (const Good& c : cases) {
    std::string out = "stale";
    FieldProblem problem;
    EXPECT_TRUE(NormalizeField(c.kind, c.raw, &out, &problem))
        << "raw='" << c.raw << "' kind=" << static_cast<int>(c.kind) << " rule=" << problem.rule;
    EXPECT_EQ(out, c.normalized) << "raw='" << c.raw << "' kind=" << static_cast<int>(c.kind);
  }
}

TEST(FieldRulesTest, RefusesBadValuesWithTheirRule) {
  using K = FieldKind;
  const std::vector<Bad> cases = {
      {K::kImei, "35209900176148123", "bad_imei"},  // 17 characters
      {K::kImei, "3520990017614g", "bad_imei"},     // g is not hex
      {K::kImei, "35209900 176148", "bad_imei"},    // inner space
      {K::kImei, "+35209900176148", "bad_imei"},
      {K::kImei, "3520990017614-8", "bad_imei"},
      {K::kGoldenImei, "2a696780b6ee5b472ef01510f60cc040", "bad_imei"},  // a hash is no IMEI
      {K::kGoldenImei, "xyz", "bad_imei"},
      {K::kGoldenHash, "35209900176148", "bad_golden_hash"},
      {K::kGoldenHash, "2a696780b6ee5b472ef01510f60cc04", "bad_golden_hash"},    // 31
      {K::kGoldenHash, "2a696780b6ee5b472ef01510f60cc0400", "bad_golden_hash"},  // 33
      {K::kGoldenHash, "2a696780b6ee5b472ef01510f60cc04g", "bad_golden_hash"},
      {K::kImsi, "3101501234567890", "bad_imsi"},  // 16 digits
      {K::kImsi, "31015012345678a", "bad_imsi"},
      {K::kImsi, "310 150", "bad_imsi"},
      {K::kMsisdn, "+923001234567", "bad_msisdn"},
      {K::kMsisdn, "1234567890123456", "bad_msisdn"},
      {K::kMsisdn, "92-300-1234567", "bad_msisdn"},
      {K::kTac, "3520990", "bad_tac"},
      {K::kTac, "352099001", "bad_tac"},
      {K::kTac, "3520990a", "bad_tac"},
      {K::kUid, "123456789012345678901", "bad_uid"},  // 21 characters
      {K::kUid, "ab_c", "bad_uid"},
      {K::kUid, "ab c", "bad_uid"},
      {K::kUid, "a/b", "bad_uid"},
      {K::kYyyymmdd, "20230229", "bad_date"},  // not a leap year
      {K::kYyyymmdd, "2023-01-01", "bad_date"},
      {K::kYyyymmdd, "2023011", "bad_date"},
      {K::kYyyymmdd, "20231301", "bad_date"},
      {K::kYyyymmdd, "17-Mar-2015", "bad_date"},
      {K::kDdMonYyyy, "20150317", "bad_date"},
      {K::kDdMonYyyy, "32-Mar-2015", "bad_date"},
      {K::kDdMonYyyy, "17-Mrz-2015", "bad_date"},
      {K::kDdMonYyyy, "17-March-2015", "bad_date"},
      {K::kDdMonYyyy, "17-Mar-15", "bad_date"},
      {K::kDdMonYyyy, "017-Mar-2015", "bad_date"},
      {K::kDdMonYyyy, "-Mar-2015", "bad_date"},
      // A long run of day digits must be refused before it reaches an int.
      {K::kDdMonYyyy, "99999999999999999999-Mar-2015", "bad_date"},
      {K::kChangeType, "", "bad_change_type"},  // the only kind that refuses an empty value
      {K::kChangeType, "delete", "bad_change_type"},
      {K::kChangeType, "added", "bad_change_type"},
  };
  for (const Bad& c : cases) {
    std::string out;
    FieldProblem problem;
    EXPECT_FALSE(NormalizeField(c.kind, c.raw, &out, &problem))
        << "raw='" << c.raw << "' kind=" << static_cast<int>(c.kind) << " out=" << out;
    EXPECT_EQ(problem.rule, c.rule) << "raw='" << c.raw << "'";
    EXPECT_FALSE(problem.message.empty()) << "raw='" << c.raw << "'";
  }
}

TEST(FieldRulesTest, EmptyValuesAreAcceptedForTheCallerToJudge) {
  for (FieldKind kind :
       {FieldKind::kImei, FieldKind::kGoldenImei, FieldKind::kGoldenHash, FieldKind::kImsi,
        FieldKind::kMsisdn, FieldKind::kTac, FieldKind::kUid, FieldKind::kYyyymmdd,
        FieldKind::kDdMonYyyy, FieldKind::kLowerText, FieldKind::kText}) {
    std::string out = "stale";
    FieldProblem problem;
    EXPECT_TRUE(NormalizeField(kind, " \t", &out, &problem)) << static_cast<int>(kind);
    EXPECT_EQ(out, "") << static_cast<int>(kind);
  }
}

TEST(FieldRulesTest, MessageQuotesTheValueAndCutsLongOnes) {
  std::string out;
  FieldProblem problem;
  ASSERT_FALSE(NormalizeField(FieldKind::kTac, "1234", &out, &problem));
  EXPECT_NE(problem.message.find("'1234'"), std::string::npos) << problem.message;

  const std::string huge(5000, 'x');
  ASSERT_FALSE(NormalizeField(FieldKind::kImei, huge, &out, &problem));
  EXPECT_LT(problem.message.size(), 200U) << problem.message;
  EXPECT_NE(problem.message.find("5000 bytes"), std::string::npos) << problem.message;
}

TEST(FieldRulesTest, QuoteForMessageCutsOnUtf8Boundary) {
  // 39 ASCII bytes then a 2-byte character that straddles the 40-byte cut.
  const std::string value = std::string(39, 'a') + "\xC3\xA9" + std::string(10, 'b');
  const std::string quoted = QuoteForMessage(value);
  EXPECT_EQ(quoted, "'" + std::string(39, 'a') + "...' (51 bytes)");
  EXPECT_EQ(QuoteForMessage("short"), "'short'");
}

TEST(FieldRulesTest, TrimAsciiTrimsBothEnds) {
  EXPECT_EQ(TrimAscii(" \t\r\n a b \v\f"), "a b");
  EXPECT_EQ(TrimAscii("   "), "");
  EXPECT_EQ(TrimAscii(""), "");
}

TEST(FieldRulesTest, IsMd5HexNeedsExactly32HexDigits) {
  EXPECT_TRUE(IsMd5Hex("d41d8cd98f00b204e9800998ecf8427e"));
  EXPECT_TRUE(IsMd5Hex("D41D8CD98F00B204E9800998ECF8427E"));
  EXPECT_FALSE(IsMd5Hex("d41d8cd98f00b204e9800998ecf8427"));
  EXPECT_FALSE(IsMd5Hex("d41d8cd98f00b204e9800998ecf8427e0"));
  EXPECT_FALSE(IsMd5Hex("d41d8cd98f00b204e9800998ecf8427g"));
  EXPECT_FALSE(IsMd5Hex("35209900176148"));
  EXPECT_FALSE(IsMd5Hex(""));
}

TEST(GsmaBandsTest, DerivesRadioCapabilityFromBands) {
  struct Case {
    std::string bands;
    std::string radio_caps;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"GSM 900,GSM 1800", "2G"},
      {"GSM 900,GSM 1800,WCDMA FDD Band I,LTE FDD BAND 3", "2G|3G|4G"},
      {"LTE FDD BAND 3,GSM 900", "2G|4G"},  // always in generation order
      {"GSM850 (GSM800),GSM 900,WCDMA FDD Band I,LTE FDD BAND 1,NR NSA BAND n78", "2G|3G|4G|5G"},
      {"NR SA n78", "5G"},
      {"5G NR n78", "5G"},
      {"gsm 900;lte fdd band 20", "2G|4G"},  // ';' separates too; case-insensitive
      {"LTE FDD BAND 2 (PCS 1900)", "4G"},   // the item's FIRST technology word wins
      {"DCS 1800", "2G"},                    // literal matching: never LTE
      {"DCS1800,GSM850", "2G"},              // keyword followed by digits
      {"GSM/GPRS/EDGE 850", "2G"},
      {"UMTS 2100,HSPA+", "3G"},
      {"TD-SCDMA", "3G"},
      {"CDMA2000,CDMA 800", "2G|3G"},  // CDMA alone is cdmaOne (2G); CDMA2000 is 3G
      {"CDMA-2000", "3G"},             // hyphen dropped, not read as CDMA
      {"CDMA2000-EVDO", "3G"},         // longest keyword prefix wins
      {"UMTS-TDD", "3G"},
      {"GSM-R", "2G"},
      {"LTE-M1,NB-IoT", "4G"},
      {"E-UTRA Band 7", "4G"},
      {"WiMAX", "4G"},
      {"EV-DO Rev A", "3G"},
      {"Band 1,Band 3", ""},  // naming no technology
      {"GSMX,LTEA,NRX", ""},  // a keyword followed by letters is not that keyword
      {",,,", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RadioCapsFromBands(c.bands), c.radio_caps) << "bands=\"" << c.bands << "\"";
  }
}

}  // namespace
}  // namespace openceir::ingest
