#include "openceir/s13/s13_dictionary.h"

#include <cerrno>

namespace openceir::s13 {
namespace {

// An AVP the S13 messages use, and how to define it when no loaded dictionary did.
struct AvpSpec {
  std::uint32_t code;
  std::uint32_t vendor;
  const char* name;
  enum dict_avp_basetype basetype;
  struct dict_object* S13Dictionary::*member;
};

constexpr AvpSpec kAvps[] = {
    {kUserNameAvp, 0, "User-Name", AVP_TYPE_OCTETSTRING, &S13Dictionary::user_name},
    {277, 0, "Auth-Session-State", AVP_TYPE_INTEGER32, &S13Dictionary::auth_session_state},
    {283, 0, "Destination-Realm", AVP_TYPE_OCTETSTRING, &S13Dictionary::destination_realm},
    {293, 0, "Destination-Host", AVP_TYPE_OCTETSTRING, &S13Dictionary::destination_host},
    {260, 0, "Vendor-Specific-Application-Id", AVP_TYPE_GROUPED,
     &S13Dictionary::vendor_specific_application_id},
    {kVendorIdAvp, 0, "Vendor-Id", AVP_TYPE_UNSIGNED32, &S13Dictionary::vendor_id},
    {258, 0, "Auth-Application-Id", AVP_TYPE_UNSIGNED32, &S13Dictionary::auth_application_id},
    {kResultCodeAvp, 0, "Result-Code", AVP_TYPE_UNSIGNED32, &S13Dictionary::result_code},
    {kExperimentalResultAvp, 0, "Experimental-Result", AVP_TYPE_GROUPED,
     &S13Dictionary::experimental_result},
    {kExperimentalResultCodeAvp, 0, "Experimental-Result-Code", AVP_TYPE_UNSIGNED32,
     &S13Dictionary::experimental_result_code},
    {279, 0, "Failed-AVP", AVP_TYPE_GROUPED, &S13Dictionary::failed_avp},
    {kTerminalInformationAvp, kVendor3gpp, "Terminal-Information", AVP_TYPE_GROUPED,
     &S13Dictionary::terminal_information},
    {kImeiAvp, kVendor3gpp, "IMEI", AVP_TYPE_OCTETSTRING, &S13Dictionary::imei},
    {kSoftwareVersionAvp, kVendor3gpp, "Software-Version", AVP_TYPE_OCTETSTRING,
     &S13Dictionary::software_version},
    {kMeidAvp, kVendor3gpp, "3GPP2-MEID", AVP_TYPE_OCTETSTRING, &S13Dictionary::meid},
    {kEquipmentStatusAvp, kVendor3gpp, "Equipment-Status", AVP_TYPE_INTEGER32,
     &S13Dictionary::equipment_status},
};

// freeDiameter's dictionary API takes non-const names; it copies them.
char* Name(const char* name) { return const_cast<char*>(name); }

int FindOrDefineAvp(struct dictionary* dict, const AvpSpec& spec, struct dict_object** out) {
  struct dict_avp_request request = {spec.vendor, spec.code, nullptr};
  int rc = fd_dict_search(dict, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &request, out, ENOENT);
  if (rc != ENOENT) return rc;
  // Base protocol AVPs must not carry the V bit; 3GPP ones must. M is set on all of these.
  const std::uint8_t vendor_bit = spec.vendor != 0 ? AVP_FLAG_VENDOR : 0;
  struct dict_avp_data data = {spec.code,
                               spec.vendor,
                               Name(spec.name),
                               AVP_FLAG_VENDOR | AVP_FLAG_MANDATORY,
                               static_cast<std::uint8_t>(vendor_bit | AVP_FLAG_MANDATORY),
                               spec.basetype};
  return fd_dict_new(dict, DICT_AVP, &data, nullptr, out);
}

int FindOrDefineCommand(struct dictionary* dict, struct dict_object* application, bool request,
                        struct dict_object** out) {
  command_code_t code = kMeIdentityCheckCommand;
  int rc = fd_dict_search(dict, DICT_COMMAND, request ? CMD_BY_CODE_R : CMD_BY_CODE_A, &code, out,
                          ENOENT);
  if (rc != ENOENT) return rc;
  // Requests are R+P; answers P, and may carry E for protocol errors.
  struct dict_cmd_data data = {
      kMeIdentityCheckCommand,
      Name(request ? "ME-Identity-Check-Request" : "ME-Identity-Check-Answer"),
      static_cast<std::uint8_t>(CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE |
                                (request ? CMD_FLAG_ERROR : 0)),
      static_cast<std::uint8_t>(request ? CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE
                                        : CMD_FLAG_PROXIABLE)};
  return fd_dict_new(dict, DICT_COMMAND, &data, application, out);
}

}  // namespace

int LoadS13Dictionary(struct dictionary* dict, S13Dictionary* out, std::string* what) {
  out->dict = dict;
  vendor_id_t vendor = kVendor3gpp;
  int rc = fd_dict_search(dict, DICT_VENDOR, VENDOR_BY_ID, &vendor, &out->vendor_3gpp, ENOENT);
  if (rc == ENOENT) {
    struct dict_vendor_data data = {kVendor3gpp, Name("3GPP")};
    rc = fd_dict_new(dict, DICT_VENDOR, &data, nullptr, &out->vendor_3gpp);
  }
  if (rc != 0) {
    *what = "vendor 3GPP (10415)";
    return rc;
  }
  application_id_t application = kS13ApplicationId;
  rc = fd_dict_search(dict, DICT_APPLICATION, APPLICATION_BY_ID, &application, &out->application,
                      ENOENT);
  if (rc == ENOENT) {
    struct dict_application_data data = {kS13ApplicationId, Name("3GPP S13/S13'")};
    rc = fd_dict_new(dict, DICT_APPLICATION, &data, out->vendor_3gpp, &out->application);
  }
  if (rc != 0) {
    *what = "application S13 (16777252)";
    return rc;
  }
  if ((rc = FindOrDefineCommand(dict, out->application, true, &out->identity_check_request)) ||
      (rc = FindOrDefineCommand(dict, out->application, false, &out->identity_check_answer))) {
    *what = "command ME-Identity-Check (324)";
    return rc;
  }
  for (const AvpSpec& spec : kAvps) {
    rc = FindOrDefineAvp(dict, spec, &(out->*spec.member));
    if (rc != 0) {
      *what = std::string("AVP ") + spec.name;
      return rc;
    }
  }
  return 0;
}

}  // namespace openceir::s13
