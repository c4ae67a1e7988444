// ReadListFile reads the GSMA TAC database with literal quotes inside unquoted fields (real
// files hold inch marks in model names), and every other list with strict RFC 4180 quotes.
#include <gtest/gtest.h>

#include <string>

#include "openceir/ingest/error_sink.h"
#include "openceir/ingest/list_reader.h"
#include "openceir/ingest/staged_rows.h"
#include "openceir/io/memory_input_stream.h"
#include "openceir/store/list_schema.h"

namespace openceir::ingest {
namespace {

using store::ListKind;

struct ReadResult {
  ReadCounts counts;
  StagedRows rows;
  ErrorSink errors;
};

ReadResult Read(ListKind kind, const std::string& text, const std::string& name) {
  const store::ListSchema& schema = store::SchemaOf(kind);
  ReadResult result{{}, StagedRows(schema.columns.size(), schema.key_size), ErrorSink(name, 10)};
  io::MemoryInputStream input(text, name);
  Result<ReadCounts> counts =
      ReadListFile(&input, kind, RowParserOptions{}, {}, &result.errors, &result.rows);
  EXPECT_TRUE(counts.ok()) << counts.status().ToString();
  if (counts.ok()) result.counts = *counts;
  return result;
}

std::size_t ColumnIndex(ListKind kind, std::string_view name) {
  const store::ListSchema& schema = store::SchemaOf(kind);
  for (std::size_t i = 0; i < schema.columns.size(); ++i) {
    if (schema.columns[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

TEST(GsmaQuotesTest, GsmaTacModelNameKeepsItsInchMark) {
  const std::string text =
      "tac|manufacturer|bands|allocation_date|model_name|device_type|marketing_name\n"
      "35209900|Samsung Korea|GSM 900,GSM 1800|17-Mar-2011|GT-P7510 Tab 10.1\"|Tablet|"
      "Galaxy Tab 10.1\"\n"
      "35209901|\"Acer, Inc.\"|GSM 900|17-Mar-2011|\"Iconia \"\"A500\"\"\"|Tablet|7\" pad\n";
  ReadResult got = Read(ListKind::kGsmaTac, text, "gsma_tac.txt");
  for (const InputError& error : got.errors.listed()) ADD_FAILURE() << error.ToString();
  EXPECT_EQ(got.errors.total(), 0);
  EXPECT_EQ(got.counts.rows_read, 2);
  EXPECT_EQ(got.counts.rows_kept, 2);
  ASSERT_EQ(got.rows.size(), 2u);
  const std::size_t model = ColumnIndex(ListKind::kGsmaTac, "model_name");
  const std::size_t manufacturer = ColumnIndex(ListKind::kGsmaTac, "manufacturer");
  const std::size_t extra = ColumnIndex(ListKind::kGsmaTac, "extra");
  EXPECT_EQ(got.rows.Field(0, model), "GT-P7510 Tab 10.1\"");
  EXPECT_EQ(got.rows.line(0), 2);
  // Quoted fields still follow RFC 4180.
  EXPECT_EQ(got.rows.Field(1, manufacturer), "Acer, Inc.");
  EXPECT_EQ(got.rows.Field(1, model), "Iconia \"A500\"");
  // Optional columns keep their quote in the extra JSON object (escaped there).
  EXPECT_NE(got.rows.Field(0, extra).find("Galaxy Tab 10.1\\\""), std::string_view::npos)
      << got.rows.Field(0, extra);
  EXPECT_NE(got.rows.Field(1, extra).find("7\\\" pad"), std::string_view::npos)
      << got.rows.Field(1, extra);
}

TEST(GsmaQuotesTest, GsmaTacTextAfterAClosingQuoteIsStillBadCsv) {
  const std::string text =
      "tac|manufacturer|bands|allocation_date|model_name|device_type\n"
      "35209900|Samsung|GSM 900|17-Mar-2011|\"Tab\" 10.1\"|Tablet\n";
  ReadResult got = Read(ListKind::kGsmaTac, text, "gsma_tac.txt");
  ASSERT_EQ(got.errors.total(), 1);
  EXPECT_EQ(got.errors.listed()[0].rule, "bad_csv");
  EXPECT_EQ(got.errors.listed()[0].message,
            "gsma_tac.txt:2:43: csv_stray_quote: text after the closing quote of a quoted field");
  EXPECT_EQ(got.rows.size(), 0u);
}

TEST(GsmaQuotesTest, OtherListsKeepStrictQuotes) {
  const std::string text = "imei,reporting_date,status\n35209900123456,20160701,pend\"ing\n";
  ReadResult got = Read(ListKind::kStolen, text, "stolen.csv");
  ASSERT_EQ(got.errors.total(), 1);
  EXPECT_EQ(got.errors.listed()[0].rule, "bad_csv");
  EXPECT_EQ(got.errors.listed()[0].message,
            "stolen.csv:2:29: csv_stray_quote: quote inside an unquoted field (quote the whole "
            "field and double it)");
  EXPECT_EQ(got.rows.size(), 0u);
}

}  // namespace
}  // namespace openceir::ingest
