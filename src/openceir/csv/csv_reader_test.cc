// Tests for CsvReader: a table of inputs with their records or their exact error, each parsed
// with every read size from 1 to 8 bytes, short reads, and the default buffer; and random
// inputs compared with the reference parse, in both quote modes.
#include "openceir/csv/csv_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "openceir/csv/csv_reference_parse.h"
#include "openceir/io/memory_input_stream.h"

namespace openceir::csv {
namespace {

using test_support::ParseReference;
using test_support::ReferenceParse;
using test_support::ReferenceRecord;

// Reads `text` to the end or the first error. read_bytes 0 = the default buffer.
ReferenceParse ReadAll(const std::string& text, char delimiter, std::size_t read_bytes,
                       std::size_t max_read = SIZE_MAX,
                       std::size_t max_record_bytes = kMaxCsvRecordBytes,
                       QuoteMode quote_mode = QuoteMode::kStrict) {
  io::MemoryInputStream input(text, "list.csv", max_read);
  CsvReader reader(&input, delimiter, quote_mode);
  if (read_bytes > 0) reader.SetBufferSizeForTest(read_bytes);
  if (max_record_bytes != kMaxCsvRecordBytes) reader.SetMaxRecordBytesForTest(max_record_bytes);
  ReferenceParse out;
  CsvRecord record;
  while (true) {
    Result<bool> more = reader.Next(&record);
    if (!more.ok()) {
      EXPECT_EQ(more.status().code(), StatusCode::kInvalidInput);
      out.error = more.status().message();
      // The error is sticky.
      Result<bool> again = reader.Next(&record);
      EXPECT_FALSE(again.ok());
      if (!again.ok()) {
        EXPECT_EQ(again.status().message(), out.error);
      }
      return out;
    }
    if (!*more) {
      Result<bool> again = reader.Next(&record);
      EXPECT_TRUE(again.ok() && !*again) << "Next() after the end must stay at the end";
      return out;
    }
    ReferenceRecord copy{record.line, {}};
    for (std::string_view field : record.fields) copy.fields.emplace_back(field);
    out.records.push_back(copy);
  }
}

std::string Describe(const ReferenceParse& parse) {
  std::string out;
  for (const ReferenceRecord& record : parse.records) {
    out += std::to_string(record.line) + ":";
    for (const std::string& field : record.fields) out += " [" + field + "]";
    out += "\n";
  }
  return out + "error: " + parse.error;
}

// Checks every way of reading `text` against `expected` (and the reference parse).
void ExpectParse(const std::string& text, char delimiter, const ReferenceParse& expected,
                 std::size_t max_record_bytes = kMaxCsvRecordBytes,
                 QuoteMode quote_mode = QuoteMode::kStrict) {
  const ReferenceParse reference =
      ParseReference(text, delimiter, "list.csv", max_record_bytes, quote_mode);
  EXPECT_EQ(reference, expected) << "reference parse of\n"
                                 << text << "\ngot\n"
                                 << Describe(reference) << "\nwant\n"
                                 << Describe(expected);
  for (std::size_t read_bytes = 0; read_bytes <= 8; ++read_bytes) {
    const ReferenceParse got =
        ReadAll(text, delimiter, read_bytes, SIZE_MAX, max_record_bytes, quote_mode);
    EXPECT_EQ(got, expected) << "read size " << read_bytes << " of\n"
                             << text << "\ngot\n"
                             << Describe(got) << "\nwant\n"
                             << Describe(expected);
  }
  for (std::size_t max_read : {1u, 2u, 3u, 7u}) {
    const ReferenceParse got = ReadAll(text, delimiter, 0, max_read, max_record_bytes, quote_mode);
    EXPECT_EQ(got, expected) << "short reads of " << max_read << " bytes of\n" << text;
  }
}

ReferenceParse Records(std::vector<ReferenceRecord> records) { return {std::move(records), ""}; }
ReferenceParse Failure(std::vector<ReferenceRecord> records, const std::string& error) {
  return {std::move(records), "list.csv:" + error};
}

struct Case {
  std::string name;
  std::string text;
  ReferenceParse expected;
};

TEST(CsvReaderTest, ParsesValidInputAtEveryBufferBoundary) {
  const std::vector<Case> cases = {
      {"lf", "a,b,c\n1,2,3\n", Records({{1, {"a", "b", "c"}}, {2, {"1", "2", "3"}}})},
      {"crlf", "a,b\r\n1,2\r\n", Records({{1, {"a", "b"}}, {2, {"1", "2"}}})},
      {"no final newline", "a,b\n1,2", Records({{1, {"a", "b"}}, {2, {"1", "2"}}})},
      {"empty input", "", Records({})},
      {"only line breaks", "\n\r\n\n", Records({})},
      {"empty lines skipped", "\n\na\n\r\n\nb\n", Records({{3, {"a"}}, {6, {"b"}}})},
      {"bom", "\xEF\xBB\xBFimei\n1\n", Records({{1, {"imei"}}, {2, {"1"}}})},
      {"bom only", "\xEF\xBB\xBF", Records({})},
      {"bom not at start is data", "a\n\xEF\xBB\xBF\n",
       Records({{1, {"a"}}, {2, {"\xEF\xBB\xBF"}}})},
      {"quoted delimiter, escaped quote, newline", "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\nnext\n",
       Records({{1, {"a,b", "say \"hi\"", "x\ny"}}, {3, {"next"}}})},
      {"quoted crlf inside", "\"x\r\ny\"\r\nz\r\n", Records({{1, {"x\r\ny"}}, {3, {"z"}}})},
      {"only escaped quotes", "\"\"\"\"\"\",b\n", Records({{1, {"\"\"", "b"}}})},
      {"empty fields", ",,\n\"\"\n", Records({{1, {"", "", ""}}, {2, {""}}})},
      {"trailing delimiter at eof", "a,", Records({{1, {"a", ""}}})},
      {"quoted field at eof", "a,\"b\"", Records({{1, {"a", "b"}}})},
      {"quoted field before crlf", "\"a\"\r\n\"b\"\n", Records({{1, {"a"}}, {2, {"b"}}})},
      {"cr inside a field is data", "a\rb,c\n\rd\n", Records({{1, {"a\rb", "c"}}, {2, {"\rd"}}})},
      {"lone cr at eof", "a\r", Records({{1, {"a"}}})},
      {"quoted then lone cr at eof", "\"a\"\r", Records({{1, {"a"}}})},
      {"utf8", "Zo\xC3\xAB,\xE6\x97\xA5\xE6\x9C\xAC,\xF0\x9F\x98\x80\n",
       Records({{1, {"Zo\xC3\xAB", "\xE6\x97\xA5\xE6\x9C\xAC", "\xF0\x9F\x98\x80"}}})},
      {"utf8 quoted", "\"\xC3\xA9\"\"\xC3\xA9\"\n", Records({{1, {"\xC3\xA9\"\xC3\xA9"}}})},
      {"utf8 limits", "\xED\x9F\xBF,\xEE\x80\x80,\xF4\x8F\xBF\xBF,\xC2\x80\n",
       Records({{1, {"\xED\x9F\xBF", "\xEE\x80\x80", "\xF4\x8F\xBF\xBF", "\xC2\x80"}}})},
      {"nul byte is data", std::string("a\0b\n", 4), Records({{1, {std::string("a\0b", 3)}}})},
      {"operator data",
       "date,imei,imsi,msisdn,rat\n20160701,35123456789012,410011234567890,"
       "923001234567,001|006\n",
       Records(
           {{1, {"date", "imei", "imsi", "msisdn", "rat"}},
            {2, {"20160701", "35123456789012", "410011234567890", "923001234567", "001|006"}}})},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectParse(c.text, ',', c.expected);
  }
}

// The GSMA TAC database is '|'-separated and its bands hold commas: a comma is then plain data,
// a quoted field may hold '|', and a closing quote must still be followed by the delimiter.
TEST(CsvReaderTest, UsesTheGivenDelimiter) {
  ExpectParse(
      "tac|model|bands\n01234567|\"a|b\"|GSM 900,GSM 1800\n", '|',
      Records({{1, {"tac", "model", "bands"}}, {2, {"01234567", "a|b", "GSM 900,GSM 1800"}}}));
  ExpectParse("tac|model\n01234567|\"a|b\",c\n", '|',
              Failure({{1, {"tac", "model"}}},
                      "2:15: csv_stray_quote: text after the closing quote of a quoted field"));
  ExpectParse("a|b,c\n", ',', Records({{1, {"a|b", "c"}}}));
}

// Real GSMA TAC database files hold inch marks in model names without quoting them.
TEST(CsvReaderTest, LiteralQuoteModeKeepsQuotesInsideUnquotedFields) {
  const std::string kAfterClose = "csv_stray_quote: text after the closing quote of a quoted field";
  const std::vector<Case> cases = {
      {"inch mark", "tac|model_name|bands\n35209900|Galaxy Tab 10.1\"|GSM 900\n",
       Records({{1, {"tac", "model_name", "bands"}},
                {2, {"35209900", "Galaxy Tab 10.1\"", "GSM 900"}}})},
      {"quotes anywhere after the first byte", "a\"b\"\"c|x\"\r\ny\"|z\"",
       Records({{1, {"a\"b\"\"c", "x\""}}, {2, {"y\"", "z\""}}})},
      {"quote before a lone cr at eof", "7\"\r", Records({{1, {"7\""}}})},
      {"quote after a space", "a| \"b\"\n", Records({{1, {"a", " \"b\""}}})},
      {"quoted field still rfc 4180", "\"a|b\"|\"say \"\"hi\"\"\"|\"x\ny\"|10.1\"\nnext\n",
       Records({{1, {"a|b", "say \"hi\"", "x\ny", "10.1\""}}, {3, {"next"}}})},
      {"utf8 around the quote", "Zo\xC3\xAB\"\xC3\xA9|\xE6\x97\xA5\"\n",
       Records({{1, {"Zo\xC3\xAB\"\xC3\xA9", "\xE6\x97\xA5\""}}})},
      {"text after a closing quote", "tac|model\n1|\"Tab\" 10.1\"\n",
       Failure({{1, {"tac", "model"}}}, "2:8: " + kAfterClose)},
      {"quote opening a field is not closed", "tac|model\n1|\"Tab 10.1\n2|x\n",
       Failure({{1, {"tac", "model"}}},
               "2:3: csv_unterminated_quote: quoted field not closed before the end of the file")},
      {"invalid utf8 after a quote", "a\"\xFF\n",
       Failure({}, "1:3: csv_invalid_utf8: byte 0xFF is not valid UTF-8 here")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectParse(c.text, '|', c.expected, kMaxCsvRecordBytes, QuoteMode::kLiteralInUnquoted);
  }
  // The mode does not depend on the delimiter.
  ExpectParse("a,5\"\n", ',', Records({{1, {"a", "5\""}}}), kMaxCsvRecordBytes,
              QuoteMode::kLiteralInUnquoted);
  // The record limit still counts the quotes.
  ExpectParse("12\"4567890\n", ',',
              Failure({}, "1:9: csv_record_too_long: record longer than 8 bytes"), 8,
              QuoteMode::kLiteralInUnquoted);
}

TEST(CsvReaderTest, StrictQuoteModeIsTheDefault) {
  const std::string text = "tac|model_name\n35209900|Tab 10.1\"\n";
  const ReferenceParse want = Failure({{1, {"tac", "model_name"}}},
                                      "2:18: csv_stray_quote: quote inside an unquoted field "
                                      "(quote the whole field and double it)");
  ExpectParse(text, '|', want);
  ExpectParse(text, '|', want, kMaxCsvRecordBytes, QuoteMode::kStrict);
}

// A buffer boundary (one refill) at every byte of a GSMA record with inch marks.
TEST(CsvReaderTest, LiteralQuoteModeAtEveryBufferOffset) {
  const std::string text =
      "tac|manufacturer|model_name|marketing_name\r\n"
      "35209900|Samsung|GT-P7510 Tab 10.1\"|\"Galaxy Tab, 10.1\"\"\"\r\n"
      "35209901|\"Acer|Inc\"|7\" \xC3\xA9"
      "cran|12\"\"\n";
  const ReferenceParse want =
      Records({{1, {"tac", "manufacturer", "model_name", "marketing_name"}},
               {2, {"35209900", "Samsung", "GT-P7510 Tab 10.1\"", "Galaxy Tab, 10.1\""}},
               {3,
                {"35209901", "Acer|Inc",
                 "7\" \xC3\xA9"
                 "cran",
                 "12\"\""}}});
  ASSERT_EQ(
      ParseReference(text, '|', "list.csv", kMaxCsvRecordBytes, QuoteMode::kLiteralInUnquoted),
      want);
  for (std::size_t read_bytes = 1; read_bytes <= text.size(); ++read_bytes) {
    for (std::size_t max_read : {std::size_t{1}, SIZE_MAX}) {
      const ReferenceParse got = ReadAll(text, '|', read_bytes, max_read, kMaxCsvRecordBytes,
                                         QuoteMode::kLiteralInUnquoted);
      ASSERT_EQ(got, want) << "read size " << read_bytes << " max read " << max_read << "\n"
                           << Describe(got);
    }
  }
}

TEST(CsvReaderTest, ReportsRuleLineAndColumn) {
  const std::vector<Case> cases = {
      {"unterminated", "a,\"b\n",
       Failure({},
               "1:3: csv_unterminated_quote: quoted field not closed before the end of the file")},
      {"unterminated after records", "x\ny\n\"abc",
       Failure({{1, {"x"}}, {2, {"y"}}},
               "3:1: csv_unterminated_quote: quoted field not closed before the end of the file")},
      {"quote in unquoted field", "imei\nab\"c\n",
       Failure({{1, {"imei"}}},
               "2:3: csv_stray_quote: quote inside an unquoted field (quote the "
               "whole field and double it)")},
      {"space before quote", "a, \"b\"\n",
       Failure({},
               "1:4: csv_stray_quote: quote inside an unquoted field (quote the whole field "
               "and double it)")},
      {"text after closing quote", "\"ab\"c\n",
       Failure({}, "1:5: csv_stray_quote: text after the closing quote of a quoted field")},
      {"cr text after closing quote", "\"ab\"\rc\n",
       Failure({}, "1:5: csv_stray_quote: text after the closing quote of a quoted field")},
      {"error on a later line of a quoted record", "x\n\"a\nbc\"z\n",
       Failure({{1, {"x"}}},
               "3:4: csv_stray_quote: text after the closing quote of a quoted field")},
      {"invalid byte", "ok\n\xFF\n",
       Failure({{1, {"ok"}}}, "2:1: csv_invalid_utf8: byte 0xFF is not valid UTF-8 here")},
      {"lone continuation", "a\x80\n",
       Failure({}, "1:2: csv_invalid_utf8: byte 0x80 is not valid UTF-8 here")},
      {"truncated at eof", "ab\xC3",
       Failure({}, "1:3: csv_invalid_utf8: byte 0xC3 is not valid UTF-8 here")},
      {"truncated before newline", "\xE6\x97\n",
       Failure({}, "1:1: csv_invalid_utf8: byte 0xE6 is not valid UTF-8 here")},
      {"overlong", "\xC0\xAF\n",
       Failure({}, "1:1: csv_invalid_utf8: byte 0xC0 is not valid UTF-8 here")},
      {"overlong 3 bytes", "\xE0\x80\xAF\n",
       Failure({}, "1:1: csv_invalid_utf8: byte 0xE0 is not valid UTF-8 here")},
      {"surrogate", "\"\xED\xA0\x80\"\n",
       Failure({}, "1:2: csv_invalid_utf8: byte 0xED is not valid UTF-8 here")},
      {"above U+10FFFF", "\xF4\x90\x80\x80\n",
       Failure({}, "1:1: csv_invalid_utf8: byte 0xF4 is not valid UTF-8 here")},
      {"latin-1 file", "name\nJos\xE9\n",
       Failure({{1, {"name"}}}, "2:4: csv_invalid_utf8: byte 0xE9 is not valid UTF-8 here")},
      {"column after bom", "\xEF\xBB\xBF\"",
       Failure({},
               "1:1: csv_unterminated_quote: quoted field not closed before the end of the file")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectParse(c.text, ',', c.expected);
  }
}

TEST(CsvReaderTest, RejectsRecordsLongerThanTheLimit) {
  const std::string kTooLong = "csv_record_too_long: record longer than 8 bytes";
  const std::vector<Case> cases = {
      {"at the limit", "12345678\n1234,678\r\n12345678",
       Records({{1, {"12345678"}}, {2, {"1234", "678"}}, {3, {"12345678"}}})},
      {"one over", "123456789\n", Failure({}, "1:9: " + kTooLong)},
      {"one over at eof", "ok\n123456789", Failure({{1, {"ok"}}}, "2:9: " + kTooLong)},
      {"far over", "1234567890123456789012345\n", Failure({}, "1:9: " + kTooLong)},
      // The 9th byte is '8': the line break inside the quotes is a byte of the record.
      {"quoted over", "\"1234\n6789\"\n", Failure({}, "2:3: " + kTooLong)},
      {"limit before a later error", "1234567890\"\n", Failure({}, "1:9: " + kTooLong)},
      {"unterminated quote far over", "\"123456789012", Failure({}, "1:9: " + kTooLong)},
      {"error inside the limit first", "12\"4567890\n",
       Failure({},
               "1:3: csv_stray_quote: quote inside an unquoted field (quote the whole field "
               "and double it)")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectParse(c.text, ',', c.expected, 8);
  }
}

TEST(CsvReaderTest, DefaultLimitIsOneMebibyte) {
  const std::string longest(kMaxCsvRecordBytes, 'x');
  ReferenceParse got = ReadAll("a\n" + longest + "\r\nb\n", ',', 0);
  ASSERT_EQ(got.error, "");
  ASSERT_EQ(got.records.size(), 3u);
  EXPECT_EQ(got.records[1].fields[0].size(), kMaxCsvRecordBytes);
  EXPECT_EQ(got.records[2].line, 3);

  got = ReadAll("a\n" + longest + "x\nb\n", ',', 0);
  EXPECT_EQ(got.error, "list.csv:2:1048577: csv_record_too_long: record longer than 1048576 bytes");
  got = ReadAll("a\n" + longest + "xyz", ',', 65536);
  EXPECT_EQ(got.error, "list.csv:2:1048577: csv_record_too_long: record longer than 1048576 bytes");
  // Short reads (as from a decompressor) under the longest record.
  got = ReadAll("a\n" + longest + "\nb", ',', 0, 4096);
  ASSERT_EQ(got.error, "");
  ASSERT_EQ(got.records.size(), 3u);
  EXPECT_EQ(got.records[1].fields[0].size(), kMaxCsvRecordBytes);
  got = ReadAll("a\n" + longest + "xyz", ',', 0, 4096);
  EXPECT_EQ(got.error, "list.csv:2:1048577: csv_record_too_long: record longer than 1048576 bytes");
}

TEST(CsvReaderTest, ManyRecordsAcrossReads) {
  std::string text;
  ReferenceParse expected;
  for (int row = 0; row < 6000; ++row) {
    const std::string imei = std::to_string(35123456000000LL + row);
    text += "20160701," + imei + (row % 7 == 0 ? ",\"41001\"\"1\"\r\n" : ",410011\n");
    expected.records.push_back({row + 1, {"20160701", imei, row % 7 == 0 ? "41001\"1" : "410011"}});
  }
  for (std::size_t read_bytes : {std::size_t{0}, std::size_t{1000}, std::size_t{4096}}) {
    EXPECT_TRUE(ReadAll(text, ',', read_bytes) == expected) << read_bytes;
  }
}

// An input that fails after serving some bytes.
class FailingInput : public io::InputStream {
 public:
  Result<std::size_t> Read(char* buffer, std::size_t size) override {
    if (served_) return IoError("broken.csv.gz: truncated gzip input");
    served_ = true;
    const std::string_view data = "a,b\nc,d";
    const std::size_t count = std::min(size, data.size());
    std::copy(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(count), buffer);
    return count;
  }
  const std::string& display_name() const override { return name_; }

 private:
  bool served_ = false;
  std::string name_ = "broken.csv.gz";
};

TEST(CsvReaderTest, PassesInputErrorsThrough) {
  FailingInput input;
  CsvReader reader(&input, ',');
  EXPECT_EQ(reader.display_name(), "broken.csv.gz");
  CsvRecord record;
  Result<bool> first = reader.Next(&record);
  ASSERT_TRUE(first.ok() && *first);
  EXPECT_EQ(record.fields, (std::vector<std::string_view>{"a", "b"}));
  Result<bool> second = reader.Next(&record);  // "c,d" needs more data to be complete
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status(), IoError("broken.csv.gz: truncated gzip input"));
}

// The reader skips plain bytes 16 at a time: every special byte must be seen at every offset
// of a block, in quoted and unquoted fields, near the end of the data and not.
TEST(CsvReaderTest, FindsEverySpecialByteAtEveryBlockOffset) {
  const std::vector<std::string> specials = {",",    "|",        "\"",   "\n",      "\r",
                                             "\r\n", "\xC3\xA9", "\xFF", "\xE6\x97"};
  for (const std::string& special : specials) {
    for (std::size_t before = 0; before < 34; ++before) {
      for (std::size_t after : {0u, 17u}) {
        const std::string plain_before(before, 'x');
        const std::string plain_after(after, 'y');
        for (const std::string& text : {plain_before + special + plain_after + "\nz\n",
                                        "\"" + plain_before + special + plain_after + "\"\nz\n",
                                        "a," + plain_before + special + plain_after}) {
          for (char delimiter : {',', '|'}) {
            for (QuoteMode mode : {QuoteMode::kStrict, QuoteMode::kLiteralInUnquoted}) {
              const ReferenceParse reference =
                  ParseReference(text, delimiter, "list.csv", 64, mode);
              for (std::size_t read_bytes : {0u, 7u}) {
                const ReferenceParse got = ReadAll(text, delimiter, read_bytes, SIZE_MAX, 64, mode);
                ASSERT_EQ(got, reference)
                    << "read size " << read_bytes << " literal quotes "
                    << (mode == QuoteMode::kLiteralInUnquoted) << " of [" << text << "]\ngot\n"
                    << Describe(got) << "\nwant\n"
                    << Describe(reference);
              }
            }
          }
        }
      }
    }
  }
}

TEST(CsvReaderTest, RandomInputsMatchTheReference) {
  const std::vector<std::string> pieces = {"a",
                                           "b",
                                           "7",
                                           ",",
                                           ",",
                                           "\"",
                                           "\"",
                                           "\n",
                                           "\n",
                                           "\r",
                                           "\r\n",
                                           " ",
                                           "|",
                                           "\xC3\xA9",
                                           "\xC3",
                                           "\xA9",
                                           "\xE6\x97\xA5",
                                           "\xF0\x9F\x98\x80",
                                           "\xED\xA0\x80",
                                           "\xFF",
                                           "\xEF\xBB\xBF"};
  std::mt19937 random(20160701);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 24);
    for (int k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
    const char delimiter = round % 5 == 0 ? '|' : ',';
    const std::size_t max_record = round % 2 == 0 ? kMaxCsvRecordBytes : 1 + random() % 9;
    const QuoteMode mode = round % 3 == 0 ? QuoteMode::kLiteralInUnquoted : QuoteMode::kStrict;
    const ReferenceParse reference = ParseReference(text, delimiter, "list.csv", max_record, mode);
    for (std::size_t read_bytes : {0u, 1u, 2u, 3u, 5u, 8u}) {
      const ReferenceParse got = ReadAll(text, delimiter, read_bytes, SIZE_MAX, max_record, mode);
      ASSERT_EQ(got, reference) << "read size " << read_bytes << " max record " << max_record
                                << " literal quotes " << (mode == QuoteMode::kLiteralInUnquoted)
                                << " of [" << text << "]\ngot\n"
                                << Describe(got) << "\nwant\n"
                                << Describe(reference);
    }
  }
}

}  // namespace
}  // namespace openceir::csv
