#include "openceir/eirhttp/test_snapshot.h"

#include <cstdlib>
#include <iostream>

#include "openceir/eir/snapshot_builder.h"

namespace openceir::eirhttp::testing {
namespace {

void Check(const Status& status) {
  if (!status.ok()) {
    std::cerr << "test snapshot: " << status.ToString() << "\n";
    std::abort();
  }
}

}  // namespace

std::shared_ptr<const eir::DecisionSnapshot> MakeTestSnapshot() {
  eir::SnapshotBuilder builder;
  Check(builder.AddBlacklisted(kBlacklistedImei, 20240501, kBlacklistReasons));
  Check(builder.AddNotified(kGreylistedImei, 20990101, "duplicate"));
  Check(builder.AddBlacklisted(kPairedImei, 20240301, "duplicate"));
  Check(builder.AddExceptionPair(kPairedImei, kPairedImsi));
  eir::DecisionPolicies policies;
  policies.test_tac = eir::PolicyAnswer::kEquipmentUnknown;
  builder.SetPolicies(policies);
  auto snapshot = std::move(builder).Build(7, 1'700'000'000);
  Check(snapshot.status());
  return std::move(snapshot).value();
}

}  // namespace openceir::eirhttp::testing
