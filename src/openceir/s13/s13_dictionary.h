// The S13 application in freeDiameter's dictionary: application 16777252 (vendor 3GPP 10415),
// ME-Identity-Check-Request/Answer (command 324) and the AVPs an ECR and its answer carry.
// Debian's dict_dcca_3gpp.fdx defines the AVPs (1401 Terminal-Information, 1402 IMEI, 1403
// Software-Version, 1445 Equipment-Status, 1471 3GPP2-MEID) but not the application or the
// commands; the base protocol defines User-Name, Result-Code, Experimental-Result and Failed-AVP.
// LoadS13Dictionary finds each object and defines the ones missing, so it works with or without
// that extension. Used by the S13 server and by the freeDiameter peer and stand-in extensions,
// so it has no dependency but freeDiameter (errors are freeDiameter's errno values).
#pragma once

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdproto.h>

#include <cstdint>
#include <string>

namespace openceir::s13 {

inline constexpr std::uint32_t kVendor3gpp = 10415;
inline constexpr std::uint32_t kS13ApplicationId = 16777252;
inline constexpr std::uint32_t kMeIdentityCheckCommand = 324;

// AVP codes (RFC 6733 base protocol: vendor 0; TS 29.272: vendor 10415).
inline constexpr std::uint32_t kUserNameAvp = 1;
inline constexpr std::uint32_t kResultCodeAvp = 268;
inline constexpr std::uint32_t kExperimentalResultAvp = 297;
inline constexpr std::uint32_t kExperimentalResultCodeAvp = 298;
inline constexpr std::uint32_t kVendorIdAvp = 266;
inline constexpr std::uint32_t kTerminalInformationAvp = 1401;
inline constexpr std::uint32_t kImeiAvp = 1402;
inline constexpr std::uint32_t kSoftwareVersionAvp = 1403;
inline constexpr std::uint32_t kEquipmentStatusAvp = 1445;
inline constexpr std::uint32_t kMeidAvp = 1471;

// Result codes the EIR answers.
inline constexpr std::uint32_t kDiameterSuccess = 2001;
inline constexpr std::uint32_t kDiameterMissingAvp = 5005;
inline constexpr std::uint32_t kDiameterUnableToComply = 5012;
inline constexpr std::uint32_t kDiameterErrorEquipmentUnknown = 5422;  // experimental, 3GPP

// The dictionary objects S13 messages are built from. Valid while freeDiameter's core runs.
struct S13Dictionary {
  struct dictionary* dict = nullptr;
  struct dict_object* vendor_3gpp = nullptr;
  struct dict_object* application = nullptr;
  struct dict_object* identity_check_request = nullptr;
  struct dict_object* identity_check_answer = nullptr;
  struct dict_object* user_name = nullptr;
  struct dict_object* auth_session_state = nullptr;
  struct dict_object* destination_realm = nullptr;
  struct dict_object* destination_host = nullptr;
  struct dict_object* vendor_specific_application_id = nullptr;
  struct dict_object* vendor_id = nullptr;
  struct dict_object* auth_application_id = nullptr;
  struct dict_object* result_code = nullptr;
  struct dict_object* experimental_result = nullptr;
  struct dict_object* experimental_result_code = nullptr;
  struct dict_object* failed_avp = nullptr;
  struct dict_object* terminal_information = nullptr;
  struct dict_object* imei = nullptr;
  struct dict_object* software_version = nullptr;
  struct dict_object* meid = nullptr;
  struct dict_object* equipment_status = nullptr;
};

// Fills `out` from `dict` (which holds the base protocol), defining what is missing. Returns 0,
// or freeDiameter's error with `what` naming the object that failed. Not thread-safe: call
// once while the core starts (or from an extension's init).
int LoadS13Dictionary(struct dictionary* dict, S13Dictionary* out, std::string* what);

}  // namespace openceir::s13
