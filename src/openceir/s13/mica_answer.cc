#include "openceir/s13/mica_answer.h"

#include <cstdint>

namespace openceir::s13 {
namespace {

constexpr std::int32_t kNoStateMaintained = 1;  // Auth-Session-State

int AddAvp(msg_or_avp* parent, struct dict_object* model, const union avp_value& value) {
  struct avp* avp = nullptr;
  int rc = fd_msg_avp_new(model, 0, &avp);
  if (rc != 0) return rc;
  rc = fd_msg_avp_setvalue(avp, const_cast<union avp_value*>(&value));
  if (rc == 0) rc = fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, avp);
  if (rc != 0) fd_msg_free(avp);
  return rc;
}

int AddUnsigned32(msg_or_avp* parent, struct dict_object* model, std::uint32_t number) {
  union avp_value value;
  value.u32 = number;
  return AddAvp(parent, model, value);
}

int AddEnumerated(msg_or_avp* parent, struct dict_object* model, std::int32_t number) {
  union avp_value value;
  value.i32 = number;
  return AddAvp(parent, model, value);
}

// A grouped AVP added to `parent`; `*group` receives it so children can be added.
int AddGroup(msg_or_avp* parent, struct dict_object* model, struct avp** group) {
  int rc = fd_msg_avp_new(model, 0, group);
  if (rc != 0) return rc;
  rc = fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, *group);
  if (rc != 0) fd_msg_free(*group);
  return rc;
}

// Failed-AVP { Terminal-Information { IMEI "00000000000000" } } for a missing Terminal-Information
// or IMEI: RFC 6733 7.5 wants an example of the missing AVP, its value of the correct minimum
// length (14 IMEI digits) and zeroes.
int AddFailedAvp(const S13Dictionary& d, struct msg* answer) {
  static std::uint8_t zero_imei[] = "00000000000000";
  struct avp* failed = nullptr;
  struct avp* terminal_information = nullptr;
  int rc = AddGroup(answer, d.failed_avp, &failed);
  if (rc == 0) rc = AddGroup(failed, d.terminal_information, &terminal_information);
  if (rc == 0) {
    union avp_value value;
    value.os.data = zero_imei;
    value.os.len = sizeof zero_imei - 1;
    rc = AddAvp(terminal_information, d.imei, value);
  }
  return rc;
}

// The answer with Session-Id, then Result-Code or Experimental-Result, Auth-Session-State,
// Origin-Host and Origin-Realm, in the order of the command's ABNF.
int NewAnswer(const S13Dictionary& d, std::uint32_t result_code, bool equipment_unknown,
              struct msg** message) {
  int rc = fd_msg_new_answer_from_req(d.dict, message, 0);
  if (rc != 0) return rc;
  struct msg* answer = *message;
  if (equipment_unknown) {
    struct avp* experimental = nullptr;
    if ((rc = AddGroup(answer, d.experimental_result, &experimental)) ||
        (rc = AddUnsigned32(experimental, d.vendor_id, kVendor3gpp)) ||
        (rc = AddUnsigned32(experimental, d.experimental_result_code,
                            kDiameterErrorEquipmentUnknown))) {
      return rc;
    }
  } else if ((rc = AddUnsigned32(answer, d.result_code, result_code))) {
    return rc;
  }
  if ((rc = AddEnumerated(answer, d.auth_session_state, kNoStateMaintained))) return rc;
  return fd_msg_add_origin(answer, 0);
}

}  // namespace

int WriteIdentityCheckAnswer(const S13Dictionary& d, const IdentityCheckAnswer& answer,
                             struct msg** message) {
  switch (answer.outcome) {
    case IdentityCheckOutcome::kEquipmentStatus: {
      int rc = NewAnswer(d, kDiameterSuccess, false, message);
      if (rc != 0) return rc;
      return AddEnumerated(*message, d.equipment_status, static_cast<std::int32_t>(answer.status));
    }
    case IdentityCheckOutcome::kEquipmentUnknown: return NewAnswer(d, 0, true, message);
    case IdentityCheckOutcome::kMissingTerminalInformation:
    case IdentityCheckOutcome::kMissingImei: {
      int rc = NewAnswer(d, kDiameterMissingAvp, false, message);
      if (rc != 0) return rc;
      return AddFailedAvp(d, *message);
    }
  }
  return EINVAL;
}

int WriteResultCodeAnswer(const S13Dictionary& d, std::uint32_t result_code, struct msg** message) {
  return NewAnswer(d, result_code, false, message);
}

}  // namespace openceir::s13
