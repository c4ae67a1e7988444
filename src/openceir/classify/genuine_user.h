// The genuine user of a cloned IMEI (issue 4 item 7, ITU-T Q.5052: choose the genuine device
// among duplicates). When an IMEI matches a condition that finds cloning, the subscriber who is
// most probably its owner keeps service: the classifier records the pair (IMEI, IMSI) as a
// genuine-user exception (reversible by a regulator), and only the other users are notified.
//
// The rule, in order (the README gives the reasons):
//   1. Registry: an IMSI paired with the IMEI on the pairing list, or whose subscriber (UID on
//      the subscribers list) is associated with the IMEI on the association list, is a
//      registered user. Exactly one registered user among those seen: that user.
//      Several: the usage rule decides among them only.
//   2. Usage: the subscriber seen with the IMEI on the most days of the window, clearly ahead
//      of the runner-up (at least kGenuineMargin times its days and at least 2 days more).
//      A clone runs part-time beside an owner who uses the phone daily; two users with similar
//      days cannot be told apart from network data.
//   3. Otherwise undetermined: no exception, every user is notified, and the evidence says so.
// One subscriber only seen in the window: that subscriber.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/classify/imei_key_set.h"
#include "openceir/store/imei_summary.h"
#include "openceir/store/registry_store.h"

namespace openceir::classify {

// The runner-up's days are multiplied by this to compare with the chosen user's days.
inline constexpr double kGenuineMargin = 1.25;

struct GenuineUserDecision {
  std::string imsi;    // empty: no user could be told apart
  std::string reason;  // why this user, or why none, in words
  bool decided() const { return !imsi.empty(); }
};

// A cloned IMEI whose users cannot be told apart is held, not listed, until it has been seen
// on the networks for this many days: a month of usage separates an owner who uses the phone
// daily from a part-time clone (on the synthetic country, 7 of 155 cloned IMEIs are
// undetermined after 15 days, none after 45), and notifying the owner on a coin flip is the
// wrong answer Q.5052 warns about. After that every user is notified, as rule 3 says.
inline constexpr int kGenuineUserHoldDays = 30;

// True when a blocking cloning condition's match on an IMEI first seen on `first_seen_ever`
// waits for more usage on `curr_date` (`decision` undetermined, seen for less than the hold).
bool HoldForGenuineUser(const GenuineUserDecision& decision, std::optional<Date> first_seen_ever,
                        Date curr_date);

// Decides the genuine user of `summary`'s IMEI, a summary for `window`. `registered[i]` says
// whether summary.imsis[i] is a registered user (rule 1); missing entries count as false.
GenuineUserDecision ChooseGenuineUser(const store::ImeiSummary& summary, store::DateWindow window,
                                      const std::vector<bool>& registered);

// Links between IMEIs and subscribers kept by the registry: pairings (IMEI, IMSI) and
// associations (UID, IMEI). IMEIs are packed (ImeiKey); others hashed. Immutable after Finish.
class SubscriberLinks {
 public:
  void AddPairing(std::string_view imei_norm, std::string_view imsi);
  void AddAssociation(std::string_view uid, std::string_view imei_norm);
  void Finish();

  bool IsPaired(const ImeiKey& imei, std::string_view imsi) const;
  // True when one of `uids` (UidKeyOf, as ClassifyContext::UidsOfImsi gives) is associated
  // with the IMEI.
  bool IsAssociated(const ImeiKey& imei, std::span<const std::uint64_t> uids) const;
  std::size_t size() const { return pairings_.size() + associations_.size(); }

 private:
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pairings_;      // (imei key, ImsiKeyOf)
  std::vector<std::pair<std::uint64_t, std::uint64_t>> associations_;  // (imei key, UidKeyOf)
};

// Reads the current pairing and association lists. Errors: the store's, unchanged.
Result<SubscriberLinks> LoadSubscriberLinks(store::RegistryStore& registry);

}  // namespace openceir::classify
