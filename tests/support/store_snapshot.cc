// SnapshotStore: digests of every list, current and as of given jobs.
#include "tests/support/store_snapshot.h"

#include <fmt/format.h>

#include <algorithm>

#include "openceir/base/clock.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::testing {
namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

void Mix(std::uint64_t& hash, std::string_view bytes) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  hash ^= 0xff;  // field separator that no text byte equals after the xor above
  hash *= kFnvPrime;
}

store::ListRowVisitor DigestInto(ListDigest& digest) {
  return [&digest](const store::ListRow& row) {
    for (const std::string& value : row) Mix(digest.hash, value);
    Mix(digest.hash, "\n");
    ++digest.rows;
    return Status::Ok();
  };
}

}  // namespace

Result<StoreSnapshot> SnapshotStore(const std::string& path,
                                    const std::vector<store::JobId>& as_of) {
  SystemClock clock;
  OPENCEIR_ASSIGN_OR_RETURN(auto opened, store::OpenSqliteRegistryStore(path, &clock));
  StoreSnapshot snapshot;
  for (const store::ListSchema& schema : store::AllListSchemas()) {
    ListDigest current{0, kFnvOffset};
    OPENCEIR_RETURN_IF_ERROR(opened->ScanCurrentList(schema.kind, DigestInto(current)));
    snapshot[fmt::format("current/{}", schema.name)] = current;
    for (store::JobId job : as_of) {
      ListDigest past{0, kFnvOffset};
      OPENCEIR_RETURN_IF_ERROR(opened->ScanListAsOf(schema.kind, job, DigestInto(past)));
      snapshot[fmt::format("as_of/{}/{}", job, schema.name)] = past;
    }
  }
  return snapshot;
}

Result<std::vector<store::JobRecord>> AllJobs(const std::string& path) {
  SystemClock clock;
  OPENCEIR_ASSIGN_OR_RETURN(auto opened, store::OpenSqliteRegistryStore(path, &clock));
  return opened->ListJobs(1'000'000);
}

Result<std::vector<store::JobId>> AllJobIds(const std::string& path) {
  OPENCEIR_ASSIGN_OR_RETURN(auto jobs, AllJobs(path));
  std::vector<store::JobId> ids;
  for (const store::JobRecord& job : jobs) ids.push_back(job.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string Describe(const StoreSnapshot& snapshot) {
  std::string out;
  for (const auto& [key, digest] : snapshot) {
    if (digest.rows == 0) continue;
    out += fmt::format("{}: {} rows (hash {:016x})\n", key, digest.rows, digest.hash);
  }
  return out;
}

}  // namespace openceir::testing
