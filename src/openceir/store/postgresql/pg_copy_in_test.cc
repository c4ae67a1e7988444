// PgCopyIn against a real server: a million rows, awkward values, bad rows and lost connections.
#include "openceir/store/postgresql/pg_copy_in.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <optional>

#include "openceir/store/postgresql/pg_test_util.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store::postgresql {
namespace {

using testing::QueryValue;

constexpr std::array<std::string_view, 6> kTripletColumns = {"seq",    "imei_norm", "imsi",
                                                             "msisdn", "date",      "rat"};

class PgCopyInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> dsn = testing::FreshDatabase();
    ASSERT_TRUE(dsn.ok()) << dsn.status().ToString();
    dsn_ = *dsn;
    auto connection = PgConnection::Open(dsn_);
    ASSERT_TRUE(connection.ok()) << connection.status().ToString();
    db_ = std::move(*connection);
    ASSERT_TRUE(db_->ExecScript("CREATE TABLE triplet (seq bigint, imei_norm text, imsi text,"
                                " msisdn text, date integer, rat integer)")
                    .ok());
  }

  // The row number `seq` of a deterministic month of triplets.
  static void AddTriplet(PgCopyIn& copy, std::int64_t seq) {
    copy.AddInt64(seq);
    copy.AddText(fmt::format("{:014d}", 35000000000000 + seq * 7919 % 100000000));
    copy.AddText(fmt::format("{:015d}", 310150000000000 + seq));
    copy.AddText(fmt::format("{:012d}", 491700000000 + seq % 5000000));
    copy.AddInt64(20261101 + seq % 30);
    copy.AddInt64(seq % 4);
  }

  std::string dsn_;
  std::unique_ptr<PgConnection> db_;
};

TEST_F(PgCopyInTest, CopiesAMillionRowsExactly) {
  constexpr std::int64_t kRows = 1'000'000;
  auto copy = PgCopyIn::Start(db_.get(), "triplet", kTripletColumns);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  for (std::int64_t seq = 0; seq < kRows; ++seq) {
    AddTriplet(*copy, seq);
    ASSERT_TRUE(copy->EndRow().ok());
  }
  auto rows = copy->Finish();
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, kRows);

  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM triplet"), "1000000");
  std::int64_t date_sum = 0;
  for (std::int64_t seq = 0; seq < kRows; ++seq) date_sum += 20261101 + seq % 30;
  EXPECT_EQ(QueryValue(*db_, "SELECT sum(date) FROM triplet"), std::to_string(date_sum));
  EXPECT_EQ(QueryValue(*db_, "SELECT sum(rat) FROM triplet"), "1500000");
  EXPECT_EQ(QueryValue(*db_, "SELECT count(DISTINCT imsi) FROM triplet"), "1000000");
  // Every 9973rd row read back field by field.
  ASSERT_TRUE(db_->Prepare("sample",
                           "SELECT seq, imei_norm, imsi, msisdn, date, rat FROM triplet"
                           " WHERE seq % 9973 = 0 ORDER BY seq")
                  .ok());
  auto sample = db_->Execute("sample", {}, PgFormat::kBinary);
  ASSERT_TRUE(sample.ok()) << sample.status().ToString();
  ASSERT_EQ(sample->rows(), 101);
  for (int row = 0; row < sample->rows(); ++row) {
    const std::int64_t seq = *sample->Int64(row, 0);
    ASSERT_EQ(seq, row * 9973);
    EXPECT_EQ(sample->Text(row, 1),
              fmt::format("{:014d}", 35000000000000 + seq * 7919 % 100000000));
    EXPECT_EQ(sample->Text(row, 2), fmt::format("{:015d}", 310150000000000 + seq));
    EXPECT_EQ(sample->Text(row, 3), fmt::format("{:012d}", 491700000000 + seq % 5000000));
    EXPECT_EQ(*sample->Int64(row, 4), 20261101 + seq % 30);
    EXPECT_EQ(*sample->Int64(row, 5), seq % 4);
  }
}

TEST_F(PgCopyInTest, AwkwardValuesArriveUnchanged) {
  // Every byte COPY's text format gives a meaning to, alone and mixed, and NULL against "".
  const std::vector<std::optional<std::string>> values = {
      "",
      std::nullopt,
      "\\",
      "\\N",
      "N",
      "\\.",
      ".",
      "a\tb",
      "\t",
      "line1\nline2",
      "\n",
      "cr\rlf\r\n",
      "\\t is not a tab",
      "trailing backslash\\",
      "  spaces  ",
      "Zoë 東京 ☎ 🙂",
      "'single' \"double\" ,comma; semicolon|pipe",
      "\x01\x02\x1f control",
  };
  ASSERT_TRUE(db_->ExecScript("CREATE TABLE awkward (id integer, value text)").ok());
  constexpr std::array<std::string_view, 2> kColumns = {"id", "value"};
  auto copy = PgCopyIn::Start(db_.get(), "awkward", kColumns);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  for (std::size_t i = 0; i < values.size(); ++i) {
    copy->AddInt64(static_cast<std::int64_t>(i));
    if (values[i]) {
      copy->AddText(*values[i]);
    } else {
      copy->AddNull();
    }
    ASSERT_TRUE(copy->EndRow().ok());
  }
  auto rows = copy->Finish();
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, static_cast<std::int64_t>(values.size()));

  ASSERT_TRUE(db_->Prepare("all", "SELECT id, value FROM awkward ORDER BY id").ok());
  auto read = db_->Execute("all");
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->rows(), static_cast<int>(values.size()));
  for (int row = 0; row < read->rows(); ++row) {
    const auto& expected = values[static_cast<std::size_t>(row)];
    EXPECT_EQ(*read->Int64(row, 0), row);
    EXPECT_EQ(read->IsNull(row, 1), !expected.has_value()) << "row " << row;
    if (expected) {
      EXPECT_EQ(read->Text(row, 1), *expected) << "row " << row;
    }
  }
}

TEST_F(PgCopyInTest, BadRowIsReportedAtFinishAndNothingIsStored) {
  auto copy = PgCopyIn::Start(db_.get(), "triplet", kTripletColumns);
  ASSERT_TRUE(copy.ok());
  for (std::int64_t seq = 0; seq < 1000; ++seq) {
    AddTriplet(*copy, seq);
    ASSERT_TRUE(copy->EndRow().ok());
  }
  for (std::string_view field : {"1", "35000000000001", "310150000000001", "491700000001"}) {
    copy->AddText(field);
  }
  copy->AddText("2026-11-01");  // not an integer
  copy->AddInt64(1);
  ASSERT_TRUE(copy->EndRow().ok());
  auto rows = copy->Finish();
  EXPECT_EQ(rows.status().code(), StatusCode::kInvalidInput) << rows.status().ToString();
  EXPECT_EQ(SqlStateOf(rows.status()), "22P02");
  EXPECT_NE(rows.status().message().find("2026-11-01"), std::string::npos)
      << rows.status().message();
  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM triplet"), "0");
}

TEST_F(PgCopyInTest, RowOfTheWrongWidthIsRefused) {
  auto copy = PgCopyIn::Start(db_.get(), "triplet", kTripletColumns);
  ASSERT_TRUE(copy.ok());
  copy->AddInt64(1);
  EXPECT_EQ(copy->EndRow().code(), StatusCode::kInternal);
}

TEST_F(PgCopyInTest, UnknownTableFailsAtStart) {
  auto copy = PgCopyIn::Start(db_.get(), "no_such_table", kTripletColumns);
  EXPECT_EQ(SqlStateOf(copy.status()), "42P01") << copy.status().ToString();
  EXPECT_EQ(QueryValue(*db_, "SELECT 1"), "1") << "the connection is usable again";
}

TEST_F(PgCopyInTest, DroppedWriterAbortsTheCopy) {
  {
    auto copy = PgCopyIn::Start(db_.get(), "triplet", kTripletColumns);
    ASSERT_TRUE(copy.ok());
    for (std::int64_t seq = 0; seq < 50'000; ++seq) {
      AddTriplet(*copy, seq);
      ASSERT_TRUE(copy->EndRow().ok());
    }
  }
  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM triplet"), "0");
}

TEST_F(PgCopyInTest, KilledBackendMidCopyFailsAsConnectionLostAndStoresNothing) {
  auto admin = PgConnection::Open(dsn_);
  ASSERT_TRUE(admin.ok());
  auto transaction = PgTransaction::Begin(db_.get());
  ASSERT_TRUE(transaction.ok());
  auto copy = PgCopyIn::Start(db_.get(), "triplet", kTripletColumns);
  ASSERT_TRUE(copy.ok());
  // Several MiB: the server has received and stored rows when its backend is killed.
  std::int64_t seq = 0;
  for (; seq < 200'000; ++seq) {
    AddTriplet(*copy, seq);
    ASSERT_TRUE(copy->EndRow().ok());
  }
  ASSERT_TRUE(testing::TerminateBackend(**admin, *db_));

  // The writer notices when it next sends, or at the latest at Finish.
  Status failed;
  for (; seq < 400'000 && failed.ok(); ++seq) {
    AddTriplet(*copy, seq);
    failed = copy->EndRow();
  }
  if (failed.ok()) failed = copy->Finish().status();
  EXPECT_EQ(failed.code(), StatusCode::kUnavailable) << failed.ToString();
  EXPECT_FALSE(db_->connected());
  EXPECT_EQ(QueryValue(**admin, "SELECT count(*) FROM triplet"), "0");
}

}  // namespace
}  // namespace openceir::store::postgresql
