// A small decision snapshot for the eirhttp tests: one IMEI per answer the server can give.
#pragma once

#include <memory>
#include <string_view>

#include "openceir/eir/snapshot.h"

namespace openceir::eirhttp::testing {

// 15-digit IMEIs (the snapshot keys on the first 14).
inline constexpr std::string_view kBlacklistedImei = "352099001761481";  // block 2024-05-01
inline constexpr std::string_view kGreylistedImei = "490154203237518";   // notified
inline constexpr std::string_view kWhitelistedImei = "356938035643809";  // on no list
inline constexpr std::string_view kPairedImei = "353456789012345";       // blacklisted ...
inline constexpr std::string_view kPairedImsi = "310150123456789";       // ... but paired
inline constexpr std::string_view kTestTacImei = "001010123456789";      // policy: unknown
inline constexpr std::string_view kBlacklistReasons = "duplicate|stolen";

// Version 7, built at 1700000000; the test-TAC policy answers "equipment unknown".
std::shared_ptr<const eir::DecisionSnapshot> MakeTestSnapshot();

}  // namespace openceir::eirhttp::testing
