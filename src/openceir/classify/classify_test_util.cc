#include "openceir/classify/classify_test_util.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <tuple>

#include "openceir/classify/dimension_factory.h"
#include "openceir/identifiers/rat.h"

namespace openceir::classify::testing {

Date D(int yyyymmdd) {
  auto date = DateFromCivil(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
  if (!date) std::abort();
  return *date;
}

std::vector<Date> Days(Date first, int count) {
  std::vector<Date> days;
  for (int i = 0; i < count; ++i) days.push_back(Date{first.days + i});
  return days;
}

config::RegionConfig TestRegion() {
  config::RegionConfig region;
  region.name = "Testland";
  region.country_codes = {"92"};
  region.mccs = {"410"};
  region.operators = {{"op1", "Operator One", {"41001"}}, {"op2", "Operator Two", {"41002"}}};
  region.exempted_device_types = {"Module"};
  return region;
}

std::unique_ptr<ClassifyContext> NewContext(Date curr_date) {
  auto context = std::make_unique<ClassifyContext>(curr_date);
  if (!context->SetRegion(TestRegion()).ok()) std::abort();
  return context;
}

SummaryMaker::SummaryMaker(std::string imei_norm, store::DateWindow window, Date first_seen_ever)
    : imei_norm_(std::move(imei_norm)), window_(window), first_seen_ever_(first_seen_ever) {}

SummaryMaker& SummaryMaker::Seen(const std::string& op, const std::string& imsi,
                                 const std::string& msisdn, const std::vector<Date>& days,
                                 store::RatMask rat_mask, std::uint8_t imsi_class) {
  std::map<store::MonthIndex, store::TripletMonth> by_month;
  for (Date day : days) {
    const store::MonthIndex month = store::MonthOf(day);
    auto [it, fresh] = by_month.try_emplace(month);
    store::TripletMonth& t = it->second;
    if (fresh) {
      t.operator_id = op;
      t.month = month;
      t.imei_norm = imei_norm_;
      t.imsi = imsi;
      t.msisdn = msisdn;
      t.first_seen = day;
      t.last_seen = day;
      t.rat_mask = rat_mask;
      t.imsi_class = imsi_class;
    }
    t.first_seen = std::min(t.first_seen, day);
    t.last_seen = std::max(t.last_seen, day);
    t.day_mask |= store::DayMask{1} << (day.days - store::FirstDayOf(month).days);
  }
  for (auto& [month, triplet] : by_month) triplets_.push_back(triplet);
  return *this;
}

store::ImeiSummary SummaryMaker::Make() const {
  store::ImeiSummaryBuilder builder(window_);
  builder.Start(imei_norm_, first_seen_ever_);
  for (const store::TripletMonth& triplet : triplets_) builder.Add(triplet);
  if (!builder.any()) {
    std::fprintf(stderr, "SummaryMaker: no sighting inside the window\n");
    std::abort();
  }
  return builder.Finish();
}

std::unique_ptr<Dimension> MustMake(const std::string& module,
                                    std::map<std::string, std::string> parameters) {
  config::DimensionConfig config;
  config.module = module;
  config.parameters = std::move(parameters);
  auto made = MakeDimension(config);
  if (!made.ok()) {
    std::fprintf(stderr, "MakeDimension(%s): %s\n", module.c_str(),
                 made.status().ToString().c_str());
    std::abort();
  }
  return std::move(made).value();
}

DimensionOutcome EvaluateOn(const Dimension& dimension, const ClassifyContext& context,
                            const store::ImeiSummary* summary, const std::string& imei_norm) {
  ImeiFacts facts = ImeiFacts::Of(imei_norm, summary);
  DimensionOutcome outcome;
  dimension.Evaluate(context, facts, &outcome);
  return outcome;
}

}  // namespace openceir::classify::testing
