// WriteNotificationLists: scan, route and spill per operator, then merge per receiving operator.
#include "openceir/lists/notification_lists.h"

#include <fmt/format.h>

#include <memory>

#include "openceir/lists/row_file.h"

namespace openceir::lists {
namespace {

// The rows one scanned operator routes to each receiving operator.
struct SpillFiles {
  std::map<std::string, std::unique_ptr<RowWriter>> to;  // receiving operator -> file
};

Status ScanOperator(store::ObservationStore& observations, const std::string& seen_on,
                    store::DateWindow lookback, const ImeiDecisions& decisions,
                    const std::vector<ExceptionPair>& pairs,
                    const identifiers::MccMncTable& mcc_mncs, SpillFiles& spill) {
  std::size_t next = 0;  // decisions cursor: both streams are in imei_norm order
  const ImeiDecision* decision = nullptr;
  std::string last_imei, last_imsi, last_msisdn;
  return observations.ScanTriplets(seen_on, lookback, [&](const store::TripletMonth& t) {
    if (decision == nullptr || decision->imei_norm != t.imei_norm) {
      decision = nullptr;
      while (next < decisions.imeis.size() && decisions.imeis[next].imei_norm < t.imei_norm) {
        ++next;
      }
      if (next < decisions.imeis.size() && decisions.imeis[next].imei_norm == t.imei_norm) {
        decision = &decisions.imeis[next];
      }
    }
    if (decision == nullptr || decision->blacklisted) return Status::Ok();
    if (t.imsi.empty() || t.msisdn.empty()) return Status::Ok();
    // The same triplet in several months comes in a row: keep one.
    if (t.imei_norm == last_imei && t.imsi == last_imsi && t.msisdn == last_msisdn) {
      return Status::Ok();
    }
    last_imei = t.imei_norm;
    last_imsi = t.imsi;
    last_msisdn = t.msisdn;
    if (IsExcepted(pairs, t.imei_norm, t.imsi, t.msisdn)) return Status::Ok();
    auto home = mcc_mncs.Resolve(t.imsi);
    auto writer = home ? spill.to.find(std::string(home->operator_id)) : spill.to.find(seen_on);
    if (writer == spill.to.end()) return Status::Ok();
    const std::string_view fields[] = {t.imei_norm, t.imsi, t.msisdn};
    return writer->second->Write(fields);
  });
}

// Merges the sorted spill files of one receiving operator into its notification list.
Status MergeSpills(const std::vector<std::string>& spill_paths, const ImeiDecisions& decisions,
                   const std::string& out_path) {
  std::vector<std::unique_ptr<RowReader>> readers;
  std::vector<std::vector<std::string>> heads;
  std::vector<bool> live;
  for (const std::string& path : spill_paths) {
    OPENCEIR_ASSIGN_OR_RETURN(auto reader, RowReader::Open(path));
    heads.emplace_back();
    OPENCEIR_ASSIGN_OR_RETURN(bool has, reader->Next(&heads.back()));
    live.push_back(has);
    readers.push_back(std::move(reader));
  }
  OPENCEIR_ASSIGN_OR_RETURN(auto out, RowWriter::Create(out_path));
  std::vector<std::string> last;
  std::size_t cursor = 0;
  while (true) {
    int min = -1;
    for (std::size_t i = 0; i < readers.size(); ++i) {
      if (!live[i]) continue;
      if (min < 0 || CompareKeys(heads[i], heads[static_cast<std::size_t>(min)], 3) < 0) {
        min = static_cast<int>(i);
      }
    }
    if (min < 0) break;
    std::vector<std::string>& row = heads[static_cast<std::size_t>(min)];
    if (last.empty() || CompareKeys(row, last, 3) != 0) {
      while (cursor < decisions.imeis.size() && decisions.imeis[cursor].imei_norm < row[0]) {
        ++cursor;
      }
      if (cursor == decisions.imeis.size() || decisions.imeis[cursor].imei_norm != row[0]) {
        return InternalError(fmt::format("{}: IMEI {} spilled but not notified", out_path, row[0]));
      }
      const ImeiDecision& decision = decisions.imeis[cursor];
      std::string block_date = FormatYyyymmdd(decision.block_date);
      const std::string_view fields[] = {row[0],
                                         row[1],
                                         row[2],
                                         block_date,
                                         decisions.reason_sets[decision.reasons],
                                         decision.amnesty_granted ? "True" : "False"};
      OPENCEIR_RETURN_IF_ERROR(out->Write(fields));
      last = row;
    }
    OPENCEIR_ASSIGN_OR_RETURN(bool has, readers[static_cast<std::size_t>(min)]->Next(&row));
    live[static_cast<std::size_t>(min)] = has;
  }
  return out->Close();
}

}  // namespace

Result<std::map<std::string, std::string>> WriteNotificationLists(
    store::ObservationStore& observations, store::DateWindow lookback,
    const ImeiDecisions& decisions, const std::vector<ExceptionPair>& pairs,
    const std::vector<config::OperatorConfig>& operators, const identifiers::MccMncTable& mcc_mncs,
    const std::string& work_dir) {
  bool any_notified = false;
  for (const ImeiDecision& decision : decisions.imeis) any_notified |= !decision.blacklisted;

  std::map<std::string, std::vector<std::string>> spill_paths;  // receiving op -> files
  if (any_notified) {  // nothing to notify: no need to read the network data at all
    for (const config::OperatorConfig& seen_on : operators) {
      SpillFiles spill;
      for (const config::OperatorConfig& to : operators) {
        std::string path = work_dir + "/spill_" + seen_on.id + "_to_" + to.id + ".rows";
        OPENCEIR_ASSIGN_OR_RETURN(spill.to[to.id], RowWriter::Create(path));
        spill_paths[to.id].push_back(path);
      }
      OPENCEIR_RETURN_IF_ERROR(
          ScanOperator(observations, seen_on.id, lookback, decisions, pairs, mcc_mncs, spill));
      for (auto& [id, writer] : spill.to) OPENCEIR_RETURN_IF_ERROR(writer->Close());
    }
  }
  std::map<std::string, std::string> paths;
  for (const config::OperatorConfig& op : operators) {
    std::string path = work_dir + "/notifications_" + op.id + ".rows";
    OPENCEIR_RETURN_IF_ERROR(MergeSpills(spill_paths[op.id], decisions, path));
    paths[op.id] = path;
  }
  return paths;
}

}  // namespace openceir::lists
