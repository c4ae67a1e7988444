// The checks every ClassificationRun backend makes on what the classifier hands it, before
// staging it: the same input is refused with the same message on SQLite and PostgreSQL.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "openceir/base/status.h"
#include "openceir/store/classification_state.h"

namespace openceir::store {

// kInvalidInput when `match` names no condition of `conditions` or has no imei_norm, or when
// its evidence cannot be encoded (naming the condition and IMEI); else appends the evidence as
// JSON to `evidence_json`.
Status EncodeConditionMatch(const ConditionMatch& match, std::span<const ConditionSpec> conditions,
                            std::string& evidence_json);

// kInvalidInput when `count` unstaged matches cannot be counted for `condition` of a run with
// `condition_count` conditions.
Status CheckUnstagedMatches(std::uint32_t condition, std::int64_t count,
                            std::size_t condition_count);

// kInvalidInput when a genuine user lacks its imei_norm or IMSI.
Status CheckGenuineUser(const GenuineUserDesignation& user);

}  // namespace openceir::store
