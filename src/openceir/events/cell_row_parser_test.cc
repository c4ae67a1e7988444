#include "openceir/events/cell_row_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace openceir::events {
namespace {

std::vector<std::string_view> Split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == line.npos ? line.npos : comma - start));
    if (comma == line.npos) break;
    start = comma + 1;
  }
  return fields;
}

constexpr std::string_view kHeader =
    "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal";
constexpr std::string_view kGood =
    "LTE,214,01,28001,12345678,101,-3.7038,40.4168,1500,12,1,1459692142,1700000000,0";

class CellRowParserTest : public ::testing::Test {
 protected:
  CellRowParserTest() : errors_("cells.csv", 20), parser_(&errors_) {}
  observe::OperatorDataErrors errors_;
  CellRowParser parser_;
};

TEST_F(CellRowParserTest, ParsesAGoodRow) {
  ASSERT_TRUE(parser_.ParseHeader(1, Split(kHeader)));
  store::Cell cell;
  ASSERT_TRUE(parser_.ParseRow(2, Split(kGood), &cell));
  EXPECT_EQ(cell.cell_id, "214-01-28001-12345678");
  EXPECT_EQ(cell.radio, "LTE");
  EXPECT_DOUBLE_EQ(cell.lat, 40.4168);
  EXPECT_DOUBLE_EQ(cell.lon, -3.7038);
  EXPECT_EQ(cell.range_m, 1500);
  EXPECT_TRUE(errors_.empty());
}

TEST_F(CellRowParserTest, ColumnsInAnyOrderAndAnyCase) {
  ASSERT_TRUE(parser_.ParseHeader(
      1, Split("LAT,lon,Radio,MCC,net,area,cell,unit,range,samples,changeable,created,updated,"
               "AVERAGESIGNAL")));
  store::Cell cell;
  ASSERT_TRUE(parser_.ParseRow(2, Split("-33.5,151.25,nr,505,001,7,9,,0,1,0,1,2,"), &cell));
  EXPECT_EQ(cell.cell_id, "505-001-7-9");
  EXPECT_EQ(cell.radio, "NR");
  EXPECT_DOUBLE_EQ(cell.lat, -33.5);
}

TEST_F(CellRowParserTest, HeaderProblemsAreNamed) {
  EXPECT_FALSE(parser_.ParseHeader(1, Split("radio,mcc,net,area,cell,unit,lon,lat,range,samples,"
                                            "changeable,created,updated,signal")));
  ASSERT_EQ(errors_.listed().size(), 2u);
  EXPECT_EQ(errors_.listed()[0].rule, "unknown_column");
  EXPECT_EQ(errors_.listed()[0].column, 14);
  EXPECT_EQ(errors_.listed()[1].rule, "missing_column");
  EXPECT_NE(errors_.listed()[1].message.find("averagesignal"), std::string::npos);
}

struct BadField {
  std::string_view row;
  std::string_view rule;
  int column;
};

TEST_F(CellRowParserTest, EachBadFieldGivesItsRuleAndColumn) {
  ASSERT_TRUE(parser_.ParseHeader(1, Split(kHeader)));
  const BadField cases[] = {
      {"WIFI,214,01,1,1,,1.0,1.0,0,0,0,0,0,", "bad_radio", 1},
      {"LTE,21,01,1,1,,1.0,1.0,0,0,0,0,0,", "bad_mcc", 2},
      {"LTE,214,1,1,1,,1.0,1.0,0,0,0,0,0,", "bad_net", 3},
      {"LTE,214,0001,1,1,,1.0,1.0,0,0,0,0,0,", "bad_net", 3},
      {"LTE,214,01,-1,1,,1.0,1.0,0,0,0,0,0,", "bad_area", 4},
      {"LTE,214,01,4294967296,1,,1.0,1.0,0,0,0,0,0,", "bad_area", 4},
      {"LTE,214,01,1,x,,1.0,1.0,0,0,0,0,0,", "bad_cell", 5},
      {"LTE,214,01,1,1,u,1.0,1.0,0,0,0,0,0,", "bad_unit", 6},
      {"LTE,214,01,1,1,,180.5,1.0,0,0,0,0,0,", "bad_lon", 7},
      {"LTE,214,01,1,1,,1.0,-90.01,0,0,0,0,0,", "bad_lat", 8},
      {"LTE,214,01,1,1,,1.0,nan,0,0,0,0,0,", "bad_lat", 8},
      {"LTE,214,01,1,1,,1.0,1e1,0,0,0,0,0,", "bad_lat", 8},
      {"LTE,214,01,1,1,,1.0,1.0,-5,0,0,0,0,", "bad_range", 9},
      {"LTE,214,01,1,1,,1.0,1.0,0,1.5,0,0,0,", "bad_samples", 10},
      {"LTE,214,01,1,1,,1.0,1.0,0,0,2,0,0,", "bad_changeable", 11},
      {"LTE,214,01,1,1,,1.0,1.0,0,0,0,,0,", "bad_created", 12},
      {"LTE,214,01,1,1,,1.0,1.0,0,0,0,0,x,", "bad_updated", 13},
      {"LTE,214,01,1,1,,1.0,1.0,0,0,0,0,0,-7.5", "bad_averagesignal", 14},
      {"LTE,214,01,1,1,,1.0,1.0,0,0,0,0,0", "wrong_field_count", 0},
  };
  std::int64_t line = 2;
  for (const BadField& c : cases) {
    observe::OperatorDataErrors errors("cells.csv", 5);
    CellRowParser parser(&errors);
    ASSERT_TRUE(parser.ParseHeader(1, Split(kHeader)));
    store::Cell cell;
    EXPECT_FALSE(parser.ParseRow(line, Split(c.row), &cell)) << c.row;
    ASSERT_EQ(errors.listed().size(), 1u) << c.row;
    EXPECT_EQ(errors.listed()[0].rule, c.rule) << c.row;
    EXPECT_EQ(errors.listed()[0].column, c.column) << c.row;
    EXPECT_EQ(errors.listed()[0].line, line) << c.row;
    ++line;
  }
}

TEST_F(CellRowParserTest, ExtremeButValidValuesPass) {
  ASSERT_TRUE(parser_.ParseHeader(1, Split(kHeader)));
  store::Cell cell;
  EXPECT_TRUE(parser_.ParseRow(
      2, Split("CDMA,001,999,4294967295,68719476735,,-180,90,0,0,0,0,0,-113"), &cell));
  EXPECT_TRUE(parser_.ParseRow(3, Split("GSM,001,99,0,0,,180,-90,0,0,0,0,0,"), &cell));
  EXPECT_TRUE(errors_.empty()) << errors_.listed()[0].ToString();
}

TEST_F(CellRowParserTest, TheSameCellTwiceIsAnError) {
  ASSERT_TRUE(parser_.ParseHeader(1, Split(kHeader)));
  store::Cell cell;
  EXPECT_TRUE(parser_.ParseRow(2, Split(kGood), &cell));
  EXPECT_FALSE(parser_.ParseRow(3, Split(kGood), &cell));
  ASSERT_EQ(errors_.listed().size(), 1u);
  EXPECT_EQ(errors_.listed()[0].rule, "duplicate_cell");
  EXPECT_NE(errors_.listed()[0].message.find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace openceir::events
