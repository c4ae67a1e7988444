#include "openceir/events/event_row_parser.h"

#include <gtest/gtest.h>

#include "openceir/identifiers/imei.h"
#include "openceir/observe/demo_region_test_util.h"

namespace openceir::events {
namespace {

using observe::testing::TwoOperatorDemoConfig;

class EventParserTest : public ::testing::Test {
 protected:
  EventParserTest()
      : region_(*observe::RegionMatcher::Create(TwoOperatorDemoConfig(), "op1")),
        errors_("op1_20260101_20260131.events.csv", 10),
        parser_(&region_, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 31), &errors_) {}

  void Parse(std::string_view text) {
    parser_.ParseChunk(text, &batch_);
    parser_.Finish();
  }
  std::string FirstRule() const { return errors_.listed().empty() ? "" : errors_.listed()[0].rule; }

  observe::RegionMatcher region_;
  observe::OperatorDataErrors errors_;
  EventRowParser parser_;
  EventBatch batch_;
};

TEST(ParseUtcTimestampTest, AcceptsZuluAndZeroOffsetWithOptionalFraction) {
  std::int64_t t = 0;
  ASSERT_TRUE(ParseUtcTimestamp("2026-01-02T03:04:05Z", &t));
  EXPECT_EQ(t, 1767323045);
  ASSERT_TRUE(ParseUtcTimestamp("2026-01-02T03:04:05.123Z", &t));
  EXPECT_EQ(t, 1767323045);
  ASSERT_TRUE(ParseUtcTimestamp("2026-01-02T03:04:05+00:00", &t));
  EXPECT_EQ(t, 1767323045);
  ASSERT_TRUE(ParseUtcTimestamp("1970-01-01T00:00:00Z", &t));
  EXPECT_EQ(t, 0);
}

TEST(ParseUtcTimestampTest, RejectsOtherShapes) {
  std::int64_t t = 0;
  for (std::string_view text :
       {"", "2026-01-02", "2026-01-02T03:04:05", "2026-01-02 03:04:05Z",
        "2026-01-02T03:04:05+01:00", "2026-02-30T03:04:05Z", "2026-01-02T24:00:00Z",
        "2026-01-02T03:60:00Z", "2026-01-02T03:04:60Z", "2026-01-02T03:04:05.Z",
        "2026-01-02T03:04:05ZZ", "20260102T030405Z", "2026-1-02T03:04:05Z"}) {
    EXPECT_FALSE(ParseUtcTimestamp(text, &t)) << text;
  }
}

TEST_F(EventParserTest, ResolvesCellsInTheTableItIsGiven) {
  CellIndex cells;
  cells.Put(*ParseCellId("999-01-7-7"), CellInfo{});
  cells.Put(*ParseCellId("999-01-100-2001"), CellInfo{});
  parser_.set_cells(&cells);
  Parse(
      "timestamp,imei,imsi,msisdn,rat,cell_id\n"
      "2026-01-05T10:00:00Z,35123456789012,999011234567890,,006,999-01-0100-02001\n"
      "2026-01-05T10:00:01Z,35123456789012,999011234567890,,006,999-01-100-2002\n"
      "2026-01-05T10:00:02Z,35123456789012,999011234567890,,006,\n");
  ASSERT_TRUE(errors_.empty()) << errors_.listed()[0].ToString();
  ASSERT_EQ(batch_.rows.size(), 3u);
  EXPECT_EQ(batch_.rows[0].cell_index, *cells.Find(*ParseCellId("999-01-100-2001")));
  EXPECT_EQ(batch_.rows[1].cell_index, ParsedEvent::kCellNotInTable);
  EXPECT_TRUE(batch_.rows[1].has_cell);
  EXPECT_EQ(batch_.rows[2].cell_index, ParsedEvent::kCellNotInTable);
  EXPECT_FALSE(batch_.rows[2].has_cell);
}

TEST_F(EventParserTest, ParsesValidRowsInAnyColumnOrder) {
  Parse(
      "\xEF\xBB\xBF"
      "CELL_ID,Timestamp,imei,imsi,msisdn,RAT\r\n"
      "999-01-100-2001,2026-01-05T10:00:00Z,35123456789012,999011234567890,999123456789,006\r\n"
      "999-01-0100-02001,2026-01-05T10:00:30Z,3512345678901A,,,\n"
      ",2026-01-31T23:59:59Z,,999021234567890,999123456780,002|006");
  ASSERT_TRUE(errors_.empty()) << errors_.listed()[0].ToString();
  ASSERT_EQ(batch_.rows.size(), 3u);
  const ParsedEvent& first = batch_.rows[0];
  EXPECT_EQ(first.imei_key, *identifiers::PackImei("35123456789012"));
  EXPECT_EQ(first.time, 1767607200);
  EXPECT_EQ(first.day, *DateFromCivil(2026, 1, 5));
  EXPECT_TRUE(first.has_cell);
  EXPECT_EQ(FormatCellId(first.cell), "999-01-100-2001");
  EXPECT_EQ(first.imsi_class, store::kImsiLocalSubscriber);
  EXPECT_NE(first.rat_mask, 0u);
  const ParsedEvent& second = batch_.rows[1];
  ASSERT_EQ(second.imei_key, ParsedEvent::kArenaImei);
  EXPECT_EQ(batch_.arena.substr(second.arena_offset, second.arena_length), "3512345678901A");
  EXPECT_EQ(second.cell, first.cell);  // leading zeros do not make another cell
  EXPECT_EQ(second.imsi_key, 0u);
  const ParsedEvent& third = batch_.rows[2];
  EXPECT_EQ(third.imei_key, ParsedEvent::kNullImei);
  EXPECT_FALSE(third.has_cell);
  EXPECT_EQ(parser_.rows(), 3);
}

TEST_F(EventParserTest, RatColumnIsOptional) {
  Parse("timestamp,imei,imsi,msisdn,cell_id\n2026-01-05T10:00:00Z,35123456789012,,,999-01-1-1\n");
  EXPECT_TRUE(errors_.empty());
  EXPECT_EQ(batch_.rows.size(), 1u);
}

TEST_F(EventParserTest, MissingAndUnknownColumnsAreNamed) {
  Parse("timestamp,imei,imsi,msisdn,cell\n");
  ASSERT_EQ(errors_.listed().size(), 2u);
  EXPECT_EQ(errors_.listed()[0].rule, "unknown_column");
  EXPECT_EQ(errors_.listed()[0].column, 5);
  EXPECT_EQ(errors_.listed()[1].rule, "missing_column");
  EXPECT_NE(errors_.listed()[1].message.find("cell_id"), std::string::npos);
}

struct BadRow {
  std::string_view row;
  std::string_view rule;
  int column;
};

TEST(EventParserRulesTest, EachBadFieldGivesItsRuleLineAndColumn) {
  const BadRow cases[] = {
      {"2026-01-05 10:00:00,35123456789012,999011234567890,999123456789,006,999-01-1-1",
       "bad_timestamp", 1},
      {"2025-12-31T23:59:59Z,35123456789012,999011234567890,999123456789,006,999-01-1-1",
       "timestamp_outside_range", 1},
      {"2026-02-01T00:00:00Z,35123456789012,999011234567890,999123456789,006,999-01-1-1",
       "timestamp_outside_range", 1},
      {"2026-01-05T10:00:00Z,3512345678901X,999011234567890,999123456789,006,999-01-1-1",
       "bad_imei", 2},
      {"2026-01-05T10:00:00Z,35123456789012345,999011234567890,999123456789,006,999-01-1-1",
       "bad_imei", 2},
      {"2026-01-05T10:00:00Z,35123456789012,9990112345678901,999123456789,006,999-01-1-1",
       "bad_imsi", 3},
      {"2026-01-05T10:00:00Z,35123456789012,999011234567890,+999123456789,006,999-01-1-1",
       "bad_msisdn", 4},
      {"2026-01-05T10:00:00Z,35123456789012,999011234567890,999123456789,009,999-01-1-1", "bad_rat",
       5},
      {"2026-01-05T10:00:00Z,35123456789012,999011234567890,999123456789,006,999-1-1-1",
       "bad_cell_id", 6},
      {"2026-01-05T10:00:00Z,35123456789012,999011234567890,999123456789,006", "wrong_field_count",
       0},
      {"2026-01-05T10:00:00Z,\"35123456789012,999011234567890,999123456789,006,999-01-1-1",
       "csv_unterminated_quote", 2},
  };
  auto region = observe::RegionMatcher::Create(TwoOperatorDemoConfig(), "op1");
  ASSERT_TRUE(region.ok());
  for (const BadRow& c : cases) {
    observe::OperatorDataErrors errors("f.events.csv", 5);
    EventRowParser parser(&*region, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 31),
                          &errors);
    EventBatch batch;
    std::string text = "timestamp,imei,imsi,msisdn,rat,cell_id\n" + std::string(c.row) + "\n";
    parser.ParseChunk(text, &batch);
    parser.Finish();
    ASSERT_EQ(errors.listed().size(), 1u) << c.row;
    EXPECT_EQ(errors.listed()[0].rule, c.rule) << c.row;
    EXPECT_EQ(errors.listed()[0].line, 2) << c.row;
    EXPECT_EQ(errors.listed()[0].column, c.column) << c.row;
    EXPECT_TRUE(batch.rows.empty());
  }
}

TEST_F(EventParserTest, NoRowIsEmittedAfterTheFirstErrorButErrorsAreCounted) {
  Parse(
      "timestamp,imei,imsi,msisdn,rat,cell_id\n"
      "2026-01-05T10:00:00Z,35123456789012,,,,\n"
      "bad,35123456789012,,,,\n"
      "2026-01-05T10:00:00Z,35123456789012,,,,\n"
      "2026-01-05T10:00:00Z,35123456789012,x,,,\n");
  EXPECT_EQ(errors_.total(), 2);
  EXPECT_EQ(batch_.rows.size(), 1u);
}

TEST_F(EventParserTest, EmptyFileAndHeaderOnly) {
  Parse("");
  EXPECT_EQ(FirstRule(), "empty_file");
  observe::OperatorDataErrors errors("f", 5);
  EventRowParser parser(&region_, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 31), &errors);
  EventBatch batch;
  parser.ParseChunk("timestamp,imei,imsi,msisdn,rat,cell_id\n", &batch);
  parser.Finish();
  ASSERT_EQ(errors.listed().size(), 1u);
  EXPECT_EQ(errors.listed()[0].rule, "no_data_rows");
}

}  // namespace
}  // namespace openceir::events
