// A comparable picture of a registry store: every current list and every list as of chosen
// jobs, each as a row count and a digest of its rows, read through the RegistryStore API.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/job.h"
#include "openceir/store/registry_store.h"

namespace openceir::testing {

struct ListDigest {
  std::int64_t rows = 0;
  std::uint64_t hash = 0;  // FNV-1a over the rows in scan order
  friend bool operator==(const ListDigest&, const ListDigest&) = default;
};

// Keys "current/<list>" and "as_of/<job>/<list>".
using StoreSnapshot = std::map<std::string, ListDigest>;

// Snapshots the store at `path`: the current lists, and the lists as of each job in `as_of`.
Result<StoreSnapshot> SnapshotStore(const std::string& path,
                                    const std::vector<store::JobId>& as_of);

// The ids of every job recorded in the store at `path`, oldest first.
Result<std::vector<store::JobId>> AllJobIds(const std::string& path);

// Every job recorded in the store at `path`, newest first.
Result<std::vector<store::JobRecord>> AllJobs(const std::string& path);

// "current/stolen: 100 rows (hash ...)" lines, for failure messages.
std::string Describe(const StoreSnapshot& snapshot);

}  // namespace openceir::testing
