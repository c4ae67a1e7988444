// The S13 ME-Identity-Check (3GPP TS 29.272 section 5.2): what an ECR asks, mapped to what the
// EIR answers. Pure functions over the request's AVP values, with no freeDiameter types, so the
// mapping is tested without a network; mica_handler.cc reads the AVPs into an
// IdentityCheckRequest and writes the IdentityCheckAnswer back as AVPs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "openceir/eir/decision.h"
#include "openceir/eir/metrics.h"
#include "openceir/eir/snapshot.h"

namespace openceir::s13 {

// The values of an ECR's AVPs that the check reads. Views point into the request message.
struct IdentityCheckRequest {
  bool has_terminal_information = false;
  std::optional<std::string_view> imei;               // Terminal-Information/IMEI (1402)
  std::optional<std::string_view> software_version;   // Terminal-Information/Software-Version
  std::optional<std::span<const std::uint8_t>> meid;  // Terminal-Information/3GPP2-MEID (1471)
  std::optional<std::string_view> user_name;          // User-Name (1): the IMSI
};

enum class IdentityCheckOutcome : std::uint8_t {
  kEquipmentStatus,             // Result-Code 2001 + Equipment-Status
  kEquipmentUnknown,            // Experimental-Result 10415/5422 DIAMETER_ERROR_EQUIPMENT_UNKNOWN
  kMissingTerminalInformation,  // Result-Code 5005 DIAMETER_MISSING_AVP, Failed-AVP names it
  kMissingImei,                 // 5005: Terminal-Information holds neither IMEI nor 3GPP2-MEID
};

struct IdentityCheckAnswer {
  IdentityCheckOutcome outcome = IdentityCheckOutcome::kEquipmentStatus;
  eir::EquipmentStatus status = eir::EquipmentStatus::kWhitelisted;  // kEquipmentStatus only
  eir::Answer metrics_answer = eir::Answer::kWhitelisted;            // the metrics label
};

// A 3GPP2-MEID as the 14 hex digits the EIR is asked about (upper case). The AVP holds octets
// 3 to 10 of the A.S0022 Mobile Identity (type of identity 001 = MEID, digit 1 in the high
// nibble of the first octet, then two digits an octet, low nibble first, an F filler last);
// 7 octets of the 56-bit MEID and 14 hex characters are also accepted, as some MMEs send them.
// Anything else gives nullopt. MEIDs whose region code is decimal (00-99) are IMEIs by design
// (3GPP2 S.R0048), so the snapshot looks those up as IMEIs; hex ones fall under its
// invalid-IMEI policy.
using MeidDigits = std::array<char, 14>;
std::optional<MeidDigits> DecodeMeid(std::span<const std::uint8_t> avp_value) noexcept;

// The snapshot's question for `request`: IMEI as sent (the snapshot keys on its first 14
// characters and ignores a check or spare digit), else the MEID's digits (written into
// `meid_buffer`, which must outlive the query; an undecodable MEID is asked about as an empty
// identifier, so the invalid-IMEI policy answers), and User-Name as IMSI when it is 1-15
// digits (anything else cannot name an exception pair and is left out). nullopt when there is
// nothing to ask about (see AnswerIdentityCheck).
std::optional<eir::EquipmentQuery> QueryOf(const IdentityCheckRequest& request,
                                           MeidDigits& meid_buffer) noexcept;

// The answer to `request` from `snapshot`. Never fails: a request without Terminal-Information
// or without IMEI and 3GPP2-MEID is answered 5005; everything else is the snapshot's decision.
// Thread-safe; no allocation.
IdentityCheckAnswer AnswerIdentityCheck(const IdentityCheckRequest& request,
                                        const eir::DecisionSnapshot& snapshot) noexcept;

}  // namespace openceir::s13
