#include "openceir/observe/operator_row_parser.h"

#include <gtest/gtest.h>

#include "openceir/identifiers/imei.h"
#include "openceir/observe/demo_region_test_util.h"

namespace openceir::observe {
namespace {

using testing::TwoOperatorDemoConfig;

class ParserTest : public ::testing::Test {
 protected:
  ParserTest()
      : region_(*RegionMatcher::Create(TwoOperatorDemoConfig(), "op1")),
        errors_("op1_20260101_20260131.csv", 10),
        parser_(&region_, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 31), &errors_) {}

  // Parses `text` split into chunks at line boundaries every `lines_per_chunk` lines.
  void Parse(std::string_view text) {
    parser_.ParseChunk(text, &batch_);
    parser_.Finish();
  }
  std::string FirstRule() const { return errors_.listed().empty() ? "" : errors_.listed()[0].rule; }

  RegionMatcher region_;
  OperatorDataErrors errors_;
  OperatorRowParser parser_;
  ParsedBatch batch_;
};

TEST_F(ParserTest, ParsesValidRowsInAnyColumnOrder) {
  Parse(
      "\xEF\xBB\xBFIMSI,Date,imei,msisdn,RAT\r\n"
      "999011234567890,20260105,35123456789012,999123456789,001|006\r\n"
      "\n"
      "999021234567890,20260131, 3512345678901234 ,,\n"
      "310150123456789,20260101,abc*#,44123456789,002");
  ASSERT_TRUE(errors_.empty()) << errors_.listed()[0].ToString();
  ASSERT_EQ(batch_.rows.size(), 3u);
  const ParsedRow& a = batch_.rows[0];
  EXPECT_EQ(a.imei_key, *identifiers::PackImei("35123456789012"));
  EXPECT_EQ(a.day, *DateFromCivil(2026, 1, 5));
  EXPECT_EQ(a.rat_mask, (1u << 0) | (1u << 5));
  EXPECT_EQ(a.imsi_class, store::kImsiLocalSubscriber);
  const ParsedRow& b = batch_.rows[1];
  EXPECT_EQ(b.imei_key, *identifiers::PackImei("35123456789012"));  // first 14 digits
  EXPECT_EQ(b.msisdn_key, 0u);
  const ParsedRow& c = batch_.rows[2];
  ASSERT_EQ(c.imei_key, ParsedRow::kArenaImei);
  EXPECT_EQ(batch_.arena.substr(c.arena_offset, c.arena_length), "ABC*#");
  EXPECT_EQ(c.imsi_class, store::kImsiInboundRoamer);

  const QualityCounts& q = parser_.counts();
  EXPECT_EQ(q.rows, 3);
  EXPECT_EQ(q.null_msisdn, 1);
  EXPECT_EQ(q.null_rat, 1);
  EXPECT_EQ(q.null_combined, 1);
  EXPECT_EQ(q.unclean_imei, 1);
  EXPECT_EQ(q.unclean_imsi, 0);
  EXPECT_EQ(q.out_of_region_imsi, 1);
  EXPECT_EQ(q.out_of_region_msisdn, 1);
  EXPECT_EQ(q.out_of_region_combined, 1);
  EXPECT_EQ(q.non_home_network, 2);  // op2's and a roamer's
}

TEST_F(ParserTest, ImeiNormMatchesIdentifiers) {
  for (std::string raw : {"35123456789012", "351234567890123", "3512345678901234", "1234",
                          "12345678901234a", "aBcDeF", "*#06#", "0000000000000000"}) {
    ParsedBatch batch;
    OperatorDataErrors errors("f", 1);
    OperatorRowParser parser(&region_, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 1),
                             &errors);
    parser.ParseChunk("date,imei,imsi,msisdn\n20260101," + raw + ",,\n", &batch);
    ASSERT_TRUE(errors.empty()) << raw;
    ASSERT_EQ(batch.rows.size(), 1u);
    std::string expected = *identifiers::NormalizeImei(raw);
    const ParsedRow& row = batch.rows[0];
    std::string got = row.imei_key == ParsedRow::kArenaImei
                          ? batch.arena.substr(row.arena_offset, row.arena_length)
                          : identifiers::UnpackImei(row.imei_key);
    EXPECT_EQ(got, expected) << raw;
  }
}

TEST_F(ParserTest, ReportsEachBadValueWithLineColumnAndRule) {
  struct Case {
    const char* row;
    int column;
    const char* rule;
  };
  for (const Case& c :
       {Case{"2026011,35123456789012,999011234567890,999123456789,001", 1, "bad_date"},
        Case{"20260230,35123456789012,999011234567890,999123456789,001", 1, "bad_date"},
        Case{"20260201,35123456789012,999011234567890,999123456789,001", 1, "date_outside_range"},
        Case{"20260101,3512345678901G,999011234567890,999123456789,001", 2, "bad_imei"},
        Case{"20260101,35123456789012345,999011234567890,999123456789,001", 2, "bad_imei"},
        Case{"20260101,35123456789012,99901123456789a,999123456789,001", 3, "bad_imsi"},
        Case{"20260101,35123456789012,9990112345678901,999123456789,001", 3, "bad_imsi"},
        Case{"20260101,35123456789012,999011234567890,+999123456789,001", 4, "bad_msisdn"},
        Case{"20260101,35123456789012,999011234567890,999123456789,009", 5, "bad_rat"},
        Case{"20260101,35123456789012,999011234567890,999123456789", 0, "wrong_field_count"},
        Case{"20260101,\"351234\"5,999011234567890,999123456789,001", 2, "csv_stray_quote"},
        Case{"20260101,\"35123456789012,999011234567890,999123456789,001", 2,
             "csv_unterminated_quote"}}) {
    ParsedBatch batch;
    OperatorDataErrors errors("op1.csv", 5);
    OperatorRowParser parser(&region_, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 31),
                             &errors);
    parser.ParseChunk(
        std::string("date,imei,imsi,msisdn,rat\n20260102,35123456789012,,,\n") + c.row + "\n",
        &batch);
    ASSERT_EQ(errors.total(), 1) << c.row;
    const OperatorDataError& e = errors.listed()[0];
    EXPECT_EQ(e.rule, c.rule) << c.row;
    EXPECT_EQ(e.line, 3) << c.row;
    EXPECT_EQ(e.column, c.column) << c.row;
    EXPECT_TRUE(batch.rows.size() <= 1u);
  }
}

TEST_F(ParserTest, QuotedFieldsAreUnwrapped) {
  Parse("date,imei,imsi,msisdn\n\"20260101\",\"35123456789012\",\"\",999123456789\n");
  ASSERT_TRUE(errors_.empty()) << errors_.listed()[0].ToString();
  ASSERT_EQ(batch_.rows.size(), 1u);
  EXPECT_EQ(batch_.rows[0].imsi_key, 0u);
}

TEST_F(ParserTest, HeaderProblemsAreNamed) {
  Parse("date,imei,msisdn,cell,imei\n20260101,35123456789012,,,\n");
  ASSERT_EQ(errors_.total(), 3);
  EXPECT_EQ(errors_.listed()[0].rule, "unknown_column");
  EXPECT_EQ(errors_.listed()[1].rule, "duplicate_column");
  EXPECT_EQ(errors_.listed()[2].rule, "missing_column");
  EXPECT_NE(errors_.listed()[2].message.find("imsi"), std::string::npos);
}

TEST_F(ParserTest, EmptyFileAndHeaderOnlyAreRejected) {
  Parse("");
  EXPECT_EQ(FirstRule(), "empty_file");
  OperatorDataErrors errors("f", 3);
  OperatorRowParser parser(&region_, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 1),
                           &errors);
  ParsedBatch batch;
  parser.ParseChunk("date,imei,imsi,msisdn\n", &batch);
  parser.Finish();
  ASSERT_EQ(errors.total(), 1);
  EXPECT_EQ(errors.listed()[0].rule, "no_data_rows");
}

TEST_F(ParserTest, CountsAllErrorsButListsABoundedNumber) {
  std::string text = "date,imei,imsi,msisdn\n";
  for (int i = 0; i < 100; ++i) text += "20260101,bad!,,\n";
  Parse(text);
  EXPECT_EQ(errors_.total(), 100);
  EXPECT_EQ(errors_.listed().size(), 10u);
  EXPECT_EQ(errors_.listed()[9].line, 11);
  EXPECT_TRUE(batch_.rows.empty());
}

TEST_F(ParserTest, LineNumbersContinueAcrossChunks) {
  parser_.ParseChunk("date,imei,imsi,msisdn\n20260101,35123456789012,,\n", &batch_);
  parser_.ParseChunk("20260101,35123456789012,,\n20260101,x,,\n", &batch_);
  ASSERT_EQ(errors_.total(), 1);
  EXPECT_EQ(errors_.listed()[0].line, 4);
}

TEST_F(ParserTest, CountsLeadingDigitsAndShiftedTacs) {
  Parse(
      "date,imei,imsi,msisdn\n"
      "20260101,01234567000001,,\n"
      "20260101,12345678000001,,\n"
      "20260101,12345678000002,,\n"
      "20260101,1ABC,,\n");
  const QualityCounts& q = parser_.counts();
  EXPECT_EQ(q.imei_starts_0, 1);
  EXPECT_EQ(q.imei_starts_1, 3);
  ASSERT_EQ(q.shifted_tacs.size(), 1u);
  EXPECT_EQ(q.shifted_tacs.at(1234567), 2);  // TAC 01234567
}

}  // namespace
}  // namespace openceir::observe
