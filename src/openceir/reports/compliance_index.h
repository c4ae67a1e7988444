// ComplianceIndex: where every IMEI stood as of one classification run, for the compliance and
// conditions figures and the classification-based ad-hoc reports.
//
// Same decisions as list generation: a blocking condition of the run whose block date is on or
// before the run's curr_date puts the IMEI on the blacklist (blocked), a later block date means
// it is notified; a non-blocking condition alone is informational; golden IMEIs are never
// notified or blocked (compliant, their matches still counted per condition). Rows of
// conditions the run did not have are ignored.
//
// Only matching IMEIs are held (about 40 bytes each), sorted by imei_norm. Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::reports {

enum class Compliance : std::uint8_t { kCompliant, kInformational, kNotified, kBlocked };
inline constexpr int kComplianceKinds = 4;
// "compliant", "informational", "notified", "blocked".
std::string_view ComplianceName(Compliance compliance);

// One condition an IMEI matches: the index into the run's conditions, and whether its block
// date is due (on or before curr_date).
struct MatchedCondition {
  std::uint16_t condition = 0;
  bool due = false;
  Date block_date;
};

struct ImeiStanding {
  Compliance compliance = Compliance::kCompliant;
  bool golden = false;
  Date block_date;  // the earliest block date of its blocking conditions (blocked/notified)
  std::span<const MatchedCondition> conditions;  // empty when it matches none
};

class ComplianceIndex {
 public:
  // An index with no run: every IMEI compliant, no conditions.
  ComplianceIndex() = default;
  // Loads the state as of `run` (its golden list as of the run too).
  static Result<ComplianceIndex> Load(store::RegistryStore& registry,
                                      const store::ClassificationRunRecord& run);

  const std::optional<store::ClassificationRunRecord>& run() const { return run_; }
  // The run's conditions, in the run's order (empty without a run).
  std::vector<store::ConditionSpec> conditions() const;
  // Where `imei_norm` stands; the span is valid as long as the index.
  ImeiStanding Find(std::string_view imei_norm) const;
  // IMEIs matching at least one condition of the run, in imei_norm order.
  std::size_t size() const { return imeis_.size(); }
  const std::string& ImeiAt(std::size_t i) const { return imeis_[i].imei_norm; }
  ImeiStanding StandingAt(std::size_t i) const;

 private:
  struct Entry {
    std::string imei_norm;
    std::uint32_t first = 0;  // into matches_
    std::uint16_t count = 0;
    Compliance compliance = Compliance::kCompliant;
    bool golden = false;
    Date block_date;
  };

  std::optional<store::ClassificationRunRecord> run_;
  std::vector<Entry> imeis_;
  std::vector<MatchedCondition> matches_;
};

}  // namespace openceir::reports
