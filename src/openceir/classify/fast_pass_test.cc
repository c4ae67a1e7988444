// record_evidence = false (the fast first pass) decides exactly as a full evaluation, for every
// module on a mix of IMEIs, and records nothing.
#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"
#include "openceir/config/dimension_modules.h"
#include "openceir/identifiers/rat.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::Days;
using testing::MustMake;
using testing::SummaryMaker;

std::map<std::string, std::string> Params(std::string_view module) {
  if (module == "duplicate_threshold") return {{"threshold", "2"}, {"period_days", "30"}};
  if (module == "duplicate_daily_avg" || module == "daily_avg_uid") {
    return {{"threshold", "1.5"}, {"period_days", "30"}, {"min_seen_days", "2"}};
  }
  if (module.substr(0, 8) == "used_by_") return {{"lookback_days", "30"}};
  if (module == "transient_imei") return {{"period", "30"}, {"num_msisdns", "1"}};
  return {};
}

TEST(FastPassTest, DecidesAsTheFullEvaluation) {
  const Date curr = D(20261101);
  const store::DateWindow window = WindowOfDays(curr, 30);
  auto context = testing::NewContext(curr);
  context->AddGsmaTac("35000001", "Acme", "Feature", "Feature phone", "2G", "20200101");
  context->AddGsmaTac("35000002", "Acme", "Meter", "Module", "2G", "20200101");
  context->AddStolen("35000001000001", "20260101", "");
  context->AddRegistration("35000001000002", "", "Module");
  context->AddSubscriber("UID-1", "410010000000001");
  context->AddBarredTac("35000002");
  context->Finish();
  const store::RatMask lte = identifiers::ParseRatList("006").value();
  std::vector<store::ImeiSummary> summaries = {
      SummaryMaker("35000001000001", window, D(20260101))
          .Seen("op1", "410010000000001", "923001000000", Days(window.first, 20), lte)
          .Seen("op2", "410020000000002", "923001000001", Days(window.first, 20), lte)
          .Make(),
      SummaryMaker("35000001000002", window, D(20260101))
          .Seen("op1", "410010000000003", "923001000010", Days(window.first, 5))
          .Make(),
      SummaryMaker("35000002000001", window, D(20260101))
          .Seen("op1", "410010000000001", "923001000020", Days(window.first, 30))
          .Seen("op1", "410010000000005", "923001000021", Days(window.first, 30))
          .Make(),
      SummaryMaker("35ABCDEF000001", window, D(20260101))
          .Seen("op1", "410010000000006", "923001000030", Days(window.first, 3), lte,
                store::kImsiInboundRoamer)
          .Make(),
  };
  int matches = 0;
  for (const config::ModuleSpec& module : config::KnownModules()) {
    if (module.name == "not_type_approved" || module.name == "reported_by_peer") continue;
    auto dimension = MustMake(std::string(module.name), Params(module.name));
    for (const store::ImeiSummary& summary : summaries) {
      const ImeiFacts facts = ImeiFacts::Of(summary.imei_norm, &summary);
      DimensionOutcome full;
      dimension->Evaluate(*context, facts, &full);
      DimensionOutcome fast;
      fast.record_evidence = false;
      dimension->Evaluate(*context, facts, &fast);
      EXPECT_EQ(fast.matched, full.matched) << module.name << " " << summary.imei_norm;
      EXPECT_TRUE(fast.evidence.empty()) << module.name;
      EXPECT_FALSE(full.evidence.empty()) << module.name;
      matches += full.matched;
    }
  }
  EXPECT_GT(matches, 10);  // the mix makes many modules match, so the comparison means something
}

}  // namespace
}  // namespace openceir::classify
