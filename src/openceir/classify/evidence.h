// Evidence: the numbers that made a dimension match (or not), as named values, so that they can
// be stored with a classification and shown to a person ("12 distinct IMSIs in 20261001..20261030
// >= threshold 10").
//
// Names are static snake_case strings owned by the dimension code (string_view into literals), so
// filling evidence for a numeric fact never allocates; an Outcome reused across IMEIs keeps its
// capacity. Not thread-safe (one Outcome per thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "openceir/base/date.h"

namespace openceir::classify {

// One named fact. Dates are kept as dates (shown YYYYMMDD); text only where a fact is text
// (a device type, an operator id).
struct EvidenceItem {
  std::string_view name;  // static snake_case, e.g. "distinct_imsis"
  std::variant<std::int64_t, double, Date, std::string> value;

  friend bool operator==(const EvidenceItem&, const EvidenceItem&) = default;
};

// "12", "3.25", "20261001" or the text.
std::string FormatEvidenceValue(const EvidenceItem& item);

// The result of evaluating one dimension on one IMEI (before any `invert`).
struct DimensionOutcome {
  bool matched = false;
  std::vector<EvidenceItem> evidence;

  // Ready for the next IMEI; keeps the evidence capacity.
  void Reset() {
    matched = false;
    evidence.clear();
  }
  void Add(std::string_view name, std::int64_t value) { evidence.push_back({name, value}); }
  void Add(std::string_view name, int value) {
    evidence.push_back({name, static_cast<std::int64_t>(value)});
  }
  void Add(std::string_view name, double value) { evidence.push_back({name, value}); }
  void Add(std::string_view name, Date value) { evidence.push_back({name, value}); }
  void Add(std::string_view name, std::string value) {
    evidence.push_back({name, std::move(value)});
  }

  // The item called `name`, or nullptr.
  const EvidenceItem* Find(std::string_view name) const;
};

// "name=value name=value ..." in evidence order: a compact, stable, machine-readable form.
std::string FormatEvidence(const DimensionOutcome& outcome);

}  // namespace openceir::classify
