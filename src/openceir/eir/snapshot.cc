// DecisionSnapshot::Decide: the rules in snapshot.h, on packed keys, without allocating.
#include "openceir/eir/snapshot.h"

#include <algorithm>

#include "openceir/eir/snapshot_builder.h"
#include "openceir/identifiers/imei.h"

namespace openceir::eir {

Decision DecisionSnapshot::Decide(const EquipmentQuery& query) const noexcept {
  const std::optional<std::uint64_t> imei_key = ImeiKeyOf(query.imei);
  if (!imei_key) return ApplyPolicy(policies_.invalid_imei, DecisionBasis::kInvalidImeiPolicy);

  const std::size_t listed = listed_.Find(*imei_key);
  if (listed != SortedKeys::kNotFound) {
    const ListedEntry& entry = entries_[listed];
    Decision decision;
    decision.block_date = entry.block_date;
    decision.reasons = ReasonsAt(entry.reasons_and_kind & ~kBlacklistedBit);
    if (query.imsi && IsExceptionPair(*imei_key, *query.imsi)) {
      decision.status = EquipmentStatus::kWhitelisted;
      decision.basis = DecisionBasis::kExceptionPair;
    } else if ((entry.reasons_and_kind & kBlacklistedBit) != 0) {
      decision.status = EquipmentStatus::kBlacklisted;
      decision.basis = DecisionBasis::kBlacklist;
    } else {
      decision.status = EquipmentStatus::kGreylisted;
      decision.basis = DecisionBasis::kNotification;
    }
    return decision;
  }

  if (policies_.test_tac && identifiers::IsTestTac(query.imei)) {
    return ApplyPolicy(*policies_.test_tac, DecisionBasis::kTestTacPolicy);
  }
  if (policies_.unallocated_tac &&
      !std::binary_search(allocated_tacs_.begin(), allocated_tacs_.end(),
                          identifiers::TacOfPacked(*imei_key))) {
    return ApplyPolicy(*policies_.unallocated_tac, DecisionBasis::kUnallocatedTacPolicy);
  }
  if (policies_.unknown_imei && known_imeis_.Find(*imei_key) == SortedKeys::kNotFound) {
    return ApplyPolicy(*policies_.unknown_imei, DecisionBasis::kUnknownImeiPolicy);
  }
  return Decision{};
}

bool DecisionSnapshot::IsExceptionPair(std::uint64_t imei_key,
                                       std::string_view imsi) const noexcept {
  const std::optional<std::uint64_t> imsi_key = ImsiKeyOf(imsi);
  if (!imsi_key) return false;
  return std::binary_search(exception_pairs_.begin(), exception_pairs_.end(),
                            ExceptionPair{imei_key, *imsi_key});
}

Decision DecisionSnapshot::ApplyPolicy(PolicyAnswer answer, DecisionBasis basis) const noexcept {
  Decision decision;
  decision.basis = basis;
  switch (answer) {
    case PolicyAnswer::kWhitelisted: decision.status = EquipmentStatus::kWhitelisted; break;
    case PolicyAnswer::kGreylisted: decision.status = EquipmentStatus::kGreylisted; break;
    case PolicyAnswer::kBlacklisted: decision.status = EquipmentStatus::kBlacklisted; break;
    case PolicyAnswer::kEquipmentUnknown: decision.equipment_unknown = true; break;
  }
  return decision;
}

std::string_view DecisionSnapshot::ReasonsAt(std::uint32_t index) const noexcept {
  if (index + 1 >= reasons_offsets_.size()) return {};
  return std::string_view(reasons_text_)
      .substr(reasons_offsets_[index], reasons_offsets_[index + 1] - reasons_offsets_[index]);
}

std::size_t DecisionSnapshot::MemoryBytes() const noexcept {
  return listed_.MemoryBytes() + entries_.capacity() * sizeof(ListedEntry) +
         reasons_text_.capacity() + reasons_offsets_.capacity() * sizeof(std::uint32_t) +
         exception_pairs_.capacity() * sizeof(ExceptionPair) +
         allocated_tacs_.capacity() * sizeof(std::uint32_t) + known_imeis_.MemoryBytes();
}

std::shared_ptr<const DecisionSnapshot> DecisionSnapshot::Empty(const DecisionPolicies& policies) {
  auto snapshot = std::shared_ptr<DecisionSnapshot>(new DecisionSnapshot());
  snapshot->policies_ = policies;
  // Policies that need data cannot hold on an empty snapshot: they are off until a bundle
  // brings the data (a node must not answer "unknown" for every IMEI before its first sync).
  if (snapshot->allocated_tacs_.empty()) snapshot->policies_.unallocated_tac.reset();
  if (snapshot->known_imeis_.size() == 0) snapshot->policies_.unknown_imei.reset();
  return snapshot;
}

}  // namespace openceir::eir
