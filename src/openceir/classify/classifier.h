// The classification engine (issue 4 items 2, 3 and 7): evaluates the configured conditions on
// every IMEI of the classification universe for one analysis date and commits the run to the
// classification state (block dates fixed at first match, evidence, history, safety cap,
// amnesty, genuine users of cloned IMEIs).
//
// The universe: every IMEI seen on the network in the widest window the dimensions read
// (all windows end the day before curr_date, so it contains the others), plus the IMEIs on
// the lists a non-inverted list-membership dimension reads (confirmed stolen, barred,
// monitoring), seen or not: a stolen phone is blacklisted before it is ever used. IMEIs not
// seen within the widest window are not classified: their non-sticky matches end.
//
// Streaming: one summary scan reads every window at once (SummaryStreams, on its own thread),
// merged in imei_norm order with the list IMEIs; memory holds the registry snapshot, a few
// batches of summaries, the staged matches of one chunk and the genuine-user designations (one
// per cloned IMEI). A condition certain to exceed its safety cap (more matches than its ratio of
// every network IMEI plus the list IMEIs) stops being staged: only its count is recorded.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/classify/condition.h"
#include "openceir/classify/dimension_factory.h"
#include "openceir/config/config.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::classify {

// Opens another reader of the observation store (for the scan's thread).
using ObservationReaderOpener = std::function<Result<std::unique_ptr<store::ObservationStore>>()>;

struct ClassifyOptions {
  Date curr_date;  // the analysis date: windows end the day before it
  DimensionDefaults defaults;
  store::JobStart job;  // recorded as the run's job ("classify", arguments, user, pid)
  // Optional: the summary scan runs on its own thread on a reader opened with this, leaving the
  // `observations` store given to Classify to the calling thread; without it, the scan uses
  // `observations` (which the run then uses from two threads, one at a time).
  ObservationReaderOpener open_reader;
};

struct ClassifyReport {
  store::ClassificationRunRecord run;      // as committed
  std::vector<SkippedCondition> skipped;   // configured but not evaluated, with the reason
  std::vector<std::string> capped;         // labels the safety cap kept from being applied
  std::vector<store::DateWindow> windows;  // scanned, widest first
  std::int64_t network_imeis = 0;          // universe IMEIs seen in windows[0]
  std::int64_t list_only_imeis = 0;        // universe IMEIs only on a list
  std::int64_t cloned_imeis = 0;           // matched a cloning condition that was applied
  std::int64_t genuine_users_designated = 0;
  std::int64_t genuine_users_undetermined = 0;
  // Cloned IMEIs not listed yet: users not told apart, seen for less than kGenuineUserHoldDays.
  std::int64_t genuine_users_held = 0;
  double seconds = 0;
};

// Runs one classification: starts a job, evaluates, commits the run (which ends the job).
// A condition capped by max_allowed_matching_ratio is recorded as not applied and listed in
// `capped`; the call still succeeds (the caller decides the exit code).
// Requires: the stores migrated; `observations` used by no other thread during the call.
// Errors: kInvalidInput for a configuration the conditions cannot be built from;
// kFailedPrecondition when options.curr_date is before the latest run's; kAborted when network
// data was imported during the run (classify again); the stores' errors. On error the job is ended
// as rejected (kInvalidInput / kFailedPrecondition) or failed, and the state is unchanged.
Result<ClassifyReport> Classify(store::RegistryStore& registry,
                                store::ObservationStore& observations, const config::Config& config,
                                const ClassifyOptions& options);

// The default analysis date: the day after the last day of operator data imported for any
// configured operator. Errors: kFailedPrecondition when no operator data was imported.
Result<Date> DefaultAnalysisDate(store::ObservationStore& observations,
                                 const config::RegionConfig& region);

}  // namespace openceir::classify
