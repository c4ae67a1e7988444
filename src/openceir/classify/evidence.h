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
// The same appended to `out` (no allocation when `out` has the capacity).
void AppendEvidenceValue(const EvidenceItem& item, std::string& out);

// The result of evaluating one dimension on one IMEI (before any `invert`).
//
// record_evidence = false makes Evaluate decide `matched` only, skipping the evidence (and the
// text it would format): a classification's fast first pass over every IMEI. Evaluate again
// with it true for the IMEIs whose condition matched, to store why.
struct DimensionOutcome {
  bool matched = false;
  bool record_evidence = true;  // kept by Reset()
  std::vector<EvidenceItem> evidence;

  // Ready for the next IMEI; keeps the evidence capacity and record_evidence.
  void Reset() {
    matched = false;
    evidence.clear();
  }
  // Each Add does nothing unless record_evidence. Callers guard text they must format first.
  void Add(std::string_view name, std::int64_t value) {
    if (record_evidence) evidence.push_back({name, value});
  }
  void Add(std::string_view name, int value) { Add(name, static_cast<std::int64_t>(value)); }
  void Add(std::string_view name, double value) {
    if (record_evidence) evidence.push_back({name, value});
  }
  void Add(std::string_view name, Date value) {
    if (record_evidence) evidence.push_back({name, value});
  }
  void Add(std::string_view name, std::string value) {
    if (record_evidence) evidence.push_back({name, std::move(value)});
  }

  // The item called `name`, or nullptr.
  const EvidenceItem* Find(std::string_view name) const;
};

// "name=value name=value ..." in evidence order: a compact, stable, machine-readable form.
std::string FormatEvidence(const DimensionOutcome& outcome);

}  // namespace openceir::classify
