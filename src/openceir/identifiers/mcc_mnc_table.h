// Resolution of an IMSI to the operator whose MCC-MNC it carries, against the operators a
// deployment configures. Independent of the config structs so that config validation and the
// notification routing can both use it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::identifiers {

// One configured MCC-MNC of an operator: "41001" (MNC of 2 digits) or "310260" (3 digits).
struct OperatorMccMnc {
  std::string operator_id;
  std::string mcc_mnc;
};

// What an IMSI resolved to. The views point into the MccMncTable, which must outlive them.
struct MccMncMatch {
  std::string_view operator_id;
  std::string_view mcc;  // 3 digits
  std::string_view mnc;  // 2 or 3 digits
};

// An immutable table of configured MCC-MNCs. Thread-safe for concurrent reads.
class MccMncTable {
 public:
  // An empty table (resolves nothing).
  MccMncTable() = default;

  // Builds the table. Errors (kInvalidInput), each naming the operator and value at fault:
  // an empty operator id; an MCC-MNC that is not 5 or 6 decimal digits; an MCC-MNC listed
  // twice (for one operator or two); an MCC-MNC that is a prefix of another ("41001" and
  // "410012" would make the MNC length ambiguous).
  static Result<MccMncTable> Create(const std::vector<OperatorMccMnc>& entries);

  // The operator whose MCC-MNC `imsi` starts with, or nullopt. Because no configured value is
  // a prefix of another, at most one matches; the 6-digit form is tried before the 5-digit one
  // (longest match). Does not validate the rest of the IMSI. No allocation.
  std::optional<MccMncMatch> Resolve(std::string_view imsi) const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint32_t key;  // see KeyOf in the .cc: the digits plus their count
    std::string operator_id;
    std::string mcc_mnc;
  };
  std::vector<Entry> entries_;  // sorted by key
};

}  // namespace openceir::identifiers
