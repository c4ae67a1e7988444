#include "openceir/store/job.h"

namespace openceir::store {

std::string_view JobOutcomeName(JobOutcome outcome) {
  switch (outcome) {
    case JobOutcome::kRunning: return "running";
    case JobOutcome::kSucceeded: return "succeeded";
    case JobOutcome::kRejected: return "rejected";
    case JobOutcome::kFailed: return "failed";
    case JobOutcome::kInterrupted: return "interrupted";
  }
  return "unknown";
}

}  // namespace openceir::store
