// s13_constant_eir.fdx: the benchmark's baseline, a minimal S13 EIR inside Debian's
// freeDiameterd that answers every ME-Identity-Check-Request with Result-Code 2001 and
// Equipment-Status WHITELISTED without looking at it. It builds the answer with the same code
// as the S13 server (mica_answer.cc), so the difference between the two is reading the request
// and deciding. Run: freeDiameterd -c eir.conf (LoadExtension = ".../s13_constant_eir.fdx";).
#include <freeDiameter/extension.h>

#include <cstdio>
#include <string>

#include "openceir/s13/identity_check.h"
#include "openceir/s13/mica_answer.h"
#include "openceir/s13/s13_dictionary.h"

namespace openceir::s13::peer {
namespace {

S13Dictionary g_dictionary;

int AnswerConstant(struct msg** message, struct avp*, struct session*, void*,
                   enum disp_action* action) {
  *action = DISP_ACT_CONT;
  const IdentityCheckAnswer whitelisted;  // 2001, WHITELISTED
  int rc = WriteIdentityCheckAnswer(g_dictionary, whitelisted, message);
  if (rc == 0) rc = fd_msg_send(message, nullptr, nullptr);
  return rc;
}

int InitConstantEir(char*) {
  std::string what;
  int rc = LoadS13Dictionary(fd_g_config->cnf_dict, &g_dictionary, &what);
  if (rc != 0) {
    std::fprintf(stderr, "s13_constant_eir: defining %s failed\n", what.c_str());
    return rc;
  }
  if ((rc = fd_disp_app_support(g_dictionary.application, g_dictionary.vendor_3gpp, 1, 0))) {
    return rc;
  }
  struct disp_when when = {};
  when.app = g_dictionary.application;
  when.command = g_dictionary.identity_check_request;
  return fd_disp_register(&AnswerConstant, DISP_HOW_CC, &when, nullptr, nullptr);
}

}  // namespace
}  // namespace openceir::s13::peer

extern "C" {
EXTENSION_ENTRY("s13_constant_eir", openceir::s13::peer::InitConstantEir);
}
