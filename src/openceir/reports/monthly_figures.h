// The figures of a monthly report, for the country or one operator, and the streamed
// aggregation that computes them from per-IMEI summaries.
//
// MonthlyAggregator takes one ImeiSummary at a time (in any order; the scans give imei_norm
// order) and keeps only counters: per-IMSI and per-MSISDN tables (identifier_counts.h), a count
// per model and per condition. Never a triplet or summary beyond the current one.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/reports/compliance_index.h"
#include "openceir/reports/identifier_counts.h"
#include "openceir/reports/model_catalog.h"
#include "openceir/store/imei_summary.h"
#include "openceir/store/observation_types.h"

namespace openceir::reports {

// Histogram buckets: 0 .. kHistogramBuckets - 2 exactly, the last "kHistogramBuckets - 1 or
// more".
inline constexpr int kHistogramBuckets = 11;
using Histogram = std::array<std::int64_t, kHistogramBuckets>;
// "0", "1", ... "9", "10+".
std::string HistogramLabel(int bucket);

// Distinct identifiers one operator (or the country, merged from the operators' sketches)
// reported on one day: HyperLogLog estimates (~1.6% error), `rows` exact.
struct DailyFigures {
  Date day;
  std::int64_t rows = 0;
  std::int64_t imeis = 0;
  std::int64_t imsis = 0;
  std::int64_t msisdns = 0;
  std::int64_t triplets = 0;
};

struct ComplianceFigures {
  std::array<std::int64_t, kComplianceKinds> imeis{};
  // IMEI-IMSI pairs (the subscribers affected), by the IMEI's compliance.
  std::array<std::int64_t, kComplianceKinds> imei_imsi_pairs{};
};

struct ConditionFigures {
  std::string label;
  std::string reason;
  bool blocking = true;
  std::int64_t imeis = 0;     // IMEIs seen in the month that match it
  std::int64_t notified = 0;  // ... whose block date for it is still ahead (blocking only)
  std::int64_t blocked = 0;   // ... whose block date for it is due (blocking only)
  std::int64_t imei_imsi_pairs = 0;
};

struct ModelFigures {
  std::string brand;
  std::string model;
  std::int64_t imeis = 0;
};

struct ScopeFigures {
  std::string operator_id;  // "" = the whole country
  std::vector<DailyFigures> daily;
  // Exact distinct counts over the month.
  std::int64_t imeis = 0;
  std::int64_t imsis = 0;
  std::int64_t msisdns = 0;
  std::int64_t imei_imsi_pairs = 0;
  ComplianceFigures compliance;
  std::vector<ConditionFigures> conditions;  // in the run's order
  std::vector<ModelFigures> top_models;      // most IMEIs first, ties by brand then model
  std::int64_t imeis_in_gsma = 0;            // IMEIs whose TAC is in the GSMA database
  std::int64_t imeis_not_in_gsma = 0;
  std::int64_t models_seen = 0;
  Histogram imsis_per_imei{};  // IMEIs by their distinct IMSIs (0 = only null IMSIs)
  Histogram imeis_per_imsi{};  // IMSIs by their distinct IMEIs (bucket 0 unused)
};

class MonthlyAggregator {
 public:
  // `compliance` and `models` must outlive the aggregator.
  MonthlyAggregator(std::string operator_id, const ComplianceIndex* compliance,
                    const ModelCatalog* models, std::size_t top_models);

  void Add(const store::ImeiSummary& summary);
  // The figures of everything added, with `daily` as given.
  ScopeFigures Finish(std::vector<DailyFigures> daily);

 private:
  ScopeFigures figures_;
  const ComplianceIndex* compliance_;
  const ModelCatalog* models_;
  std::size_t top_models_;
  IdentifierCounts imeis_per_imsi_;
  IdentifierCounts msisdns_;
  std::vector<std::int64_t> imeis_per_model_;
};

}  // namespace openceir::reports
