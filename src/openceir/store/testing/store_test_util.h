// A throwaway store for the tests and benchmarks of the components that read and write through
// the store interfaces (lists, reports): registry and observations in one SQLite file, as the CLI
// keeps them, in a fresh temporary folder and on a manual clock, with helpers that record
// reference-list changes, classification runs and observed triplets the way the importers and
// the classifier would.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/store/classification_state.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::store::testing {

// "20260101" -> Date; aborts on a bad literal (test data only).
Date Day(const char* yyyymmdd);

// An IMEI matching a run's condition (an index into the run's ConditionSpecs).
struct TestMatch {
  std::uint32_t condition = 0;
  std::string imei_norm;
};

// A triplet seen on one day.
struct SeenTriplet {
  std::string operator_id;
  std::string imei_norm;
  std::string imsi;
  std::string msisdn;
  Date day;
  std::uint8_t imsi_class = kImsiLocalSubscriber;
};

class StoreTestbed {
 public:
  // Creates (emptied first) the folder `openceir-<name>-<pid>` under the temp directory and the
  // migrated store in it.
  static Result<std::unique_ptr<StoreTestbed>> Create(const std::string& name);
  virtual ~StoreTestbed();  // removes the folder

  RegistryStore& registry() { return *registry_; }
  ObservationStore& observations() { return *observations_; }
  const std::string& dir() const { return dir_; }

  // Adds and removes rows of a reference list as one job, a minute after the previous job;
  // returns the job.
  Result<JobId> ChangeList(ListKind kind, std::vector<ListRow> added,
                           std::vector<ListRow> removed = {});
  // One committed classification run, a minute after the previous job; returns the run.
  // `genuine_users`: (imei_norm, imsi) designations. The run has seen the matched IMEIs plus
  // `unmatched_seen_imeis` others (what the conditions' matching ratios are measured against).
  Result<JobId> Classify(Date curr_date, const std::vector<ConditionSpec>& conditions,
                         const std::vector<TestMatch>& matches,
                         const std::vector<std::pair<std::string, std::string>>& genuine_users = {},
                         std::int64_t unmatched_seen_imeis = 1);
  // One committed observation import of `triplets` (merged by the store like an import's).
  Status See(const std::vector<SeenTriplet>& triplets);

 protected:
  StoreTestbed() : clock_(1'767'225'600) {}  // 2026-01-01 00:00:00 UTC
  // Creates the folder and the store (for Create and the Create of a derived testbed).
  Status Open(const std::string& name);

 private:
  std::string dir_;
  ManualClock clock_;
  std::unique_ptr<RegistryStore> registry_;
  std::unique_ptr<ObservationStore> observations_;
  int imports_ = 0;
};

}  // namespace openceir::store::testing
