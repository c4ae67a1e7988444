// The data an EIR node's policies need besides the lists (eir/policies.h), read from the central
// registry when a bundle is published: the TACs the GSMA TAC database allocated (for the
// unallocated-TAC policy) and, for whitelist mode, the IMEIs the country knows (registration
// list rows whose status is empty or "whitelist", FORMATS.md).
#pragma once

#include <cstdint>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::bundle {

struct PolicyData {
  std::vector<std::uint32_t> allocated_tacs;  // 8-digit TACs as numbers, sorted, unique
  std::vector<std::uint64_t> known_imeis;     // eir::ImeiKeyOf keys, sorted, unique
  std::int64_t skipped_rows = 0;              // TACs not 8 digits, IMEIs not 14-16 digits
};

struct PolicyDataRequest {
  bool allocated_tacs = true;
  bool known_imeis = false;  // whitelist mode only: the registration list can be large
};

// Reads the current GSMA TAC database and (when asked) registration list of `registry`: the
// newest reference data is what a node should judge unlisted equipment by, whichever lists run
// is published. Errors from the store.
Result<PolicyData> ReadPolicyData(store::RegistryStore& registry, const PolicyDataRequest& request);

}  // namespace openceir::bundle
