// Canonical JSON text of a match's evidence: one object, the fields in the order given, every
// value a string ({"distinct_imsis":"12","threshold":"10"}). One byte sequence per evidence, so
// stored evidence compares and hashes stably, and SQL tools can still read it (json_extract).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/classification_state.h"

namespace openceir::store {

// Appends the canonical JSON of `evidence` to `out`. Errors: kInvalidInput when a name is empty
// or repeated. Escapes '"', '\\' and control characters (\u00XX, lower-case hex); other bytes
// (UTF-8) are copied as they are.
Status AppendEvidenceJson(std::span<const EvidenceField> evidence, std::string& out);

// Parses text written by AppendEvidenceJson (and any JSON object whose values are strings).
// Errors: kInvalidInput naming the offset of the first problem.
Result<std::vector<EvidenceField>> ParseEvidenceJson(std::string_view json);

}  // namespace openceir::store
