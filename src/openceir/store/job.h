// Job records: every command that changes data is a recorded job (who, when, input hash,
// counts, outcome), so a regulator can always say what was imported, when and by whom.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "openceir/base/clock.h"

namespace openceir::store {

using JobId = std::int64_t;

enum class JobOutcome {
  kRunning,      // started, not finished (or the process died: see kInterrupted)
  kSucceeded,    // finished, its changes are committed
  kRejected,     // refused its input; changed nothing
  kFailed,       // an internal or I/O error; changed nothing
  kInterrupted,  // found running with its process gone; changed nothing
};

std::string_view JobOutcomeName(JobOutcome outcome);

// What a job reports when it ends. Counts are meaningful for imports; -1 = not applicable.
struct JobCounts {
  std::int64_t rows_read = -1;
  std::int64_t added = -1;
  std::int64_t removed = -1;
  std::int64_t changed = -1;
  std::int64_t unchanged = -1;
};

struct JobStart {
  std::string command;       // "import stolen", "db migrate", ...
  std::string arguments;     // the arguments as given, joined with spaces
  std::string user;          // OS user or API key name
  std::string input_path;    // empty when the job reads no file
  std::string input_sha256;  // lower-case hex of the raw input file; empty when none
  std::int64_t pid = 0;      // so a later process can tell a dead job from a running one
};

struct JobRecord {
  JobId id = 0;
  JobStart start;
  UnixSeconds started_at = 0;
  std::optional<UnixSeconds> ended_at;
  JobOutcome outcome = JobOutcome::kRunning;
  JobCounts counts;
  std::string error;  // why it was rejected or failed; empty otherwise
};

}  // namespace openceir::store
