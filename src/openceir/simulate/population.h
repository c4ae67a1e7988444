// The people and devices of the synthetic country: subscribers (local and visiting), devices
// with their category (the truth), and usages: which device is used with which SIM, on which
// network, where, and on which days. Operator files, reference lists and the truth file are
// all written from one Population.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/simulate/geography.h"
#include "openceir/simulate/simulation_spec.h"
#include "openceir/simulate/tac_catalog.h"

namespace openceir::simulate {

struct Subscriber {
  std::string imsi;     // MCC-MNC + MSIN, 15 digits
  std::string msisdn;   // country code + national number, 12 digits
  std::uint8_t op = 0;  // home operator (local subscribers) or visited operator (roamers)
  bool roamer = false;
};

struct Device {
  std::string imei_text;  // as networks send it: 14, 15 (with Luhn) or 16 digits; or malformed
  std::string imei15;     // 15 digits with the Luhn digit (typed lists); malformed: as sent
  int model = -1;         // index into TacCatalog::models; -1 for unallocated TACs / malformed
  Category category = Category::kGenuine;
  std::string details;  // for the truth file (no commas)
  bool registered = false;
  bool status_whitelist = true;    // registration status "whitelist", else empty (both count)
  std::uint32_t device_id = 0;     // registration device_id (dual-SIM IMEIs share one)
  std::int16_t reported_day = -1;  // stolen: day of the theft report
  bool report_pending = false;     // stolen: status "pending"
  // cloned: the subscriber whose phone it is (truth_owners.csv), so a quality check can tell
  // the genuine user from the clones. UINT32_MAX for other categories.
  std::uint32_t owner = UINT32_MAX;
};

// How a device is seen on the network, as RAT codes for operator data and events.
// k4G models also fall back to 3G on some days; k4GOnly models (LTE-only modules, wearables)
// have no 3G to fall back to.
enum class RatKind : std::uint8_t { k2G, k3G, k4G, k5G, k2GOnLte, k4GOnly };

// One device used with one SIM on one network.
struct Usage {
  std::uint32_t device = 0;
  std::uint32_t subscriber = 0;
  std::uint8_t op = 0;    // the network whose files carry the rows
  std::uint8_t city = 0;  // where the device is used
  RatKind rat = RatKind::k4G;
  bool allow_null_imei = true;  // false when the SIM has another usage that same day
  std::int16_t first_day = 0;   // active days lie in [first_day, end_day)
  std::int16_t end_day = 0;
  std::int16_t forced_day = -1;  // always active that day (clone clash days)
  std::uint32_t p_active = 0;    // chance of activity on a day, in 1/65536 (65536: always)
  // Usages with the same time_group share event times (plus time_offset_s): a clone and its
  // owner are then seen minutes apart in far cities. 0 = own times.
  std::uint32_t time_group = 0;
  std::uint16_t time_offset_s = 0;
};

struct Population {
  std::vector<Subscriber> subscribers;
  std::vector<Device> devices;
  std::vector<Usage> usages;  // sorted by op (then by creation order)
  std::int64_t local_subscribers = 0;
};

Population BuildPopulation(const SimulationSpec& spec, const TacCatalog& catalog);

}  // namespace openceir::simulate
