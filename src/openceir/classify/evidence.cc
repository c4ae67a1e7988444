#include "openceir/classify/evidence.h"

#include <fmt/format.h>

#include <iterator>

namespace openceir::classify {

std::string FormatEvidenceValue(const EvidenceItem& item) {
  std::string text;
  AppendEvidenceValue(item, text);
  return text;
}

void AppendEvidenceValue(const EvidenceItem& item, std::string& out) {
  struct Visitor {
    std::string& out;
    void operator()(std::int64_t v) const { fmt::format_to(std::back_inserter(out), "{}", v); }
    void operator()(double v) const { fmt::format_to(std::back_inserter(out), "{:.6g}", v); }
    void operator()(Date v) const { out += FormatYyyymmdd(v); }
    void operator()(const std::string& v) const { out += v; }
  };
  std::visit(Visitor{out}, item.value);
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
