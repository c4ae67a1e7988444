// The first step of list generation: what happens to each IMEI with an open blocking match as of
// a classification run. On list date D an IMEI whose earliest due block date is <= D is
// blacklisted; otherwise, its matches all pending, it is notified. Golden-list IMEIs are
// neither.
//
// Which matches count: the open rows (as of the run) of the conditions the run was configured
// with and that are blocking. A condition the safety cap skipped in the run keeps its earlier
// matches (the run left its state unchanged on purpose); rows of conditions no longer
// configured do not count. The IMEI's reasons are the sorted, '|'-joined distinct reasons of
// the counted matches (blacklist: the due ones; notification: the pending ones).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::lists {

struct ImeiDecision {
  std::string imei_norm;
  Date block_date;               // the earliest block date of the counted matches
  std::uint32_t reasons = 0;     // index into ImeiDecisions::reason_sets
  bool blacklisted = false;      // false: notified
  bool amnesty_granted = false;  // notified, and every pending match was granted amnesty
};

struct ImeiDecisions {
  std::vector<ImeiDecision> imeis;       // imei_norm order (the store's bytewise key order)
  std::vector<std::string> reason_sets;  // "reason a|reason b"
  bool amnesty_column = false;  // the run had an amnesty condition or an IMEI was granted one
  std::int64_t golden_skipped = 0;

  // The decision for `imei_norm`, or nullptr. O(log n).
  const ImeiDecision* Find(const std::string& imei_norm) const;
};

// Decides every IMEI of `run` for list date `list_date`, reading the classification state and
// the golden list as of the run. Memory: one ImeiDecision per IMEI with a counted match.
// Errors: from the store (kNotFound when `run` is not a committed classification run).
Result<ImeiDecisions> DecideImeis(store::RegistryStore& registry,
                                  const store::ClassificationRunRecord& run, Date list_date);

}  // namespace openceir::lists
