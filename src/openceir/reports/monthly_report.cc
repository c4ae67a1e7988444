#include "openceir/reports/monthly_report.h"

#include <fmt/format.h>

#include <map>

#include "openceir/reports/report_period.h"
#include "openceir/store/daily_sketches.h"

namespace openceir::reports {
namespace {

// Every day of the window, zeros where nothing was reported.
std::vector<DailyFigures> EmptyDays(store::DateWindow window) {
  std::vector<DailyFigures> days(static_cast<std::size_t>(window.days()));
  for (std::size_t i = 0; i < days.size(); ++i) {
    days[i].day = Date{window.first.days + static_cast<std::int32_t>(i)};
  }
  return days;
}

// The operators' daily figures, and the country's from their merged sketches (an IMSI roaming
// between two operators on one day counts once).
Status ScanDaily(store::ObservationStore& observations, store::DateWindow window,
                 const std::vector<config::OperatorConfig>& operators,
                 std::vector<DailyFigures>* country,
                 std::vector<std::vector<DailyFigures>>* per_op) {
  *country = EmptyDays(window);
  std::map<std::int32_t, store::DailySketches> merged;
  for (const config::OperatorConfig& op : operators) {
    std::vector<DailyFigures> days = EmptyDays(window);
    OPENCEIR_RETURN_IF_ERROR(
        observations.ScanDailyCounts(op.id, window, [&](const store::DailyCounts& counts) {
          if (counts.day < window.first || counts.day > window.last) return Status::Ok();
          DailyFigures& day = days[static_cast<std::size_t>(counts.day.days - window.first.days)];
          day.rows += counts.rows;
          day.imeis += counts.imeis;
          day.imsis += counts.imsis;
          day.msisdns += counts.msisdns;
          day.triplets += counts.triplets;
          (*country)[static_cast<std::size_t>(counts.day.days - window.first.days)].rows +=
              counts.rows;
          OPENCEIR_ASSIGN_OR_RETURN(store::DailySketches sketches,
                                    store::DailySketches::Deserialize(counts.sketches));
          auto [it, inserted] = merged.try_emplace(counts.day.days, std::move(sketches));
          if (!inserted) it->second.Merge(sketches);
          return Status::Ok();
        }));
    per_op->push_back(std::move(days));
  }
  for (const auto& [day, sketches] : merged) {
    store::DailyCounts counts;
    sketches.FillCounts(&counts);
    DailyFigures& figures = (*country)[static_cast<std::size_t>(day - window.first.days)];
    figures.imeis = counts.imeis;
    figures.imsis = counts.imsis;
    figures.msisdns = counts.msisdns;
    figures.triplets = counts.triplets;
  }
  return Status::Ok();
}

// Folds one operator's triplets (in imei_norm order) into per-IMEI summaries.
Status ScanOperatorSummaries(store::ObservationStore& observations, const std::string& operator_id,
                             store::DateWindow window, MonthlyAggregator* aggregator) {
  store::ImeiSummaryBuilder builder(window);
  std::string current;
  auto flush = [&]() {
    if (!current.empty() && builder.any()) aggregator->Add(builder.Finish());
  };
  OPENCEIR_RETURN_IF_ERROR(
      observations.ScanTriplets(operator_id, window, [&](const store::TripletMonth& triplet) {
        if (triplet.imei_norm != current) {
          flush();
          current = triplet.imei_norm;
          builder.Start(current, Date{});
        }
        builder.Add(triplet);
        return Status::Ok();
      }));
  flush();
  return Status::Ok();
}

}  // namespace

Result<MonthlyReport> BuildMonthlyReport(store::RegistryStore& registry,
                                         store::ObservationStore& observations,
                                         const MonthlyReportRequest& request) {
  MonthlyReport report;
  report.month = request.month;
  report.year = request.year;
  report.region_name = request.region_name;
  OPENCEIR_ASSIGN_OR_RETURN(report.window, MonthWindow(request.month, request.year));
  OPENCEIR_ASSIGN_OR_RETURN(report.run, ChooseRun(registry, report.window, request.run));

  ComplianceIndex compliance;
  if (report.run) {
    OPENCEIR_ASSIGN_OR_RETURN(compliance, ComplianceIndex::Load(registry, *report.run));
  }
  OPENCEIR_ASSIGN_OR_RETURN(ModelCatalog models, ModelCatalog::Load(registry));

  std::vector<DailyFigures> country_days;
  std::vector<std::vector<DailyFigures>> operator_days;
  OPENCEIR_RETURN_IF_ERROR(
      ScanDaily(observations, report.window, request.operators, &country_days, &operator_days));

  MonthlyAggregator country("", &compliance, &models, request.top_models);
  OPENCEIR_RETURN_IF_ERROR(
      observations.ScanImeiSummaries(report.window, [&](const store::ImeiSummary& summary) {
        country.Add(summary);
        return Status::Ok();
      }));
  report.country = country.Finish(std::move(country_days));

  for (std::size_t i = 0; i < request.operators.size(); ++i) {
    const config::OperatorConfig& op = request.operators[i];
    MonthlyAggregator aggregator(op.id, &compliance, &models, request.top_models);
    OPENCEIR_RETURN_IF_ERROR(
        ScanOperatorSummaries(observations, op.id, report.window, &aggregator));
    report.operators.push_back(aggregator.Finish(std::move(operator_days[i])));
    report.operator_names.push_back(op.name.empty() ? op.id : op.name);
  }
  return report;
}

std::string MonthlyReportBaseName(const MonthlyReport& report) {
  return fmt::format("monthly_report_{:04}_{:02}", report.year, report.month);
}

}  // namespace openceir::reports
