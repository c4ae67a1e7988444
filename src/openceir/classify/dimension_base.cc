#include "openceir/classify/dimension_base.h"

#include <fmt/format.h>

namespace openceir::classify::internal {

std::string TacText(std::uint32_t tac) { return tac == kNoTac ? "" : fmt::format("{:08d}", tac); }

std::int64_t IntEvidence(const DimensionOutcome& outcome, std::string_view name,
                         std::int64_t fallback) {
  const EvidenceItem* item = outcome.Find(name);
  if (item == nullptr) return fallback;
  const auto* value = std::get_if<std::int64_t>(&item->value);
  return value != nullptr ? *value : fallback;
}

std::string TextEvidence(const DimensionOutcome& outcome, std::string_view name) {
  const EvidenceItem* item = outcome.Find(name);
  return item == nullptr ? std::string() : FormatEvidenceValue(*item);
}

}  // namespace openceir::classify::internal
