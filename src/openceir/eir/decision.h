// The EIR decision (issue 5 item 1): what an EIR node answers for one equipment check.
//
// The contract between the decision snapshot (this component) and the protocol front ends
// (eirhttp: N5g-eir and plain REST; s13: Diameter). The front ends parse their wire forms
// into an EquipmentQuery, ask the current snapshot, and map the Decision to their answer;
// no protocol knows how lists are stored, and the snapshot knows no protocol.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace openceir::eir {

// TS 29.511 EquipmentStatus / TS 29.272 Equipment-Status (0, 1, 2 on the wire).
enum class EquipmentStatus : std::uint8_t {
  kWhitelisted = 0,
  kBlacklisted = 1,
  kGreylisted = 2,
};

// The 3GPP spelling, as N5g-eir's JSON carries it: "WHITELISTED", "BLACKLISTED", "GREYLISTED".
std::string_view EquipmentStatusName(EquipmentStatus status);

// Why the snapshot answered what it did: the list or policy that decided. Logs, metrics
// and the REST answer carry it; N5g-eir and S13 have no field for it.
enum class DecisionBasis : std::uint8_t {
  kNotListed,             // on no list: whitelisted (or the unknown-IMEI policy in whitelist mode)
  kBlacklist,             // on the blacklist, the pair is not an exception
  kExceptionPair,         // on the blacklist, but (IMEI, IMSI) is an exception pair
  kNotification,          // tracked: on a notification list (greylisted)
  kInvalidImeiPolicy,     // not 14 decimal digits after normalisation
  kUnallocatedTacPolicy,  // TAC not in the GSMA TAC database the bundle carries
  kTestTacPolicy,         // a test TAC (001..., 00044...)
  kUnknownImeiPolicy,     // whitelist mode: not on the list of known IMEIs
};

std::string_view DecisionBasisName(DecisionBasis basis);

// One check. `imei` is what the network sent: 14 to 16 characters (IMEI with or without
// check digit or spare, IMEISV); the snapshot keys on the first 14 and never rejects network
// input for its check digit (EIR-NOTES.md). `imsi` is the subscriber when the request named one
// (N5g-eir supi without "imsi-", S13 User-Name).
struct EquipmentQuery {
  std::string_view imei;
  std::optional<std::string_view> imsi;
};

struct Decision {
  // True when the policy says to answer "equipment unknown" (N5g-eir 404
  // ERROR_EQUIPMENT_UNKNOWN, S13 Experimental-Result 5422) instead of a status.
  bool equipment_unknown = false;
  EquipmentStatus status = EquipmentStatus::kWhitelisted;
  DecisionBasis basis = DecisionBasis::kNotListed;
  // Block date YYYYMMDD of a blacklisted or notified IMEI, 0 otherwise.
  std::uint32_t block_date = 0;
  // The list's reasons text ("|"-separated condition labels); empty when none. Points into
  // the snapshot: valid while the caller holds the snapshot.
  std::string_view reasons;
};

}  // namespace openceir::eir
