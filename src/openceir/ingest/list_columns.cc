// The file layouts of the ten reference lists. Key columns require a value; every other column
// may be empty. The GSMA TAC `radio_caps` and `extra` columns are derived, not read; the
// registration list's `approved_imei` is the approved_imei field as typed.
#include "openceir/ingest/list_columns.h"

namespace openceir::ingest {
namespace {

using K = FieldKind;

constexpr FileColumn kGsmaTac[] = {
    {"tac", K::kTac, "tac", true},
    {"manufacturer", K::kText, "manufacturer", false},
    {"bands", K::kText, "bands", false},
    {"allocation_date", K::kDdMonYyyy, "allocation_date", false},
    {"model_name", K::kText, "model_name", false},
    {"device_type", K::kText, "device_type", false},
};
constexpr FileColumn kStolen[] = {
    {"imei", K::kImei, "imei_norm", true},
    {"reporting_date", K::kYyyymmdd, "reporting_date", false},
    {"status", K::kLowerText, "status", false},
};
constexpr FileColumn kRegistration[] = {
    {"approved_imei", K::kImei, "imei_norm", true, "approved_imei"},
    {"make", K::kText, "make", false},
    {"model", K::kText, "model", false},
    {"status", K::kLowerText, "status", false},
    {"model_number", K::kText, "model_number", false},
    {"brand_name", K::kText, "brand_name", false},
    {"device_type", K::kText, "device_type", false},
    {"radio_interface", K::kText, "radio_interface", false},
    {"device_id", K::kText, "device_id", false},
};
constexpr FileColumn kPairing[] = {
    {"imei", K::kImei, "imei_norm", true},
    {"imsi", K::kImsi, "imsi", true},
    {"msisdn", K::kMsisdn, "msisdn", true},
};
constexpr FileColumn kGolden[] = {
    {"golden_imei", K::kGoldenImei, "hashed_imei_norm", true},
};
constexpr FileColumn kImeiOnly[] = {
    {"imei", K::kImei, "imei_norm", true},
};
constexpr FileColumn kBarredTac[] = {
    {"tac", K::kTac, "tac", true},
};
constexpr FileColumn kSubscribers[] = {
    {"uid", K::kUid, "uid", true},
    {"imsi", K::kImsi, "imsi", true},
};
constexpr FileColumn kAssociation[] = {
    {"uid", K::kUid, "uid", true},
    {"imei", K::kImei, "imei_norm", true},
};

constexpr ListFileSpec kGsmaTacSpec{'|', kGsmaTac, true, csv::QuoteMode::kLiteralInUnquoted};
constexpr ListFileSpec kStolenSpec{',', kStolen, false};
constexpr ListFileSpec kRegistrationSpec{',', kRegistration, false};
constexpr ListFileSpec kPairingSpec{',', kPairing, false};
constexpr ListFileSpec kGoldenSpec{',', kGolden, false};
constexpr ListFileSpec kImeiOnlySpec{',', kImeiOnly, false};
constexpr ListFileSpec kBarredTacSpec{',', kBarredTac, false};
constexpr ListFileSpec kSubscribersSpec{',', kSubscribers, false};
constexpr ListFileSpec kAssociationSpec{',', kAssociation, false};

}  // namespace

const ListFileSpec& FileSpecOf(store::ListKind kind) {
  using store::ListKind;
  switch (kind) {
    case ListKind::kGsmaTac: return kGsmaTacSpec;
    case ListKind::kStolen: return kStolenSpec;
    case ListKind::kRegistration: return kRegistrationSpec;
    case ListKind::kPairing: return kPairingSpec;
    case ListKind::kGolden: return kGoldenSpec;
    case ListKind::kBarred: return kImeiOnlySpec;
    case ListKind::kBarredTac: return kBarredTacSpec;
    case ListKind::kSubscribers: return kSubscribersSpec;
    case ListKind::kAssociation: return kAssociationSpec;
    case ListKind::kMonitoring: return kImeiOnlySpec;
  }
  return kImeiOnlySpec;  // unreachable: every ListKind is handled above
}

}  // namespace openceir::ingest
