// The ad-hoc reports computed from per-IMEI summaries: top duplicates, GSMA not found,
// condition overlaps.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <queue>
#include <tuple>

#include "openceir/reports/adhoc_common.h"
#include "openceir/reports/compliance_index.h"
#include "openceir/reports/model_catalog.h"
#include "openceir/reports/report_files.h"

namespace openceir::reports {

namespace {

struct Duplicate {
  std::int64_t imsis = 0;
  std::string imei_norm;
  std::string line;
};

// The heap's top is the row to drop first: fewest IMSIs, then the greatest imei_norm.
struct DropFirst {
  bool operator()(const Duplicate& a, const Duplicate& b) const {
    return std::tie(b.imsis, a.imei_norm) < std::tie(a.imsis, b.imei_norm);
  }
};

}  // namespace

Result<AdhocResult> WriteTopDuplicates(store::RegistryStore&, store::ObservationStore& observations,
                                       const AdhocRequest& request) {
  OPENCEIR_RETURN_IF_ERROR(MakeOutputDir(request.output_dir));
  std::priority_queue<Duplicate, std::vector<Duplicate>, DropFirst> top;
  OPENCEIR_RETURN_IF_ERROR(
      observations.ScanImeiSummaries(request.window, [&](const store::ImeiSummary& summary) {
        if (summary.distinct_imsis < request.min_imsis || request.top == 0) return Status::Ok();
        Duplicate row{summary.distinct_imsis, summary.imei_norm, {}};
        if (top.size() == request.top && !DropFirst()(row, top.top())) return Status::Ok();
        std::vector<std::string> imsis;
        for (const store::ImsiSeen& imsi : summary.imsis) imsis.push_back(imsi.imsi);
        row.line = CsvLine({summary.imei_norm, std::to_string(summary.distinct_imsis),
                            std::to_string(summary.distinct_msisdns),
                            std::to_string(summary.days_seen), std::to_string(summary.imsi_days),
                            JoinSorted(summary.operators, '|'), JoinSorted(imsis, '|')});
        top.push(std::move(row));
        if (top.size() > request.top) top.pop();
        return Status::Ok();
      }));
  std::vector<Duplicate> rows;
  while (!top.empty()) {
    rows.push_back(top.top());
    top.pop();
  }
  std::reverse(rows.begin(), rows.end());
  std::string csv = CsvLine({"imei_norm", "distinct_imsis", "distinct_msisdns", "days_seen",
                             "imsi_days", "operators", "imsis"});
  for (const Duplicate& row : rows) csv += row.line;
  AdhocResult result{AdhocPath(request, "top_duplicates"), static_cast<std::int64_t>(rows.size()),
                     std::nullopt};
  OPENCEIR_RETURN_IF_ERROR(WriteTextFile(result.path, csv));
  return result;
}

Result<AdhocResult> WriteGsmaNotFound(store::RegistryStore& registry,
                                      store::ObservationStore& observations,
                                      const AdhocRequest& request) {
  OPENCEIR_RETURN_IF_ERROR(MakeOutputDir(request.output_dir));
  OPENCEIR_ASSIGN_OR_RETURN(ModelCatalog models, ModelCatalog::Load(registry));
  AdhocResult result{AdhocPath(request, "gsma_not_found"), 0, std::nullopt};
  StreamedFile csv(result.path);
  csv.Write(CsvLine(
      {"imei_norm", "tac", "first_seen", "last_seen", "days_seen", "distinct_imsis", "operators"}));
  OPENCEIR_RETURN_IF_ERROR(
      observations.ScanImeiSummaries(request.window, [&](const store::ImeiSummary& summary) {
        if (models.ModelOf(summary.imei_norm)) return Status::Ok();
        ++result.rows;
        csv.Write(CsvLine(
            {summary.imei_norm, summary.imei_norm.substr(0, 8), FormatYyyymmdd(summary.first_seen),
             FormatYyyymmdd(summary.last_seen), std::to_string(summary.days_seen),
             std::to_string(summary.distinct_imsis), JoinSorted(summary.operators, '|')}));
        return Status::Ok();
      }));
  OPENCEIR_RETURN_IF_ERROR(csv.Commit());
  return result;
}

Result<AdhocResult> WriteConditionOverlaps(store::RegistryStore& registry,
                                           store::ObservationStore& observations,
                                           const AdhocRequest& request) {
  OPENCEIR_RETURN_IF_ERROR(MakeOutputDir(request.output_dir));
  OPENCEIR_ASSIGN_OR_RETURN(ComplianceIndex index, LoadAdhocRunIndex(registry, request));
  const std::vector<store::ConditionSpec> specs = index.conditions();
  // Combination (sorted labels joined by '|') -> IMEIs; a handful of combinations in practice.
  std::map<std::string, std::int64_t> combinations;
  std::vector<std::string> labels;
  OPENCEIR_RETURN_IF_ERROR(
      observations.ScanImeiSummaries(request.window, [&](const store::ImeiSummary& summary) {
        ImeiStanding standing = index.Find(summary.imei_norm);
        if (standing.conditions.empty()) return Status::Ok();
        labels.clear();
        for (const MatchedCondition& match : standing.conditions) {
          labels.push_back(specs[match.condition].label);
        }
        std::sort(labels.begin(), labels.end());
        ++combinations[JoinSorted(labels, '|')];
        return Status::Ok();
      }));
  std::vector<std::pair<std::string, std::int64_t>> rows(combinations.begin(), combinations.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string csv = CsvLine({"conditions", "condition_count", "imeis"});
  for (const auto& [combination, imeis] : rows) {
    csv += CsvLine({combination,
                    std::to_string(std::count(combination.begin(), combination.end(), '|') + 1),
                    std::to_string(imeis)});
  }
  AdhocResult result{AdhocPath(request, "condition_overlaps"),
                     static_cast<std::int64_t>(rows.size()), index.run()->run};
  OPENCEIR_RETURN_IF_ERROR(WriteTextFile(result.path, csv));
  return result;
}

}  // namespace openceir::reports
