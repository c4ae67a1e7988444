// `openceir status [--days N] [--json]`: what the store holds, for a person or a dashboard:
// the size of every reference list, the network data (IMEIs ever seen, cells, imports per
// operator) and, for the last N days, how many IMEIs were seen, how many with several IMSIs or
// on several operators, and how many have impossible-travel evidence. Read-only.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli/commands.h"

namespace openceir::cli {
namespace {

struct WindowFigures {
  std::int64_t imeis_seen = 0;
  std::int64_t with_several_imsis = 0;
  std::int64_t on_several_operators = 0;
  std::int64_t inbound_roamer_imeis = 0;
  std::int64_t travel_evidence = 0;
  std::int64_t imeis_with_travel_evidence = 0;
};

Result<WindowFigures> ComputeWindow(store::ObservationStore& observations,
                                    store::DateWindow window) {
  WindowFigures figures;
  OPENCEIR_RETURN_IF_ERROR(
      observations.ScanImeiSummaries(window, [&](const store::ImeiSummary& summary) {
        ++figures.imeis_seen;
        if (summary.distinct_imsis > 1) ++figures.with_several_imsis;
        if (summary.operators.size() > 1) ++figures.on_several_operators;
        if (summary.imsi_classes & store::kImsiInboundRoamer) ++figures.inbound_roamer_imeis;
        return Status::Ok();
      }));
  std::string last_imei;
  OPENCEIR_RETURN_IF_ERROR(
      observations.ScanTravelEvidence(window, [&](const store::TravelEvidence& evidence) {
        ++figures.travel_evidence;
        if (evidence.imei_norm != last_imei) {  // evidence comes in imei_norm order
          ++figures.imeis_with_travel_evidence;
          last_imei = evidence.imei_norm;
        }
        return Status::Ok();
      }));
  return figures;
}

}  // namespace

int RunStatus(const GlobalOptions& global, const StatusOptions& options) {
  SystemClock clock;
  auto stores = OpenStores(global, &clock);
  if (!stores.ok()) return ReportError(stores.status());

  nlohmann::json json = nlohmann::json::object();
  nlohmann::json lists = nlohmann::json::object();
  for (const store::ListSchema& schema : store::AllListSchemas()) {
    auto count = stores->registry->CountCurrentList(schema.kind);
    if (!count.ok()) return ReportError(count.status());
    lists[std::string(schema.name)] = *count;
  }
  json["lists"] = lists;

  auto network_imeis = stores->observations->CountNetworkImeis();
  if (!network_imeis.ok()) return ReportError(network_imeis.status());
  auto cells = stores->observations->CountCells();
  if (!cells.ok()) return ReportError(cells.status());
  json["network_imeis"] = *network_imeis;
  json["cells"] = *cells;

  nlohmann::json imports = nlohmann::json::object();
  const Date far_past{0};
  const Date far_future{2'932'896};  // 9999-12-31
  for (const config::OperatorConfig& op : stores->context.config.region.operators) {
    nlohmann::json per_kind = nlohmann::json::object();
    for (store::ObservationImportKind kind :
         {store::ObservationImportKind::kOperatorData, store::ObservationImportKind::kEvents}) {
      auto found = stores->observations->ListImports(kind, op.id, far_past, far_future);
      if (!found.ok()) return ReportError(found.status());
      std::int64_t rows = 0;
      for (const store::ObservationImport& import : *found) rows += import.rows;
      per_kind[std::string(store::ObservationImportKindName(kind))] = {{"files", found->size()},
                                                                       {"rows", rows}};
    }
    imports[op.id] = per_kind;
  }
  json["imports"] = imports;

  const Date today = DateFromUnixSeconds(clock.Now());
  const store::DateWindow window{Date{today.days - options.days + 1}, today};
  auto figures = ComputeWindow(*stores->observations, window);
  if (!figures.ok()) return ReportError(figures.status());
  json["window"] = {{"first", FormatIsoDate(window.first)},
                    {"last", FormatIsoDate(window.last)},
                    {"imeis_seen", figures->imeis_seen},
                    {"imeis_with_several_imsis", figures->with_several_imsis},
                    {"imeis_on_several_operators", figures->on_several_operators},
                    {"imeis_used_by_inbound_roamers", figures->inbound_roamer_imeis},
                    {"travel_evidence_records", figures->travel_evidence},
                    {"imeis_with_travel_evidence", figures->imeis_with_travel_evidence}};

  if (options.json) {
    fmt::print("{}\n", json.dump(2));
    return kExitOk;
  }
  fmt::print("store {}\n\nreference lists (current rows):\n", stores->context.store_name);
  for (const auto& [name, count] : lists.items()) {
    fmt::print("  {:<14} {:>10}\n", name, count.get<std::int64_t>());
  }
  fmt::print("\nnetwork data:\n  {:<40} {:>10}\n  {:<40} {:>10}\n", "IMEIs ever seen",
             *network_imeis, "cells", *cells);
  for (const auto& [op, per_kind] : imports.items()) {
    fmt::print("  {:<6} operator data: {} file(s), {} rows; events: {} file(s), {} rows\n", op,
               per_kind["operator"]["files"].get<std::int64_t>(),
               per_kind["operator"]["rows"].get<std::int64_t>(),
               per_kind["events"]["files"].get<std::int64_t>(),
               per_kind["events"]["rows"].get<std::int64_t>());
  }
  fmt::print("\nlast {} days ({} to {}):\n", options.days, FormatIsoDate(window.first),
             FormatIsoDate(window.last));
  fmt::print("  {:<40} {:>10}\n", "IMEIs seen", figures->imeis_seen);
  fmt::print("  {:<40} {:>10}\n", "... with several IMSIs", figures->with_several_imsis);
  fmt::print("  {:<40} {:>10}\n", "... on several operators", figures->on_several_operators);
  fmt::print("  {:<40} {:>10}\n", "... used by inbound roamers", figures->inbound_roamer_imeis);
  fmt::print("  {:<40} {:>10}\n", "... with impossible-travel evidence",
             figures->imeis_with_travel_evidence);
  fmt::print("  {:<40} {:>10}\n", "impossible-travel evidence records", figures->travel_evidence);
  return kExitOk;
}

}  // namespace openceir::cli
