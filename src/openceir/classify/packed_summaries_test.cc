// PackedSummaries: what is unpacked equals what was packed, field by field, also into summaries
// that held a bigger or smaller IMEI before (their buffers reused).
#include "openceir/classify/packed_summaries.h"

#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::Days;
using testing::SummaryMaker;

void ExpectSameSummary(const store::ImeiSummary& got, const store::ImeiSummary& want) {
  EXPECT_EQ(got.imei_norm, want.imei_norm);
  EXPECT_EQ(got.first_seen.days, want.first_seen.days);
  EXPECT_EQ(got.last_seen.days, want.last_seen.days);
  EXPECT_EQ(got.first_seen_ever.days, want.first_seen_ever.days);
  EXPECT_EQ(got.days_seen, want.days_seen);
  EXPECT_EQ(got.imsi_days, want.imsi_days);
  EXPECT_EQ(got.distinct_imsis, want.distinct_imsis);
  EXPECT_EQ(got.distinct_msisdns, want.distinct_msisdns);
  EXPECT_EQ(got.rat_mask, want.rat_mask);
  EXPECT_EQ(got.imsi_classes, want.imsi_classes);
  EXPECT_EQ(got.operators, want.operators);
  EXPECT_EQ(got.msisdns, want.msisdns);
  ASSERT_EQ(got.imsis.size(), want.imsis.size());
  for (std::size_t i = 0; i < want.imsis.size(); ++i) {
    EXPECT_EQ(got.imsis[i].imsi, want.imsis[i].imsi) << i;
    EXPECT_EQ(got.imsis[i].days, want.imsis[i].days) << i;
    EXPECT_EQ(got.imsis[i].days_seen, want.imsis[i].days_seen) << i;
  }
}

TEST(PackedSummariesTest, UnpacksWhatWasPackedIntoReusedSummaries) {
  const store::DateWindow wide{D(20260803), D(20261031)};  // 90 days: two day words
  const store::DateWindow narrow{D(20261002), D(20261031)};
  // A cloned IMEI (five SIMs, two operators) seen in both windows, one seen only before the
  // narrow window, one with a single SIM and no MSISDN, and the clone again after them.
  auto make = [](const std::string& imei, store::DateWindow window, int sims) {
    SummaryMaker maker(imei, window, D(20250101));
    for (int i = 0; i < sims; ++i) {
      maker.Seen(i % 2 == 0 ? "op1" : "op2", "41001000000" + std::to_string(1000 + i),
                 sims == 1 ? "" : std::to_string(923001000000 + i),
                 Days(D(20260925 + i), 20 + 10 * i), i == 0 ? 4 : 8,
                 static_cast<std::uint8_t>(1 << (i % 3)));
    }
    return maker.Make();
  };
  const store::ImeiSummary clone_wide = make("35000000000001", wide, 5);
  const store::ImeiSummary clone_narrow = make("35000000000001", narrow, 5);
  const store::ImeiSummary early_wide = [] {
    SummaryMaker maker("35000000000002", {D(20260803), D(20261031)}, D(20260805));
    maker.Seen("op1", "410010000000001", "923000000001", Days(D(20260805), 10));
    return maker.Make();
  }();
  const store::ImeiSummary single_narrow = make("35000000000003", narrow, 1);
  const store::ImeiSummary single_wide = make("35000000000003", wide, 1);

  PackedSummaries packed;
  const std::vector<std::vector<const store::ImeiSummary*>> imeis = {{&clone_wide, &clone_narrow},
                                                                     {&early_wide, nullptr},
                                                                     {&single_wide, &single_narrow},
                                                                     {&clone_wide, &clone_narrow}};
  for (const auto& summaries : imeis) packed.Append(summaries);
  ASSERT_EQ(packed.size(), imeis.size());

  std::vector<store::ImeiSummary> out(2);
  bool present[2] = {};
  std::vector<store::ImsiSeen> spare;
  for (std::size_t i = 0; i < imeis.size(); ++i) {
    SCOPED_TRACE(i);
    const std::string_view imei_norm = packed.Unpack(i, out, present, &spare);
    const store::ImeiSummary& first = *imeis[i][0];
    EXPECT_EQ(imei_norm, first.imei_norm);
    for (std::size_t w = 0; w < 2; ++w) {
      ASSERT_EQ(present[w], imeis[i][w] != nullptr) << w;
      if (present[w]) ExpectSameSummary(out[w], *imeis[i][w]);
    }
  }

  packed.Clear();
  EXPECT_EQ(packed.size(), 0u);
  packed.Append(imeis[1]);
  EXPECT_EQ(packed.Unpack(0, out, present, &spare), "35000000000002");
  EXPECT_TRUE(present[0]);
  EXPECT_FALSE(present[1]);
  ExpectSameSummary(out[0], early_wide);
}

}  // namespace
}  // namespace openceir::classify
