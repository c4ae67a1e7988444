// LoadClassifyContext: reads the registry parts (and travel evidence) a set of dimensions needs
// into a ClassifyContext, once per classification run.
#pragma once

#include <memory>
#include <span>

#include "openceir/base/status.h"
#include "openceir/classify/classify_context.h"
#include "openceir/classify/dimension.h"
#include "openceir/config/config.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::classify {

// The merged needs of `dimensions` for classification date `curr_date`.
ContextNeeds NeedsOf(std::span<const std::unique_ptr<Dimension>> dimensions, Date curr_date);

// Scans the current rows of each list in `needs.parts` (and the travel evidence of
// `needs.travel_window`) into a finished context. `observations` may be null when
// needs.travel_window is empty. Errors: the stores' errors, unchanged; kInvalidInput when the
// region's MCC-MNCs are malformed; kFailedPrecondition when travel evidence is needed and
// `observations` is null.
Result<std::unique_ptr<ClassifyContext>> LoadClassifyContext(store::RegistryStore& registry,
                                                             store::ObservationStore* observations,
                                                             const config::RegionConfig& region,
                                                             Date curr_date,
                                                             const ContextNeeds& needs);

}  // namespace openceir::classify
