#include "openceir/observe/operator_file_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "openceir/io/memory_input_stream.h"

namespace openceir::observe {
namespace {

config::Config Demo() {
  config::Config config;
  config.region.mccs = {"999"};
  config.region.country_codes = {"999"};
  config.region.operators = {{"op1", "Demo", {"99901"}}};
  return config;
}

// Enough rows for several 1 MiB chunks, with a bad row near the end.
std::string BigFile(int rows, int bad_line) {
  std::string text = "date,imei,imsi,msisdn\r\n";
  for (int i = 2; i <= rows + 1; ++i) {
    if (i == bad_line) {
      text += "20260101,35123456789012,x,999100000000\r\n";
    } else {
      text += fmt::format("20260101,{},99901{:010},999{:09}\r\n", 35123456000000LL + i, i, i);
    }
  }
  return text;
}

TEST(OperatorFileReaderTest, ParsesEveryRowOfAMultiChunkFileInOrder) {
  RegionMatcher region = *RegionMatcher::Create(Demo(), "op1");
  OperatorDataErrors errors("f", 5);
  OperatorRowParser parser(&region, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 1),
                           &errors);
  io::MemoryInputStream input(BigFile(100000, -1));
  std::int64_t rows = 0;
  std::uint64_t expected_imei = 35123456000002ULL;
  bool ordered = true;
  Status s = ReadOperatorFile(&input, &parser, [&](const ParsedBatch& batch) {
    for (const ParsedRow& row : batch.rows) ordered = ordered && row.imei_key == expected_imei++;
    rows += static_cast<std::int64_t>(batch.rows.size());
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(rows, 100000);
  EXPECT_TRUE(ordered);
}

TEST(OperatorFileReaderTest, LineNumbersStayRightAcrossChunks) {
  RegionMatcher region = *RegionMatcher::Create(Demo(), "op1");
  OperatorDataErrors errors("f", 5);
  OperatorRowParser parser(&region, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 1),
                           &errors);
  io::MemoryInputStream input(BigFile(100000, 99999));
  ASSERT_TRUE(
      ReadOperatorFile(&input, &parser, [](const ParsedBatch&) { return Status::Ok(); }).ok());
  ASSERT_EQ(errors.total(), 1);
  EXPECT_EQ(errors.listed()[0].line, 99999);
  EXPECT_EQ(errors.listed()[0].rule, "bad_imsi");
}

TEST(OperatorFileReaderTest, AConsumerErrorStopsTheReadAndIsReturned) {
  RegionMatcher region = *RegionMatcher::Create(Demo(), "op1");
  OperatorDataErrors errors("f", 5);
  OperatorRowParser parser(&region, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 1),
                           &errors);
  io::MemoryInputStream input(BigFile(100000, -1));
  int calls = 0;
  Status s = ReadOperatorFile(&input, &parser, [&](const ParsedBatch&) {
    return ++calls == 1 ? Status::Ok() : IoError("disk full");
  });
  EXPECT_EQ(s, IoError("disk full"));
  EXPECT_EQ(calls, 2);
}

TEST(OperatorFileReaderTest, ALineLongerThanTheLimitIsAnError) {
  RegionMatcher region = *RegionMatcher::Create(Demo(), "op1");
  OperatorDataErrors errors("f", 5);
  OperatorRowParser parser(&region, *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 1, 1),
                           &errors);
  io::MemoryInputStream input("date,imei,imsi,msisdn\n20260101,35123456789012,,\n" +
                              std::string(5000, '1') + "\n");
  ASSERT_TRUE(ReadOperatorFile(
                  &input, &parser, [](const ParsedBatch&) { return Status::Ok(); }, 1000)
                  .ok());
  ASSERT_GE(errors.total(), 1);
  EXPECT_EQ(errors.listed()[0].rule, "line_too_long");
  EXPECT_EQ(errors.listed()[0].line, 3);
}

}  // namespace
}  // namespace openceir::observe
