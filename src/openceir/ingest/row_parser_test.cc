// Tests of ListRowParser over real CSV text (csv::CsvReader on a MemoryInputStream): a good
// file for each of the ten lists, the header rules, each field rule with its line and column,
// delta mode, golden plain and pre-hashed, and the GSMA derived columns.
#include "openceir/ingest/row_parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "openceir/io/memory_input_stream.h"
#include "openceir/store/list_schema.h"

namespace openceir::ingest {
namespace {

using store::ListKind;
using store::ListRow;

struct Parsed {
  bool header_ok = false;
  std::vector<ListRow> rows;  // the rows that parsed
  std::vector<ChangeType> changes;
  std::vector<std::int64_t> bad_lines;  // lines of the records that did not parse
  std::vector<InputError> errors;
};

// Reads `text` as list `kind` the way list_reader.cc does, keeping every row and error.
Parsed ParseText(ListKind kind, const std::string& text, RowParserOptions options = {}) {
  Parsed parsed;
  io::MemoryInputStream input(text, "test.csv");
  csv::CsvReader reader(&input, FileSpecOf(kind).delimiter, FileSpecOf(kind).quote_mode);
  ErrorSink errors("test.csv", 1000);
  ListRowParser parser(kind, options);
  csv::CsvRecord record;
  Result<bool> got = reader.Next(&record);
  EXPECT_TRUE(got.ok()) << got.status().ToString();
  if (!got.ok() || !*got) return parsed;
  parsed.header_ok = parser.ParseHeader(record, &errors);
  while (parsed.header_ok) {
    got = reader.Next(&record);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (!got.ok() || !*got) break;
    if (parser.ParseRow(record, &errors)) {
      EXPECT_EQ(parser.row().size(), parser.schema().columns.size());
      parsed.rows.push_back(parser.row());
      parsed.changes.push_back(parser.change());
    } else {
      parsed.bad_lines.push_back(record.line);
    }
  }
  EXPECT_EQ(errors.total(), static_cast<std::int64_t>(errors.listed().size()));
  parsed.errors = errors.TakeListed();
  return parsed;
}

std::string Describe(const std::vector<InputError>& errors) {
  std::string out;
  for (const InputError& e : errors) out += "\n  " + e.ToString();
  return out;
}

// Expects exactly one error, with this line, column, column name and rule.
void ExpectOneError(const Parsed& parsed, std::int64_t line, int column,
                    const std::string& column_name, const std::string& rule) {
  ASSERT_EQ(parsed.errors.size(), 1U) << Describe(parsed.errors);
  const InputError& e = parsed.errors[0];
  EXPECT_EQ(e.file, "test.csv");
  EXPECT_EQ(e.line, line) << e.ToString();
  EXPECT_EQ(e.column, column) << e.ToString();
  EXPECT_EQ(e.column_name, column_name) << e.ToString();
  EXPECT_EQ(e.rule, rule) << e.ToString();
  EXPECT_FALSE(e.message.empty());
}

// --- A good header and row for each of the ten lists --------------------------------------

struct GoodList {
  ListKind kind;
  std::string text;
  ListRow row;
};

TEST(RowParserTest, ParsesAGoodRowOfEachList) {
  const std::vector<GoodList> cases = {
      {ListKind::kGsmaTac,
       "tac|manufacturer|bands|allocation_date|model_name|device_type\n"
       "35209900|Apple Inc| GSM 900,LTE FDD BAND 3 |17-Mar-2015|iPhone|Smartphone\n",
       {"35209900", "Apple Inc", "GSM 900,LTE FDD BAND 3", "20150317", "iPhone", "Smartphone",
        "2G|4G", ""}},
      {ListKind::kStolen,
       "imei,reporting_date,status\n352099001761481,20240105,Blacklist\n",
       {"35209900176148", "20240105", "blacklist"}},
      {ListKind::kRegistration,
       "approved_imei,make,model,status,model_number,brand_name,device_type,radio_interface,"
       "device_id\n"
       "352099001761481,Apple,iPhone 12,whitelist,A2403,Apple,Smartphone,2G|3G|4G|5G,dev-1\n",
       {"35209900176148", "Apple", "iPhone 12", "whitelist", "A2403", "Apple", "Smartphone",
        "2G|3G|4G|5G", "dev-1", "352099001761481"}},
      {ListKind::kPairing,
       "imei,imsi,msisdn\n352099001761481,410011234567890,923001234567\n",
       {"35209900176148", "410011234567890", "923001234567"}},
      {ListKind::kGolden, "golden_imei\n352099001761481\n", {"2a696780b6ee5b472ef01510f60cc040"}},
      {ListKind::kBarred, "imei\n3520990017614823\n", {"35209900176148"}},
      {ListKind::kBarredTac, "tac\n35209900\n", {"35209900"}},
      {ListKind::kSubscribers, "uid,imsi\nuser-1,410011234567890\n", {"user-1", "410011234567890"}},
      {ListKind::kAssociation, "uid,imei\nuser-1,352099001761481\n", {"user-1", "35209900176148"}},
      {ListKind::kMonitoring, "imei\n35209900176148\n", {"35209900176148"}},
  };
  ASSERT_EQ(cases.size(), store::AllListSchemas().size());
  for (const GoodList& c : cases) {
    const Parsed parsed = ParseText(c.kind, c.text);
    const std::string name(store::SchemaOf(c.kind).name);
    EXPECT_TRUE(parsed.header_ok) << name << Describe(parsed.errors);
    EXPECT_TRUE(parsed.errors.empty()) << name << Describe(parsed.errors);
    ASSERT_EQ(parsed.rows.size(), 1U) << name;
    EXPECT_EQ(parsed.rows[0], c.row) << name;
    EXPECT_EQ(parsed.changes[0], ChangeType::kNone) << name;
  }
}

TEST(RowParserTest, EveryFileColumnFillsAStoredColumn) {
  for (const store::ListSchema& schema : store::AllListSchemas()) {
    const ListFileSpec& spec = FileSpecOf(schema.kind);
    EXPECT_EQ(spec.delimiter, schema.kind == ListKind::kGsmaTac ? '|' : ',') << schema.name;
    for (const FileColumn& column : spec.columns) {
      bool found = false;
      for (std::string_view stored : schema.columns) found = found || stored == column.stored;
      EXPECT_TRUE(found) << schema.name << ": " << column.stored;
    }
    // Every key column of the schema is filled from a column that requires a value.
    for (std::size_t k = 0; k < schema.key_size; ++k) {
      bool required = false;
      for (const FileColumn& column : spec.columns) {
        required = required || (column.stored == schema.columns[k] && column.requires_value);
      }
      EXPECT_TRUE(required) << schema.name << ": key " << schema.columns[k];
    }
  }
}

// --- Header rules ---------------------------------------------------------------------------

TEST(RowParserTest, HeaderIsCaseInsensitiveInAnyOrder) {
  const Parsed parsed = ParseText(ListKind::kPairing,
                                  " MSISDN ,Imsi,IMEI\r\n923001234567,410011234567890,"
                                  "352099001761481\r\n");
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 1U);
  EXPECT_EQ(parsed.rows[0], (ListRow{"35209900176148", "410011234567890", "923001234567"}));
}

TEST(RowParserTest, HeaderAfterUtf8BomIsRead) {
  const Parsed parsed = ParseText(ListKind::kBarred, "\xEF\xBB\xBFIMEI\n35209900176148\n");
  EXPECT_TRUE(parsed.header_ok) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 1U);
}

TEST(RowParserTest, MissingColumnIsNamed) {
  const Parsed parsed = ParseText(ListKind::kStolen, "imei,status\n35209900176148,\n");
  EXPECT_FALSE(parsed.header_ok);
  ExpectOneError(parsed, 1, 0, "reporting_date", "missing_column");
  EXPECT_NE(parsed.errors[0].message.find("reporting_date"), std::string::npos);
}

TEST(RowParserTest, EveryMissingColumnIsReported) {
  const Parsed parsed = ParseText(ListKind::kGsmaTac, "TAC|model_name\n35209900|x\n");
  EXPECT_FALSE(parsed.header_ok);
  std::vector<std::string> missing;
  for (const InputError& e : parsed.errors) {
    EXPECT_EQ(e.rule, "missing_column");
    EXPECT_EQ(e.line, 1);
    missing.push_back(e.column_name);
  }
  EXPECT_EQ(missing,
            (std::vector<std::string>{"manufacturer", "bands", "allocation_date", "device_type"}));
}

TEST(RowParserTest, UnexpectedColumnIsRefusedWithItsPosition) {
  const Parsed parsed = ParseText(ListKind::kBarred, "imei,reason\n35209900176148,x\n");
  EXPECT_FALSE(parsed.header_ok);
  ExpectOneError(parsed, 1, 2, "reason", "unexpected_column");
  EXPECT_NE(parsed.errors[0].message.find("imei"), std::string::npos);  // says what is expected
}

TEST(RowParserTest, EmptyHeaderNameIsUnexpected) {
  const Parsed parsed = ParseText(ListKind::kBarredTac, "tac,\n35209900,\n");
  EXPECT_FALSE(parsed.header_ok);
  ExpectOneError(parsed, 1, 2, "", "unexpected_column");
}

TEST(RowParserTest, DuplicateColumnIsRefused) {
  const Parsed parsed = ParseText(ListKind::kBarred, "imei,IMEI\n35209900176148,35209900176148\n");
  EXPECT_FALSE(parsed.header_ok);
  ExpectOneError(parsed, 1, 2, "imei", "duplicate_column");
}

TEST(RowParserTest, HugeHeaderNameMakesASmallError) {
  const std::string name(100000, 'q');
  const Parsed parsed = ParseText(ListKind::kBarred, "imei," + name + "\n1,2\n");
  ASSERT_EQ(parsed.errors.size(), 1U);
  EXPECT_EQ(parsed.errors[0].rule, "unexpected_column");
  EXPECT_LT(parsed.errors[0].ToString().size(), 400U);
}

TEST(RowParserTest, ChangeTypeColumnNeedsDeltaMode) {
  const Parsed parsed = ParseText(ListKind::kBarred, "imei,change_type\n35209900176148,add\n");
  EXPECT_FALSE(parsed.header_ok);
  ExpectOneError(parsed, 1, 2, "change_type", "unexpected_column");
  EXPECT_NE(parsed.errors[0].message.find("delta"), std::string::npos);
}

TEST(RowParserTest, DeltaModeNeedsChangeTypeColumn) {
  const Parsed parsed =
      ParseText(ListKind::kBarred, "imei\n35209900176148\n", RowParserOptions{.delta = true});
  EXPECT_FALSE(parsed.header_ok);
  ExpectOneError(parsed, 1, 0, "change_type", "missing_column");
}

// --- Row rules: each bad field with its line and column -------------------------------------

struct BadRow {
  ListKind kind;
  std::string text;  // header on line 1, one good row on line 2, the bad row on line 3
  int column;
  std::string column_name;
  std::string rule;
};

TEST(RowParserTest, RefusesEachBadFieldWithLineAndColumn) {
  const std::string stolen = "status,reporting_date,imei\n,20240101,35209900176148\n";
  const std::string pairing = "imei,imsi,msisdn\n35209900176148,410011234567890,923001234567\n";
  const std::string gsma =
      "model_name|tac|manufacturer|bands|allocation_date|device_type|brand_name\n"
      "m|35209900|x|GSM 900|17-Mar-2015|phone|b\n";
  const std::vector<BadRow> cases = {
      {ListKind::kStolen, stolen + ",20240101,3520990017614g\n", 3, "imei", "bad_imei"},
      {ListKind::kStolen, stolen + ",,35209900176148123\n", 3, "imei", "bad_imei"},
      {ListKind::kStolen, stolen + ",20240231,35209900176149\n", 2, "reporting_date", "bad_date"},
      {ListKind::kStolen, stolen + ",2024-01-01,35209900176149\n", 2, "reporting_date", "bad_date"},
      {ListKind::kStolen, stolen + "pending,20240101,  \n", 3, "imei", "missing_value"},
      {ListKind::kRegistration,
       "approved_imei,make,model,status,model_number,brand_name,device_type,radio_interface,"
       "device_id\n35209900176148,,,,,,,,\n#,a,b,c,d,e,f,g,h\n*1*,a,b,c,d,e,f,g,h\n"
       ",a,b,c,d,e,f,g,h\n",
       1, "approved_imei", "missing_value"},
      {ListKind::kPairing, pairing + "35209900176149,4100112345678901,923001234567\n", 2, "imsi",
       "bad_imsi"},
      {ListKind::kPairing, pairing + "35209900176149,41001123456789x,923001234567\n", 2, "imsi",
       "bad_imsi"},
      {ListKind::kPairing, pairing + "35209900176149,410011234567890,+923001234567\n", 3, "msisdn",
       "bad_msisdn"},
      {ListKind::kPairing, pairing + "35209900176149,410011234567890,\n", 3, "msisdn",
       "missing_value"},
      {ListKind::kPairing, pairing + "35209900176149,,923001234567\n", 2, "imsi", "missing_value"},
      {ListKind::kBarredTac, "tac\n35209900\n3520990\n", 1, "tac", "bad_tac"},
      {ListKind::kBarredTac, "tac\n35209900\n352099001\n", 1, "tac", "bad_tac"},
      {ListKind::kSubscribers, "imsi,uid\n410011234567890,u1\n410011234567890,u_1\n", 2, "uid",
       "bad_uid"},
      {ListKind::kSubscribers, "imsi,uid\n410011234567890,u1\n410011234567890,\n", 2, "uid",
       "missing_value"},
      {ListKind::kAssociation, "uid,imei\nu1,35209900176148\nu2,35209900 176148\n", 2, "imei",
       "bad_imei"},
      {ListKind::kAssociation,
       "uid,imei\nu1,35209900176148\n123456789012345678901,35209900176148\n", 1, "uid", "bad_uid"},
      {ListKind::kMonitoring, "imei\n35209900176148\n3520990017614Z\n", 1, "imei", "bad_imei"},
      {ListKind::kBarred, "imei\n35209900176148\n\"\"\n", 1, "imei", "missing_value"},
      {ListKind::kGolden, "golden_imei\n35209900176148\n1234g\n", 1, "golden_imei", "bad_imei"},
      {ListKind::kGsmaTac, gsma + "m|3520990|x|GSM 900|17-Mar-2015|phone|b\n", 2, "tac", "bad_tac"},
      {ListKind::kGsmaTac, gsma + "m||x|GSM 900|17-Mar-2015|phone|b\n", 2, "tac", "missing_value"},
      {ListKind::kGsmaTac, gsma + "m|35209901|x|GSM 900|2015-03-17|phone|b\n", 5, "allocation_date",
       "bad_date"},
      {ListKind::kGsmaTac, gsma + "m|35209901|x|GSM 900|31-Feb-2015|phone|b\n", 5,
       "allocation_date", "bad_date"},
  };
  for (const BadRow& c : cases) {
    const Parsed parsed = ParseText(c.kind, c.text);
    SCOPED_TRACE(c.text);
    EXPECT_TRUE(parsed.header_ok) << Describe(parsed.errors);
    ASSERT_FALSE(parsed.errors.empty());
    const InputError& e = parsed.errors.back();
    // The registration case has several bad rows; every other case exactly one, on line 3.
    const std::int64_t line = c.kind == ListKind::kRegistration ? 5 : 3;
    EXPECT_EQ(e.line, line) << e.ToString();
    EXPECT_EQ(e.column, c.column) << e.ToString();
    EXPECT_EQ(e.column_name, c.column_name) << e.ToString();
    EXPECT_EQ(e.rule, c.rule) << e.ToString();
    if (c.kind != ListKind::kRegistration) {
      EXPECT_EQ(parsed.errors.size(), 1U);
    }
    EXPECT_EQ(parsed.bad_lines.back(), line);
    EXPECT_EQ(parsed.rows.size(), c.kind == ListKind::kRegistration ? 3U : 1U);
  }
}

TEST(RowParserTest, RegistrationAcceptsMalformedButPatternedImeis) {
  // '#' and '*' are in the accepted input pattern: kept (upper-cased) as imei_norm so that the
  // malformed_imei dimension can report them later.
  const Parsed parsed =
      ParseText(ListKind::kRegistration,
                "approved_imei,make,model,status,model_number,brand_name,"
                "device_type,radio_interface,device_id\n#,,,,,,,,\n*1a*,,,,,,,,\n");
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 2U);
  EXPECT_EQ(parsed.rows[0][0], "#");
  EXPECT_EQ(parsed.rows[1][0], "*1A*");
}

TEST(RowParserTest, RegistrationKeepsTheImeiAsTyped) {
  // imei_norm drops the check digit; approved_imei keeps what the person typed (trimmed), right
  // or wrong, so the bad_check_digit dimension can verify it.
  const Parsed parsed =
      ParseText(ListKind::kRegistration,
                "approved_imei,make,model,status,model_number,brand_name,"
                "device_type,radio_interface,device_id\n"
                "490154203237518,,,,,,,,\n 490154203237517 ,,,,,,,,\n49015420323752,,,,,,,,\n");
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 3U);
  const std::size_t typed = parsed.rows[0].size() - 1;
  ASSERT_EQ(store::SchemaOf(ListKind::kRegistration).columns[typed], "approved_imei");
  EXPECT_EQ(parsed.rows[0][0], "49015420323751");
  EXPECT_EQ(parsed.rows[0][typed], "490154203237518");
  EXPECT_EQ(parsed.rows[1][0], "49015420323751");
  EXPECT_EQ(parsed.rows[1][typed], "490154203237517");
  EXPECT_EQ(parsed.rows[2][typed], "49015420323752");
}

TEST(RowParserTest, ReportsEveryBadFieldOfARow) {
  const Parsed parsed = ParseText(ListKind::kPairing, "imei,imsi,msisdn\nx-1,abc,+1\n");
  ASSERT_EQ(parsed.errors.size(), 3U) << Describe(parsed.errors);
  EXPECT_EQ(parsed.errors[0].rule, "bad_imei");
  EXPECT_EQ(parsed.errors[0].column, 1);
  EXPECT_EQ(parsed.errors[1].rule, "bad_imsi");
  EXPECT_EQ(parsed.errors[1].column, 2);
  EXPECT_EQ(parsed.errors[2].rule, "bad_msisdn");
  EXPECT_EQ(parsed.errors[2].column, 3);
  for (const InputError& e : parsed.errors) EXPECT_EQ(e.line, 2);
}

TEST(RowParserTest, WrongFieldCountIsRefused) {
  const Parsed parsed = ParseText(ListKind::kStolen,
                                  "imei,reporting_date,status\n35209900176148,20240101\n"
                                  "35209900176149,20240101,,\n35209900176150,20240101,\n");
  ASSERT_EQ(parsed.errors.size(), 2U) << Describe(parsed.errors);
  EXPECT_EQ(parsed.errors[0].line, 2);
  EXPECT_EQ(parsed.errors[0].column, 0);
  EXPECT_EQ(parsed.errors[0].rule, "wrong_field_count");
  EXPECT_EQ(parsed.errors[1].line, 3);
  EXPECT_EQ(parsed.errors[1].rule, "wrong_field_count");
  ASSERT_EQ(parsed.rows.size(), 1U);
  EXPECT_EQ(parsed.rows[0][0], "35209900176150");
}

TEST(RowParserTest, LineIsWhereAMultiLineRecordStarts) {
  const Parsed parsed = ParseText(ListKind::kStolen,
                                  "imei,reporting_date,status\n35209900176148,20240101,\"a\nb\"\n"
                                  "35209900176149,2024,x\n");
  ExpectOneError(parsed, 4, 2, "reporting_date", "bad_date");
  ASSERT_EQ(parsed.rows.size(), 1U);
  EXPECT_EQ(parsed.rows[0][2], "a\nb");
}

// --- Delta mode ------------------------------------------------------------------------------

TEST(RowParserTest, DeltaModeReadsChangeTypeAnywhere) {
  const Parsed parsed = ParseText(ListKind::kStolen,
                                  "Change_Type,imei,reporting_date,status\n"
                                  "add,35209900176148,,\n REMOVE ,35209900176149,,\n"
                                  "update,35209900176150,20240101,pending\n",
                                  RowParserOptions{.delta = true});
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 3U);
  EXPECT_EQ(parsed.changes,
            (std::vector<ChangeType>{ChangeType::kAdd, ChangeType::kRemove, ChangeType::kUpdate}));
  EXPECT_EQ(parsed.rows[2], (ListRow{"35209900176150", "20240101", "pending"}));
}

TEST(RowParserTest, DeltaModeRefusesBadChangeTypes) {
  const RowParserOptions delta{.delta = true};
  Parsed parsed = ParseText(ListKind::kBarred, "imei,change_type\n35209900176148,delete\n", delta);
  ExpectOneError(parsed, 2, 2, "change_type", "bad_change_type");

  parsed = ParseText(ListKind::kBarred, "imei,change_type\n35209900176148,\n", delta);
  ExpectOneError(parsed, 2, 2, "change_type", "missing_value");

  // update only for the stolen and registration lists.
  for (ListKind kind : {ListKind::kBarred, ListKind::kMonitoring}) {
    parsed = ParseText(kind, "change_type,imei\nupdate,35209900176148\n", delta);
    ExpectOneError(parsed, 2, 1, "change_type", "bad_change_type");
  }
  parsed = ParseText(ListKind::kRegistration,
                     "approved_imei,make,model,status,model_number,brand_name,device_type,"
                     "radio_interface,device_id,change_type\n35209900176148,,,,,,,,,update\n",
                     delta);
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.changes.size(), 1U);
  EXPECT_EQ(parsed.changes[0], ChangeType::kUpdate);
}

TEST(RowParserTest, DeltaGsmaChangeTypeIsNotAnExtraColumn) {
  const Parsed parsed = ParseText(ListKind::kGsmaTac,
                                  "tac|manufacturer|bands|allocation_date|model_name|device_type|"
                                  "change_type|nfc\n35209900|x|LTE|1-Jan-2020|m|d|add|Y\n",
                                  RowParserOptions{.delta = true});
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 1U);
  EXPECT_EQ(parsed.changes[0], ChangeType::kAdd);
  EXPECT_EQ(parsed.rows[0][7], R"({"nfc":"Y"})");
}

// --- GSMA TAC database --------------------------------------------------------------------

TEST(RowParserTest, GsmaKeepsExtraColumnsAsSortedJson) {
  const Parsed parsed =
      ParseText(ListKind::kGsmaTac,
                "Marketing_Name|TAC|Manufacturer|Bands|Allocation_Date|Model_Name|Device_Type|NFC|"
                "Brand_Name\n"
                "Galaxy\\S|35209900|Samsung|GSM 900,WCDMA FDD Band I,NR SA n78|01-Jan-2020|SM-1|"
                "Smartphone| Yes |Samsung\n");
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 1U);
  const ListRow& row = parsed.rows[0];
  EXPECT_EQ(row[0], "35209900");
  EXPECT_EQ(row[3], "20200101");
  EXPECT_EQ(row[6], "2G|3G|5G");
  EXPECT_EQ(row[7], R"({"brand_name":"Samsung","marketing_name":"Galaxy\\S","nfc":"Yes"})");
}

TEST(RowParserTest, GsmaDuplicateExtraColumnIsRefused) {
  const Parsed parsed = ParseText(ListKind::kGsmaTac,
                                  "tac|manufacturer|bands|allocation_date|model_name|device_type|"
                                  "nfc|NFC\n35209900|x|||m|d|Y|N\n");
  EXPECT_FALSE(parsed.header_ok);
  ExpectOneError(parsed, 1, 8, "nfc", "duplicate_column");
}

TEST(RowParserTest, GsmaEmptyOptionalFieldsAreKeptEmpty) {
  const Parsed parsed = ParseText(ListKind::kGsmaTac,
                                  "tac|manufacturer|bands|allocation_date|model_name|device_type\n"
                                  "35209900|||||\n");
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 1U);
  EXPECT_EQ(parsed.rows[0], (ListRow{"35209900", "", "", "", "", "", "", ""}));
}

// --- Golden list: plain and pre-hashed ----------------------------------------------------

TEST(RowParserTest, GoldenPlainValuesAreHashedFromImeiNorm) {
  const Parsed parsed =
      ParseText(ListKind::kGolden, "golden_imei\n352099001761481\n35209900176148\nabc*#\n");
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 3U);
  EXPECT_EQ(parsed.rows[0][0], "2a696780b6ee5b472ef01510f60cc040");
  EXPECT_EQ(parsed.rows[1][0], "2a696780b6ee5b472ef01510f60cc040");
  EXPECT_EQ(parsed.rows[2][0], "9c40657abd34442c9537bfc1f5a7bae5");
}

TEST(RowParserTest, GoldenPreHashedIsDetectedFromTheFirstValue) {
  const Parsed parsed = ParseText(ListKind::kGolden,
                                  "golden_imei\n\n2A696780B6EE5B472EF01510F60CC040\n"
                                  "ae248bb2a77e470cb92d8e69e5f5affc\n");
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 2U);
  EXPECT_EQ(parsed.rows[0][0], "2a696780b6ee5b472ef01510f60cc040");  // not hashed again
  EXPECT_EQ(parsed.rows[1][0], "ae248bb2a77e470cb92d8e69e5f5affc");
}

TEST(RowParserTest, GoldenFileMixingPlainAndHashedIsRefused) {
  Parsed parsed = ParseText(ListKind::kGolden,
                            "golden_imei\n2a696780b6ee5b472ef01510f60cc040\n35209900176148\n");
  ExpectOneError(parsed, 3, 1, "golden_imei", "bad_golden_hash");
  EXPECT_NE(parsed.errors[0].message.find("pre-hashed"), std::string::npos);

  parsed = ParseText(ListKind::kGolden,
                     "golden_imei\n35209900176148\n2a696780b6ee5b472ef01510f60cc040\n");
  ExpectOneError(parsed, 3, 1, "golden_imei", "bad_imei");
  EXPECT_NE(parsed.errors[0].message.find("plain"), std::string::npos);
}

TEST(RowParserTest, GoldenDeclaredPreHashedRefusesPlainImeis) {
  const RowParserOptions prehashed{.golden_prehashed = true};
  Parsed parsed = ParseText(ListKind::kGolden, "golden_imei\n35209900176148\n", prehashed);
  ExpectOneError(parsed, 2, 1, "golden_imei", "bad_golden_hash");

  parsed =
      ParseText(ListKind::kGolden, "golden_imei\nD41D8CD98F00B204E9800998ECF8427E\n", prehashed);
  EXPECT_TRUE(parsed.errors.empty()) << Describe(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 1U);
  EXPECT_EQ(parsed.rows[0][0], "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(RowParserTest, GoldenEmptyValueIsMissing) {
  const Parsed parsed = ParseText(ListKind::kGolden, "golden_imei\n\" \"\n");
  ExpectOneError(parsed, 2, 1, "golden_imei", "missing_value");
}

// The fuzz seeds (first byte = list and mode, as list_row_fuzz.cc reads it) are good files,
// except those named *_bad: so the fuzzer starts from inputs that reach every field rule.
TEST(RowParserTest, FuzzSeedCorpusFilesAreGood) {
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(OPENCEIR_LIST_ROW_CORPUS)) {
    const std::string name = entry.path().filename().string();
    if (name.size() >= 4 && name.substr(name.size() - 4) == "_bad") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string data = bytes.str();
    ASSERT_FALSE(data.empty()) << name;
    const auto selector = static_cast<unsigned char>(data[0]);
    const ListKind kind = store::AllListSchemas()[(selector & 0x0fU) % 10].kind;
    RowParserOptions options;
    options.delta = (selector & 0x10U) != 0;
    options.golden_prehashed = (selector & 0x20U) != 0;
    const Parsed parsed = ParseText(kind, data.substr(1), options);
    EXPECT_TRUE(parsed.header_ok) << name << Describe(parsed.errors);
    EXPECT_TRUE(parsed.errors.empty()) << name << Describe(parsed.errors);
    EXPECT_FALSE(parsed.rows.empty()) << name;
    ++seeds;
  }
  EXPECT_GE(seeds, 10);
}

}  // namespace
}  // namespace openceir::ingest
