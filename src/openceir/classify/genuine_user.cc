#include "openceir/classify/genuine_user.h"

#include <fmt/format.h>

#include <algorithm>

#include "openceir/classify/classify_context.h"

namespace openceir::classify {
namespace {

// Packed IMEI, or a hash with the top bit set (packed keys are < 10^14) for other imei_norms.
std::uint64_t ImeiLinkKey(const ImeiKey& imei) {
  if (imei.packed != identifiers::kNotPacked) return imei.packed;
  return UidKeyOf(imei.imei_norm) | (std::uint64_t{1} << 63);
}

std::uint64_t ImeiLinkKey(std::string_view imei_norm) {
  return ImeiLinkKey(ImeiKey::Of(imei_norm));
}

bool Contains(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& pairs,
              std::pair<std::uint64_t, std::uint64_t> key) {
  return std::binary_search(pairs.begin(), pairs.end(), key);
}

// The first day (offset in the window) an IMSI was seen, or -1.
int FirstDayOffset(const store::ImsiSeen& seen) {
  for (std::size_t word = 0; word < seen.days.size(); ++word) {
    if (seen.days[word] != 0) {
      return static_cast<int>(word * 64) + __builtin_ctzll(seen.days[word]);
    }
  }
  return -1;
}

// Day bits count from the window's first day.
std::string FirstSeenText(store::DateWindow window, const store::ImsiSeen& seen) {
  int offset = FirstDayOffset(seen);
  if (offset < 0) return "never";
  return FormatYyyymmdd(Date{window.first.days + offset});
}

}  // namespace

GenuineUserDecision ChooseGenuineUser(const store::ImeiSummary& summary, store::DateWindow window,
                                      const std::vector<bool>& registered) {
  const std::vector<store::ImsiSeen>& imsis = summary.imsis;
  if (imsis.empty()) return {"", "no subscriber seen with the IMEI in the window"};
  if (imsis.size() == 1) {
    return {imsis[0].imsi,
            fmt::format("the only subscriber seen with the IMEI ({} days)", imsis[0].days_seen)};
  }
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < imsis.size(); ++i) {
    if (i < registered.size() && registered[i]) candidates.push_back(i);
  }
  if (candidates.size() == 1) {
    const store::ImsiSeen& user = imsis[candidates[0]];
    return {user.imsi, fmt::format("the only one of {} subscribers paired or associated with the "
                                   "IMEI on the registry lists ({} days seen)",
                                   imsis.size(), user.days_seen)};
  }
  const bool among_registered = !candidates.empty();
  if (!among_registered) {
    for (std::size_t i = 0; i < imsis.size(); ++i) candidates.push_back(i);
  }
  std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
    return imsis[a].days_seen > imsis[b].days_seen;
  });
  const store::ImsiSeen& top = imsis[candidates[0]];
  const store::ImsiSeen& runner_up = imsis[candidates[1]];
  const std::string among =
      among_registered ? fmt::format("{} registered subscribers", candidates.size())
                       : fmt::format("{} subscribers, none paired or associated with the IMEI",
                                     candidates.size());
  const bool clearly_most = top.days_seen >= runner_up.days_seen + 2 &&
                            top.days_seen >= kGenuineMargin * runner_up.days_seen;
  if (!clearly_most) {
    return {"", fmt::format("cannot tell the genuine user apart: of {}, the two most active were "
                            "seen on {} and {} days (needs {}x the runner-up's days and 2 more); "
                            "every user is notified",
                            among, top.days_seen, runner_up.days_seen, kGenuineMargin)};
  }
  return {top.imsi, fmt::format("used the IMEI most among {}: {} days of {} seen, runner-up {} "
                                "days; first seen {}",
                                among, top.days_seen, summary.days_seen, runner_up.days_seen,
                                FirstSeenText(window, top))};
}

void SubscriberLinks::AddPairing(std::string_view imei_norm, std::string_view imsi) {
  std::uint64_t imsi_key = ImsiKeyOf(imsi);
  if (imsi_key == kNoImsiKey) return;
  pairings_.emplace_back(ImeiLinkKey(imei_norm), imsi_key);
}

void SubscriberLinks::AddAssociation(std::string_view uid, std::string_view imei_norm) {
  associations_.emplace_back(ImeiLinkKey(imei_norm), UidKeyOf(uid));
}

void SubscriberLinks::Finish() {
  for (auto* pairs : {&pairings_, &associations_}) {
    std::sort(pairs->begin(), pairs->end());
    pairs->erase(std::unique(pairs->begin(), pairs->end()), pairs->end());
    pairs->shrink_to_fit();
  }
}

bool SubscriberLinks::IsPaired(const ImeiKey& imei, std::string_view imsi) const {
  std::uint64_t imsi_key = ImsiKeyOf(imsi);
  return imsi_key != kNoImsiKey && Contains(pairings_, {ImeiLinkKey(imei), imsi_key});
}

bool SubscriberLinks::IsAssociated(const ImeiKey& imei, std::span<const std::uint64_t> uids) const {
  const std::uint64_t key = ImeiLinkKey(imei);
  for (std::uint64_t uid : uids) {
    if (Contains(associations_, {key, uid})) return true;
  }
  return false;
}

Result<SubscriberLinks> LoadSubscriberLinks(store::RegistryStore& registry) {
  SubscriberLinks links;
  // Pairing columns: imei_norm, imsi, msisdn. Association: uid, imei_norm.
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanCurrentList(store::ListKind::kPairing, [&](const store::ListRow& row) {
        links.AddPairing(row[0], row[1]);
        return Status::Ok();
      }));
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanCurrentList(store::ListKind::kAssociation, [&](const store::ListRow& row) {
        links.AddAssociation(row[0], row[1]);
        return Status::Ok();
      }));
  links.Finish();
  return links;
}

bool HoldForGenuineUser(const GenuineUserDecision& decision, std::optional<Date> first_seen_ever,
                        Date curr_date) {
  if (decision.decided() || !first_seen_ever.has_value()) return false;
  return curr_date.days - first_seen_ever->days < kGenuineUserHoldDays;
}

}  // namespace openceir::classify
