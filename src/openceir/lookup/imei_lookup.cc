// LookupImei: validation plus one query per reference list, by imei_norm, TAC or hash.
#include "openceir/lookup/imei_lookup.h"

#include <algorithm>
#include <cctype>

#include "openceir/identifiers/golden_hash.h"
#include "openceir/store/list_schema.h"

namespace openceir::lookup {
namespace {

using store::ListKind;
using store::ListRow;

// The value of column `name` in `row` of list `kind`; empty when the row is short.
std::string Column(ListKind kind, const ListRow& row, std::string_view name) {
  const auto& columns = store::SchemaOf(kind).columns;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return i < row.size() ? row[i] : std::string();
  }
  return std::string();
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The first current row of `kind` keyed by `key`, if any.
Result<std::optional<ListRow>> FindOne(store::RegistryStore& store, ListKind kind,
                                       const std::string& key) {
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<ListRow> rows, store.FindCurrent(kind, key));
  if (rows.empty()) return std::optional<ListRow>();
  return std::optional<ListRow>(std::move(rows.front()));
}

Status FillFromRegistry(store::RegistryStore& store, ImeiReport& report) {
  const std::string& imei_norm = *report.imei_norm;
  if (!report.tac.empty()) {
    OPENCEIR_ASSIGN_OR_RETURN(auto tac_row, FindOne(store, ListKind::kGsmaTac, report.tac));
    if (tac_row) {
      const ListKind k = ListKind::kGsmaTac;
      report.model = TacModel{Column(k, *tac_row, "tac"),
                              Column(k, *tac_row, "manufacturer"),
                              Column(k, *tac_row, "model_name"),
                              Column(k, *tac_row, "device_type"),
                              Column(k, *tac_row, "bands"),
                              Column(k, *tac_row, "radio_caps"),
                              Column(k, *tac_row, "allocation_date")};
    }
    OPENCEIR_ASSIGN_OR_RETURN(auto barred_tac, FindOne(store, ListKind::kBarredTac, report.tac));
    report.barred_tac = barred_tac.has_value();
  }

  OPENCEIR_ASSIGN_OR_RETURN(auto reg_row, FindOne(store, ListKind::kRegistration, imei_norm));
  if (reg_row) {
    const ListKind k = ListKind::kRegistration;
    Registration reg;
    reg.status = Column(k, *reg_row, "status");
    reg.registered = reg.status.empty() || EqualsIgnoreCase(reg.status, "whitelist");
    reg.make = Column(k, *reg_row, "make");
    reg.model = Column(k, *reg_row, "model");
    reg.brand_name = Column(k, *reg_row, "brand_name");
    reg.device_type = Column(k, *reg_row, "device_type");
    reg.device_id = Column(k, *reg_row, "device_id");
    report.registration = std::move(reg);
  }

  OPENCEIR_ASSIGN_OR_RETURN(auto stolen_row, FindOne(store, ListKind::kStolen, imei_norm));
  if (stolen_row) {
    StolenReport stolen;
    stolen.status = Column(ListKind::kStolen, *stolen_row, "status");
    stolen.confirmed = stolen.status.empty() || EqualsIgnoreCase(stolen.status, "blacklist");
    stolen.reporting_date = Column(ListKind::kStolen, *stolen_row, "reporting_date");
    report.stolen = std::move(stolen);
  }

  OPENCEIR_ASSIGN_OR_RETURN(auto pair_rows, store.FindCurrent(ListKind::kPairing, imei_norm));
  for (const ListRow& row : pair_rows) {
    report.pairings.push_back(
        {Column(ListKind::kPairing, row, "imsi"), Column(ListKind::kPairing, row, "msisdn")});
  }

  OPENCEIR_ASSIGN_OR_RETURN(
      auto golden, FindOne(store, ListKind::kGolden, identifiers::GoldenHashOf(imei_norm)));
  report.golden = golden.has_value();
  OPENCEIR_ASSIGN_OR_RETURN(auto barred, FindOne(store, ListKind::kBarred, imei_norm));
  report.barred = barred.has_value();
  OPENCEIR_ASSIGN_OR_RETURN(auto monitored, FindOne(store, ListKind::kMonitoring, imei_norm));
  report.monitored = monitored.has_value();

  OPENCEIR_ASSIGN_OR_RETURN(auto associations,
                            store.FindCurrentBy(ListKind::kAssociation, "imei_norm", imei_norm));
  for (const ListRow& row : associations) {
    report.association_uids.push_back(Column(ListKind::kAssociation, row, "uid"));
  }
  std::sort(report.association_uids.begin(), report.association_uids.end());
  return Status::Ok();
}

}  // namespace

Result<ImeiReport> LookupImei(store::RegistryStore& store, std::string_view raw_imei) {
  ImeiReport report;
  report.raw = std::string(raw_imei);
  report.imei_norm = identifiers::NormalizeImei(raw_imei);
  report.validation = identifiers::ValidateImei(raw_imei, identifiers::ImeiSource::kTyped);
  if (!report.imei_norm) return report;
  const std::string& imei_norm = *report.imei_norm;
  if (imei_norm.size() >= 8 && identifiers::IsValidTac(std::string_view(imei_norm).substr(0, 8))) {
    report.tac = imei_norm.substr(0, 8);
    report.test_tac = identifiers::IsTestTac(report.tac);
  }
  OPENCEIR_RETURN_IF_ERROR(FillFromRegistry(store, report));
  return report;
}

}  // namespace openceir::lookup
