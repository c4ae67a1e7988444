// The device models of the synthetic country: a GSMA TAC database (allocated TACs with bands
// that give 2G-only, 3G, 4G and 5G models, plus IoT modules, modems and other device types),
// the test TACs, and TACs no one allocated (for counterfeits).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/simulate/simulation_spec.h"

namespace openceir::simulate {

// What kind of device a model is; decides its bands, device type and who uses it.
enum class ModelKind : std::uint8_t {
  kSmartphone5G,
  kSmartphone4G,
  kPhone3G,
  kFeaturePhone2G,
  kFeaturePhone4G,
  kTablet,
  kWearable,
  kIotModule,
  kIotDevice,
  kModem,  // USB modems and GSM gateways (what SIM boxes are built from)
  kTestEquipment,
};

struct DeviceModel {
  std::string tac;  // 8 digits
  ModelKind kind = ModelKind::kSmartphone4G;
  std::uint8_t generations = 0;  // identifiers::RadioGenerationBits of its bands
  int sim_slots = 1;
  std::string manufacturer;
  std::string brand;
  std::string model_name;
  std::string marketing_name;
  std::string device_type;  // GSMA: "Smartphone", "Feature phone", "Module", ...
  std::string bands;
  std::string radio_interface;  // "GSM, UMTS, LTE, NR"
  std::string operating_system;
  std::string allocation_date;  // "17-Mar-2015"
};

struct TacCatalog {
  std::vector<DeviceModel> models;            // everything in the GSMA TAC file
  std::vector<std::string> unallocated_tacs;  // valid-looking TACs absent from the file
};

// A catalog of a few hundred models, fixed by spec.seed; allocation dates before spec.start.
TacCatalog BuildTacCatalog(const SimulationSpec& spec);

// Writes the GSMA TAC database, '|' separated: tac, manufacturer, bands, allocation_date,
// model_name, device_type, then marketing_name, brand_name, radio_interface, operating_system,
// simslot, imeiquantitysupport.
Status WriteGsmaTacFile(const TacCatalog& catalog, const std::string& path);

}  // namespace openceir::simulate
