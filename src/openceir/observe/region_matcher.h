// RegionMatcher: what the configured region says about an IMSI or MSISDN, answered without
// allocation for the operator data hot path: in region or not, home network of the importing
// operator or not, and the IMSI class bits stored with triplets (store::ImsiClassBits).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/identifiers/mcc_mnc_table.h"

namespace openceir::observe {

struct ImsiFacts {
  bool in_region = false;     // MCC (first 3 digits) is one of the region's MCCs
  bool home_network = false;  // MCC-MNC is one of the importing operator's
  std::uint8_t imsi_class = 0;
};

// Immutable after Create; thread-safe for concurrent reads.
class RegionMatcher {
 public:
  // Errors: kInvalidInput when `operator_id` is not configured or the operators' MCC-MNCs do
  // not form a valid table.
  static Result<RegionMatcher> Create(const config::Config& config, std::string_view operator_id);

  // Facts of a non-empty all-digit IMSI. An IMSI shorter than 3 digits is out of region and
  // of no class.
  ImsiFacts FactsOfImsi(std::string_view imsi) const;
  // True when a non-empty MSISDN starts with one of the region's country codes.
  bool MsisdnInRegion(std::string_view msisdn) const;

 private:
  std::string operator_id_;
  identifiers::MccMncTable table_;
  std::array<bool, 1000> region_mcc_{};
  // Country codes of 1, 2 and 3 digits, indexed by their value.
  std::array<bool, 10> cc1_{};
  std::array<bool, 100> cc2_{};
  std::array<bool, 1000> cc3_{};
};

}  // namespace openceir::observe
