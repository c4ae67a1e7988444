// `openceir audit verify`: recomputes the audit trail's hash chain (store/audit_chain.h). Exit 0
// when intact; 1 naming the first broken entry (edited, deleted, or added behind the store's
// back).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/api_commands.h"
#include "openceir/store/audit_chain.h"

namespace openceir::cli {

int RunAuditVerify(const GlobalOptions& global, bool json) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  SystemClock clock;
  auto registry = OpenStore(*context, OpenMode::kExistingLatest, &clock);
  if (!registry.ok()) return ReportError(registry.status());
  auto verification = store::VerifyAuditChain(**registry);
  if (!verification.ok()) return ReportError(verification.status());
  if (json) {
    fmt::print("{}\n", nlohmann::json{{"intact", verification->intact()},
                                      {"entries", verification->entries},
                                      {"broken_seq", verification->broken_seq
                                                         ? nlohmann::json(*verification->broken_seq)
                                                         : nlohmann::json(nullptr)},
                                      {"problem", verification->problem}}
                           .dump(2));
  } else if (verification->intact()) {
    fmt::print("audit trail intact: {} entries\n", verification->entries);
  } else {
    fmt::print("audit trail BROKEN at entry {}: {}\n", *verification->broken_seq,
               verification->problem);
  }
  return verification->intact() ? kExitOk : kExitRejected;
}

}  // namespace openceir::cli
