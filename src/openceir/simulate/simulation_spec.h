// What `openceir simulate` generates: the size of the synthetic country, the period, the seed,
// the region (operators, country code) and the share of each device category.
//
// The same SimulationSpec always produces byte-identical files (simulate.h).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/config/config.h"

namespace openceir::simulate {

// The category of a device, as named in the truth file (`imei,category,details`).
enum class Category : std::uint8_t {
  kGenuine = 0,      // registered, used by its owner
  kDualSim,          // two IMEIs of one dual-SIM phone (one device_id), one SIM each
  kFamilyShared,     // one phone used with the SIMs of 2-4 family members
  kDeviceSwap,       // a subscriber moves from an old phone to a new one mid-period
  kCloned,           // one IMEI: its owner plus clones in other cities (impossible travel)
  kCounterfeit,      // TAC not allocated (absent from the GSMA TAC database)
  kMalformed,        // identifier not made of 14 leading digits
  kRat2gOnLte,       // a 2G-only model seen on E-UTRAN
  kStolen,           // reported stolen, then used by another subscriber
  kStolenRecovered,  // reported stolen, later recovered by its owner (stolen_delta removes it)
  kTestTac,          // a TAC reserved for test equipment (identifiers::IsTestTac)
  kInboundRoamer,    // a visitor: foreign MCC-MNC and foreign MSISDN
  kSimBox,           // one modem cycling through SIMs with sequential MSISDNs
  kUnregistered,     // a valid device missing from the registration list
};
inline constexpr std::size_t kCategoryCount = 14;

// "dual_sim" etc. (truth file); the CLI flag is "--share-" + the name with '-' for '_'.
std::string_view CategoryName(Category category);
std::optional<Category> CategoryFromName(std::string_view name);

// Share of the truth file's IMEIs in each category (0..1). kGenuine is the remainder:
// 1 - the sum of the others, whatever is stored for it.
using CategoryShares = std::array<double, kCategoryCount>;
CategoryShares DefaultCategoryShares();

struct SimulationSpec {
  std::int64_t subscribers = 10'000;  // local subscribers (SIMs of the country's operators)
  int days = 30;                      // length of the period, from `start`
  Date start{};                       // first day of the period (no default: callers choose)
  std::uint64_t seed = 1;
  CategoryShares shares = DefaultCategoryShares();
  // Share of operator-data rows given one data-quality defect (an empty IMEI, IMSI, MSISDN or
  // RAT, or a truncated IMSI). The default stays well below etc/openceir.yaml's 5 % limits.
  double noise_share = 0.008;

  // The region: operators (files are named after `id`; IMSIs carry their MCC-MNCs) and the
  // country code of local MSISDNs.
  std::string region_name = "Demoland";
  std::string country_code = "999";
  std::vector<config::OperatorConfig> operators;
};

// A spec for `region` (name, first country code, operators), other fields at their defaults.
SimulationSpec SpecForRegion(const config::RegionConfig& region);

// OK when the spec can be simulated; otherwise InvalidInput naming the bad field: subscribers
// 1..50'000'000, days 1..366, shares each 0..1 summing to at most 1 (genuine excluded),
// noise_share 0..0.04, 1..20 operators with MCC-MNCs of 5-6 digits, a country code of 1-3
// digits.
Status ValidateSpec(const SimulationSpec& spec);

}  // namespace openceir::simulate
