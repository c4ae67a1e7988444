#include "openceir/store/list_schema.h"

#include <array>

namespace openceir::store {
namespace {

// Column sets. Key columns first. The GSMA TAC database keeps its optional columns in
// `extra` as a JSON object, so no GSMA column is ever lost.
constexpr std::array<std::string_view, 8> kGsmaTacColumns = {
    "tac",        "manufacturer", "bands",      "allocation_date",
    "model_name", "device_type",  "radio_caps", "extra"};
constexpr std::array<std::string_view, 3> kStolenColumns = {"imei_norm", "reporting_date",
                                                            "status"};
// `approved_imei` keeps the IMEI as the person typed it (trimmed; 14 or 15 digits), so the
// check digit they typed can be verified (the bad_check_digit dimension).
constexpr std::array<std::string_view, 10> kRegistrationColumns = {
    "imei_norm",  "make",        "model",           "status",    "model_number",
    "brand_name", "device_type", "radio_interface", "device_id", "approved_imei"};
constexpr std::array<std::string_view, 3> kPairingColumns = {"imei_norm", "imsi", "msisdn"};
// Golden rows hold the MD5 (lower-case hex) of imei_norm, so plain and pre-hashed files mix.
constexpr std::array<std::string_view, 1> kGoldenColumns = {"hashed_imei_norm"};
constexpr std::array<std::string_view, 1> kImeiColumns = {"imei_norm"};
constexpr std::array<std::string_view, 1> kTacColumns = {"tac"};
constexpr std::array<std::string_view, 2> kSubscriberColumns = {"uid", "imsi"};
constexpr std::array<std::string_view, 2> kAssociationColumns = {"uid", "imei_norm"};

constexpr std::array<ListSchema, 10> kSchemas = {{
    {ListKind::kGsmaTac, "gsma-tac", "gsma_tac", kGsmaTacColumns, 1, false},
    {ListKind::kStolen, "stolen", "stolen_list", kStolenColumns, 1, true},
    {ListKind::kRegistration, "registration", "registration_list", kRegistrationColumns, 1, true},
    {ListKind::kPairing, "pairing", "pairing_list", kPairingColumns, 3, false},
    {ListKind::kGolden, "golden", "golden_list", kGoldenColumns, 1, false},
    {ListKind::kBarred, "barred", "barred_list", kImeiColumns, 1, false},
    {ListKind::kBarredTac, "barred-tac", "barred_tac_list", kTacColumns, 1, false},
    {ListKind::kSubscribers, "subscribers", "subscribers_list", kSubscriberColumns, 2, false},
    {ListKind::kAssociation, "association", "association_list", kAssociationColumns, 2, false},
    {ListKind::kMonitoring, "monitoring", "monitoring_list", kImeiColumns, 1, false},
}};

}  // namespace

std::span<const ListSchema> AllListSchemas() { return kSchemas; }

const ListSchema& SchemaOf(ListKind kind) {
  for (const auto& schema : kSchemas) {
    if (schema.kind == kind) return schema;
  }
  return kSchemas[0];  // unreachable: every ListKind has a schema (checked by a test)
}

std::optional<ListKind> ListKindFromName(std::string_view name) {
  for (const auto& schema : kSchemas) {
    if (schema.name == name) return schema.kind;
  }
  return std::nullopt;
}

}  // namespace openceir::store
