#include "openceir/classify/evidence.h"

#include <fmt/format.h>

namespace openceir::classify {

std::string FormatEvidenceValue(const EvidenceItem& item) {
  struct Visitor {
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return fmt::format("{:.6g}", v); }
    std::string operator()(Date v) const { return FormatYyyymmdd(v); }
    std::string operator()(const std::string& v) const { return v; }
  };
  return std::visit(Visitor{}, item.value);
}

const EvidenceItem* DimensionOutcome::Find(std::string_view name) const {
  for (const EvidenceItem& item : evidence) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

std::string FormatEvidence(const DimensionOutcome& outcome) {
  std::string text;
  for (const EvidenceItem& item : outcome.evidence) {
    if (!text.empty()) text.push_back(' ');
    text.append(item.name);
    text.push_back('=');
    text += FormatEvidenceValue(item);
  }
  return text;
}

}  // namespace openceir::classify
