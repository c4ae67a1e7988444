// The ad-hoc reports computed from each operator's triplets: stolen violations, blacklist
// violations, unregistered subscribers, transient MSISDNs.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "openceir/reports/adhoc_common.h"
#include "openceir/reports/compliance_index.h"
#include "openceir/reports/identifier_counts.h"
#include "openceir/reports/report_files.h"

namespace openceir::reports {
namespace {

// The days of `triplet` inside `window`, in order.
std::vector<Date> DaysSeen(const store::TripletMonth& triplet, store::DateWindow window) {
  std::vector<Date> days;
  const Date first = store::FirstDayOf(triplet.month);
  for (int bit = 0; bit < 31; ++bit) {
    if ((triplet.day_mask >> bit & 1U) == 0) continue;
    Date day{first.days + bit};
    if (day >= window.first && day <= window.last) days.push_back(day);
  }
  return days;
}

// The first day seen in the window on or after `from`, if any.
std::optional<Date> FirstDayFrom(const store::TripletMonth& triplet, store::DateWindow window,
                                 Date from) {
  for (Date day : DaysSeen(triplet, window)) {
    if (day >= from) return day;
  }
  return std::nullopt;
}

Date LastDay(const store::TripletMonth& triplet, store::DateWindow window) {
  std::vector<Date> days = DaysSeen(triplet, window);
  return days.empty() ? Date{} : days.back();
}

// Since when using an IMEI breaks a list: the date the list gives (reporting or block date) and
// the first day on which a sighting is a violation.
struct ViolationStart {
  Date listed;
  Date from;
};

// Writes the violations report `name`: a row per triplet of each operator seen in the window on
// or after its start (`start_of(triplet)`: std::optional<ViolationStart>, empty when the
// triplet breaks nothing), streamed as they are found. `listed_column` and `after_column` name
// the date columns.
template <typename StartOf>
Result<AdhocResult> WriteViolations(store::ObservationStore& observations,
                                    const AdhocRequest& request, std::string_view name,
                                    std::optional<store::JobId> run, std::string_view listed_column,
                                    std::string_view after_column, const StartOf& start_of) {
  AdhocResult result{AdhocPath(request, name), 0, run};
  StreamedFile csv(result.path);
  csv.Write(CsvLine({"operator", "imei_norm", "imsi", "msisdn", std::string(listed_column),
                     std::string(after_column), "last_seen"}));
  for (const config::OperatorConfig& op : request.operators) {
    OPENCEIR_RETURN_IF_ERROR(
        observations.ScanTriplets(op.id, request.window, [&](const store::TripletMonth& triplet) {
          std::optional<ViolationStart> start = start_of(triplet);
          if (!start) return Status::Ok();
          std::optional<Date> after = FirstDayFrom(triplet, request.window, start->from);
          if (!after) return Status::Ok();
          ++result.rows;
          csv.Write(CsvLine({op.id, triplet.imei_norm, triplet.imsi, triplet.msisdn,
                             FormatYyyymmdd(start->listed), FormatYyyymmdd(*after),
                             FormatYyyymmdd(LastDay(triplet, request.window))}));
          return Status::Ok();
        }));
  }
  OPENCEIR_RETURN_IF_ERROR(csv.Commit());
  return result;
}

}  // namespace

Result<AdhocResult> WriteStolenViolations(store::RegistryStore& registry,
                                          store::ObservationStore& observations,
                                          const AdhocRequest& request) {
  OPENCEIR_RETURN_IF_ERROR(MakeOutputDir(request.output_dir));
  // Confirmed stolen IMEIs (status empty or "blacklist", FORMATS.md) -> reporting date.
  std::unordered_map<std::string, Date> stolen;
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanCurrentList(store::ListKind::kStolen, [&](const store::ListRow& row) {
        if (!row[2].empty() && row[2] != "blacklist") return Status::Ok();
        std::optional<Date> reported = ParseYyyymmdd(row[1]);
        if (reported) stolen.emplace(row[0], *reported);
        return Status::Ok();
      }));
  // Seen after the day it was reported.
  auto start_of = [&](const store::TripletMonth& triplet) -> std::optional<ViolationStart> {
    auto it = stolen.find(triplet.imei_norm);
    if (it == stolen.end()) return std::nullopt;
    return ViolationStart{it->second, Date{it->second.days + 1}};
  };
  return WriteViolations(observations, request, "stolen_violations", std::nullopt, "reporting_date",
                         "first_seen_after", start_of);
}

Result<AdhocResult> WriteBlacklistViolations(store::RegistryStore& registry,
                                             store::ObservationStore& observations,
                                             const AdhocRequest& request) {
  OPENCEIR_RETURN_IF_ERROR(MakeOutputDir(request.output_dir));
  OPENCEIR_ASSIGN_OR_RETURN(ComplianceIndex index, LoadAdhocRunIndex(registry, request));
  // LoadAdhocRunIndex always loads a run; checked so that GCC -O2 sees it (-Wmaybe-uninitialized).
  if (!index.run().has_value()) return InternalError("the run index has no run");
  const store::JobId run = index.run()->run;
  // Pairs kept working as of the run: pairings and genuine users ("imei\nimsi").
  std::unordered_set<std::string> exceptions;
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanListAsOf(store::ListKind::kPairing, run, [&](const store::ListRow& row) {
        exceptions.insert(row[0] + '\n' + row[1]);
        return Status::Ok();
      }));
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanGenuineUsersAsOf(run, [&](const store::GenuineUserRow& row) {
        exceptions.insert(row.imei_norm + '\n' + row.imsi);
        return Status::Ok();
      }));
  // Seen on or after its block date, by other than a pairing or genuine user kept working.
  auto start_of = [&](const store::TripletMonth& triplet) -> std::optional<ViolationStart> {
    ImeiStanding standing = index.Find(triplet.imei_norm);
    if (standing.compliance != Compliance::kBlocked) return std::nullopt;
    if (exceptions.count(triplet.imei_norm + '\n' + triplet.imsi) > 0) return std::nullopt;
    return ViolationStart{standing.block_date, standing.block_date};
  };
  return WriteViolations(observations, request, "blacklist_violations", run, "block_date",
                         "first_seen_after_block", start_of);
}

Result<AdhocResult> WriteUnregisteredSubscribers(store::RegistryStore& registry,
                                                 store::ObservationStore& observations,
                                                 const AdhocRequest& request) {
  OPENCEIR_RETURN_IF_ERROR(MakeOutputDir(request.output_dir));
  IdentifierCounts registered;
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanCurrentList(store::ListKind::kSubscribers, [&](const store::ListRow& row) {
        registered.Add(row[1]);
        return Status::Ok();
      }));
  AdhocResult result{AdhocPath(request, "unregistered_subscribers"), 0, std::nullopt};
  std::string csv = CsvLine({"operator", "imsi", "imeis"});
  for (const config::OperatorConfig& op : request.operators) {
    IdentifierCounts imeis_of;  // unregistered local IMSIs of this operator -> distinct IMEIs
    std::string last_imei, last_imsi;
    OPENCEIR_RETURN_IF_ERROR(
        observations.ScanTriplets(op.id, request.window, [&](const store::TripletMonth& triplet) {
          if (triplet.imsi.empty() || (triplet.imsi_class & store::kImsiLocalSubscriber) == 0 ||
              DaysSeen(triplet, request.window).empty() || registered.CountOf(triplet.imsi) > 0) {
            return Status::Ok();
          }
          // Rows come by (imei_norm, imsi, ...): count each IMEI once per IMSI.
          if (triplet.imei_norm == last_imei && triplet.imsi == last_imsi) return Status::Ok();
          last_imei = triplet.imei_norm;
          last_imsi = triplet.imsi;
          imeis_of.Add(triplet.imsi);
          return Status::Ok();
        }));
    std::vector<std::pair<std::string, std::uint32_t>> rows;
    imeis_of.ForEach([&](const std::string& imsi, std::uint32_t n) { rows.emplace_back(imsi, n); });
    std::sort(rows.begin(), rows.end());
    for (const auto& [imsi, imeis] : rows) csv += CsvLine({op.id, imsi, std::to_string(imeis)});
    result.rows += static_cast<std::int64_t>(rows.size());
  }
  OPENCEIR_RETURN_IF_ERROR(WriteTextFile(result.path, csv));
  return result;
}

Result<AdhocResult> WriteTransientMsisdns(store::RegistryStore&,
                                          store::ObservationStore& observations,
                                          const AdhocRequest& request) {
  OPENCEIR_RETURN_IF_ERROR(MakeOutputDir(request.output_dir));
  AdhocResult result{AdhocPath(request, "transient_msisdns"), 0, std::nullopt};
  std::string csv = CsvLine({"operator", "msisdn", "imeis", "imei_norms"});
  const auto min_imeis = static_cast<std::uint32_t>(std::max(request.min_imeis, 1));
  for (const config::OperatorConfig& op : request.operators) {
    // Pass 1: distinct IMEIs per MSISDN (one count per IMEI: MSISDNs deduplicated per IMEI).
    IdentifierCounts imeis_of;
    std::string current;
    std::set<std::string> msisdns_of_imei;
    auto flush = [&]() {
      for (const std::string& msisdn : msisdns_of_imei) imeis_of.Add(msisdn);
      msisdns_of_imei.clear();
    };
    auto in_window = [&](const store::TripletMonth& t) {
      return !t.msisdn.empty() && !DaysSeen(t, request.window).empty();
    };
    OPENCEIR_RETURN_IF_ERROR(
        observations.ScanTriplets(op.id, request.window, [&](const store::TripletMonth& triplet) {
          if (triplet.imei_norm != current) {
            flush();
            current = triplet.imei_norm;
          }
          if (in_window(triplet)) msisdns_of_imei.insert(triplet.msisdn);
          return Status::Ok();
        }));
    flush();
    // Pass 2: the IMEIs of the few MSISDNs over the threshold.
    std::map<std::string, std::set<std::string>> transient;
    imeis_of.ForEach([&](const std::string& msisdn, std::uint32_t n) {
      if (n >= min_imeis) transient[msisdn];
    });
    if (transient.empty()) continue;
    OPENCEIR_RETURN_IF_ERROR(
        observations.ScanTriplets(op.id, request.window, [&](const store::TripletMonth& triplet) {
          if (!in_window(triplet)) return Status::Ok();
          auto it = transient.find(triplet.msisdn);
          if (it != transient.end()) it->second.insert(triplet.imei_norm);
          return Status::Ok();
        }));
    for (const auto& [msisdn, imeis] : transient) {
      std::vector<std::string> list(imeis.begin(), imeis.end());
      csv += CsvLine({op.id, msisdn, std::to_string(list.size()), JoinSorted(list, '|')});
      ++result.rows;
    }
  }
  OPENCEIR_RETURN_IF_ERROR(WriteTextFile(result.path, csv));
  return result;
}

}  // namespace openceir::reports
