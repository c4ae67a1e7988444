// Shared shapes of dimension classes (internal to classify).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "openceir/classify/dimension.h"

namespace openceir::classify::internal {

// A dimension that reads only registry parts (no network window).
class RegistryDimension : public Dimension {
 public:
  RegistryDimension(std::string_view module, std::uint32_t parts)
      : module_(module), parts_(parts) {}
  std::string_view module() const override { return module_; }
  std::optional<store::DateWindow> Window(Date) const override { return std::nullopt; }
  void AddNeeds(Date, ContextNeeds* needs) const override { needs->parts |= parts_; }

 private:
  std::string_view module_;
  std::uint32_t parts_;
};

// "35123456" for a TAC number; "" for kNoTac.
std::string TacText(std::uint32_t tac);

// An int64 evidence value, or `fallback` when absent or not an integer.
std::int64_t IntEvidence(const DimensionOutcome& outcome, std::string_view name,
                         std::int64_t fallback = 0);
// Any evidence value as text ("" when absent).
std::string TextEvidence(const DimensionOutcome& outcome, std::string_view name);

}  // namespace openceir::classify::internal
