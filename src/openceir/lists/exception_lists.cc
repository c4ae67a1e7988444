// Exception pairs: loading, the notification exclusion test, and the per-operator files.
#include "openceir/lists/exception_lists.h"

#include <algorithm>
#include <memory>
#include <tuple>

#include "openceir/lists/row_file.h"

namespace openceir::lists {
namespace {

auto KeyOf(const ExceptionPair& p) { return std::tie(p.imei_norm, p.imsi, p.msisdn); }

Result<std::vector<std::string>> LoadSortedColumn(store::RegistryStore& registry,
                                                  store::ListKind kind, store::JobId run) {
  std::vector<std::string> values;
  OPENCEIR_RETURN_IF_ERROR(registry.ScanListAsOf(kind, run, [&](const store::ListRow& row) {
    values.push_back(row[0]);
    return Status::Ok();
  }));
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

Result<std::vector<ExceptionPair>> LoadExceptionPairs(store::RegistryStore& registry,
                                                      store::JobId run) {
  std::vector<ExceptionPair> pairs;
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanListAsOf(store::ListKind::kPairing, run, [&](const store::ListRow& row) {
        pairs.push_back({row[0], row[1], row[2], false});
        return Status::Ok();
      }));
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanGenuineUsersAsOf(run, [&](const store::GenuineUserRow& row) {
        pairs.push_back({row.imei_norm, row.imsi, "", true});
        return Status::Ok();
      }));
  std::sort(pairs.begin(), pairs.end(),
            [](const ExceptionPair& a, const ExceptionPair& b) { return KeyOf(a) < KeyOf(b); });
  pairs.erase(std::unique(pairs.begin(), pairs.end(),
                          [](const ExceptionPair& a, const ExceptionPair& b) {
                            return KeyOf(a) == KeyOf(b);
                          }),
              pairs.end());
  return pairs;
}

bool IsExcepted(const std::vector<ExceptionPair>& pairs, const std::string& imei_norm,
                const std::string& imsi, const std::string& msisdn) {
  auto it = std::lower_bound(
      pairs.begin(), pairs.end(), imei_norm,
      [](const ExceptionPair& p, const std::string& key) { return p.imei_norm < key; });
  for (; it != pairs.end() && it->imei_norm == imei_norm; ++it) {
    if (it->imsi == imsi) return true;
    if (!it->msisdn.empty() && it->msisdn == msisdn) return true;
  }
  return false;
}

Result<std::map<std::string, std::string>> WriteExceptionLists(
    store::RegistryStore& registry, store::JobId run, const std::vector<ExceptionPair>& pairs,
    const ImeiDecisions& decisions, const ListOptions& options,
    const std::vector<config::OperatorConfig>& operators, const identifiers::MccMncTable& mcc_mncs,
    const std::string& work_dir) {
  std::vector<std::string> barred_imeis;
  std::vector<std::string> barred_tacs;
  if (!options.include_barred_in_exceptions) {
    OPENCEIR_ASSIGN_OR_RETURN(barred_imeis,
                              LoadSortedColumn(registry, store::ListKind::kBarred, run));
    OPENCEIR_ASSIGN_OR_RETURN(barred_tacs,
                              LoadSortedColumn(registry, store::ListKind::kBarredTac, run));
  }
  std::map<std::string, std::string> paths;
  std::map<std::string, std::unique_ptr<RowWriter>> writers;
  for (const config::OperatorConfig& op : operators) {
    std::string path = work_dir + "/exceptions_" + op.id + ".rows";
    OPENCEIR_ASSIGN_OR_RETURN(writers[op.id], RowWriter::Create(path));
    paths[op.id] = path;
  }
  for (const ExceptionPair& pair : pairs) {
    if (options.restrict_exceptions_to_blacklisted) {
      const ImeiDecision* decision = decisions.Find(pair.imei_norm);
      if (decision == nullptr || !decision->blacklisted) continue;
    }
    if (!options.include_barred_in_exceptions) {
      if (std::binary_search(barred_imeis.begin(), barred_imeis.end(), pair.imei_norm)) continue;
      if (pair.imei_norm.size() >= 8 &&
          std::binary_search(barred_tacs.begin(), barred_tacs.end(), pair.imei_norm.substr(0, 8))) {
        continue;
      }
    }
    const std::string_view fields[] = {pair.imei_norm, pair.imsi, pair.msisdn};
    auto home = mcc_mncs.Resolve(pair.imsi);
    if (home) {
      auto writer = writers.find(std::string(home->operator_id));
      if (writer != writers.end()) OPENCEIR_RETURN_IF_ERROR(writer->second->Write(fields));
      continue;
    }
    for (auto& [id, writer] : writers) OPENCEIR_RETURN_IF_ERROR(writer->Write(fields));
  }
  for (auto& [id, writer] : writers) OPENCEIR_RETURN_IF_ERROR(writer->Close());
  return paths;
}

}  // namespace openceir::lists
