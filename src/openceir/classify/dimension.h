// Dimension: one classification test evaluated per IMEI (issue 4 item 1), with the semantics of
// DIRBS's module of the same name where DIRBS has one (README.md lists each).
//
// How a classification run uses dimensions (the engine is built on this interface):
//   1. MakeDimension(config) for every dimension of every condition (dimension_factory.h);
//   2. Window(curr_date) of each: the window of network data it reads, if any; AddNeeds() of
//      each, merged: the registry parts to load;
//   3. LoadClassifyContext(...) once (context_loader.h);
//   4. for every IMEI and dimension: Evaluate(context, facts, &outcome), where facts.summary is
//      the IMEI's summary for that dimension's window (ObservationStore::ScanImeiSummaries);
//      `invert` is applied by the caller, outside the dimension;
//   5. Explain(outcome) for a person, FormatEvidence(outcome) to store.
//
// Evaluate never fails and never throws: a malformed value (an IMEI with hex letters, an MSISDN
// that is not digits) is a fact about that IMEI, never a reason to stop the run.
//
// Thread-safety: a Dimension is immutable after construction; Evaluate is const and may run on
// several threads at once, each with its own DimensionOutcome.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "openceir/base/date.h"
#include "openceir/classify/classify_context.h"
#include "openceir/classify/evidence.h"
#include "openceir/classify/imei_key_set.h"
#include "openceir/store/imei_summary.h"

namespace openceir::classify {

// What is known about one IMEI when a dimension is evaluated.
struct ImeiFacts {
  ImeiKey imei;                // imei_norm and its packed key
  std::uint32_t tac = kNoTac;  // TacOf(imei_norm)
  // The IMEI's summary for the window the dimension asked for (Dimension::Window), or nullptr
  // when the IMEI has no triplet in it (or the dimension reads no network data).
  const store::ImeiSummary* summary = nullptr;
  // The first day the IMEI was ever seen on the network (network IMEIs), when known. Every
  // summary carries it; set it also when evaluating without a summary.
  std::optional<Date> first_seen_ever;
  // The IMEI exactly as a person typed it (registration, public check), when it was typed;
  // empty for network data, whose check digit is never reliable (BRIEF.md).
  std::string_view typed_imei;

  // Facts for `imei_norm` (which must outlive them) with `summary` (may be null).
  static ImeiFacts Of(std::string_view imei_norm, const store::ImeiSummary* summary);
};

class Dimension {
 public:
  virtual ~Dimension() = default;

  // The module name ("duplicate_threshold").
  virtual std::string_view module() const = 0;

  // The days of network data this dimension reads for classification date `curr_date`, or
  // nullopt when it reads none (registry-only dimensions). Windows end the day before
  // `curr_date`, as DIRBS's analysis windows do ([curr_date - period, curr_date)).
  virtual std::optional<store::DateWindow> Window(Date curr_date) const = 0;

  // Adds the registry parts (and travel window) this dimension reads.
  virtual void AddNeeds(Date curr_date, ContextNeeds* needs) const = 0;

  // Evaluates the dimension on one IMEI. Resets *outcome, then sets matched and the evidence:
  // the numbers that decided it, with the thresholds they were compared to. Never fails.
  virtual void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                        DimensionOutcome* outcome) const = 0;

  // One sentence for a person from an outcome this dimension produced: "12 distinct IMSIs in
  // 20261001..20261030 >= threshold 10".
  virtual std::string Explain(const DimensionOutcome& outcome) const = 0;
};

// The window of `days` days ending the day before `curr_date`: [curr_date - days, curr_date - 1].
store::DateWindow WindowOfDays(Date curr_date, int days);
// The window from `months` calendar months before `curr_date` (day clamped to the month's end,
// as dateutil's relativedelta) to the day before `curr_date`.
store::DateWindow WindowOfMonths(Date curr_date, int months);

}  // namespace openceir::classify
