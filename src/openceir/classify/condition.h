// Conditions (issue 4 item 2): the configured conditions built into dimensions, evaluated on one
// IMEI as the AND of their dimensions (each possibly inverted), with the evidence of a match as
// the fields the classification state stores.
//
// A condition that cannot be built because OpenCEIR lacks its data (MakeDimension's
// kFailedPrecondition: reported_by_peer, not_type_approved) is skipped, with the reason, and
// never silently: BuildConditions returns it in ConditionSet::skipped. Any other build error
// (an unknown module, a bad parameter) fails the whole set: the configuration is wrong.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/classify/dimension.h"
#include "openceir/classify/dimension_factory.h"
#include "openceir/config/config.h"
#include "openceir/store/classification_state.h"

namespace openceir::classify {

// One dimension of a condition.
struct ConditionDimension {
  std::unique_ptr<Dimension> dimension;
  bool invert = false;
  std::string evidence_prefix;  // "duplicate_threshold" (module; "_2" added when repeated)
  int window = -1;              // index into ConditionSet::windows; -1: reads no network data
};

struct Condition {
  config::ConditionConfig config;
  std::vector<ConditionDimension> dimensions;
  // A non-inverted dimension that finds cloned IMEIs (duplicate_threshold, duplicate_daily_avg,
  // impossible_travel, concurrent_operators): its matches get a genuine user (genuine_user.h).
  bool detects_cloning = false;
  store::ConditionSpec spec;  // as recorded with the run
};

// A configured condition left out of the run, and why.
struct SkippedCondition {
  std::string label;
  std::string why;
};

struct ConditionSet {
  std::vector<Condition> conditions;  // in configuration order, skipped ones left out
  std::vector<SkippedCondition> skipped;
  // The distinct windows the dimensions read, widest first. Windows all end the day before
  // curr_date, so windows[0] contains every other: the network part of the classification
  // universe (see classifier.h).
  std::vector<store::DateWindow> windows;
  ContextNeeds needs;  // merged needs of every dimension, plus the lists the universe reads
  // ContextPart bits of the lists whose IMEIs join the universe even when not seen (lists that
  // a non-inverted list-membership dimension reads: stolen, barred, monitoring).
  std::uint32_t universe_lists = 0;
};

// Builds the conditions of `config` for classification date `curr_date`:
//  * each dimension through MakeDimension(…, defaults);
//  * the spec: label, reason, blocking, sticky, grace period, safety cap, and the amnesty
//    block date while the amnesty evaluation period runs (config.amnesty.enabled, the
//    condition amnesty_eligible and curr_date <= evaluation_period_end_date);
//  * windows[0] is at least WindowOfDays(curr_date, defaults.history_days) when no dimension
//    reads a window, so IMEIs seen recently are always classified.
// Errors: kInvalidInput for a dimension the configuration gets wrong (MakeDimension's error,
// prefixed with the condition label), a condition without dimensions, or bad amnesty dates.
Result<ConditionSet> BuildConditions(const config::Config& config, Date curr_date,
                                     const DimensionDefaults& defaults = {});

// The facts of one IMEI: one per window of the set (facts.summary for that window), plus
// `no_window` (summary null) for dimensions that read no network data.
struct ImeiFactsByWindow {
  std::vector<ImeiFacts> by_window;
  ImeiFacts no_window;

  const ImeiFacts& For(int window) const {
    return window < 0 ? no_window : by_window[static_cast<std::size_t>(window)];
  }
};

// True when every dimension of `condition` matches (after invert). Uses `scratch` with
// record_evidence = false; stops at the first dimension that does not match.
bool ConditionMatches(const Condition& condition, const ClassifyContext& context,
                      const ImeiFactsByWindow& facts, DimensionOutcome* scratch);

// The evidence fields of one match, written into buffers kept from match to match: a run
// stages hundreds of thousands of matches, and building fresh strings for each field of each
// was a large part of its time.
class EvidenceFields {
 public:
  void Clear() { size_ = 0; }
  // An empty field to fill (its strings keep the capacity of earlier use).
  store::EvidenceField& Add();
  void Add(std::string_view name, std::string_view value);
  std::span<const store::EvidenceField> fields() const { return {fields_.data(), size_}; }

 private:
  std::vector<store::EvidenceField> fields_;
  std::size_t size_ = 0;
};

// Evaluates every dimension again with evidence and adds, per dimension, its evidence items
// as "<prefix>.<name>", its sentence as "<prefix>.explain" (Dimension::Explain, "not: " in
// front when inverted) and "<prefix>.inverted" = "true" for an inverted dimension.
void AppendConditionEvidence(const Condition& condition, const ClassifyContext& context,
                             const ImeiFactsByWindow& facts, DimensionOutcome* scratch,
                             EvidenceFields* evidence);

// True for the modules that find cloned IMEIs.
bool IsCloningModule(std::string_view module);

}  // namespace openceir::classify
