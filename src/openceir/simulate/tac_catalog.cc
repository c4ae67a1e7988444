// The invented makers and models of Demoland's GSMA TAC database.
#include "openceir/simulate/tac_catalog.h"

#include <array>
#include <set>

#include "openceir/identifiers/imei.h"
#include "openceir/identifiers/rat.h"
#include "openceir/simulate/buffered_file.h"
#include "openceir/simulate/random.h"

namespace openceir::simulate {
namespace {

using identifiers::kGen2G;
using identifiers::kGen3G;
using identifiers::kGen4G;
using identifiers::kGen5G;

struct Maker {
  const char* manufacturer;
  const char* brand;
  const char* prefix;  // reporting body: 35 (BABT), 86 (TAF), 01 (CTIA)
  const char* os;
};

constexpr std::array<Maker, 12> kMakers = {{
    {"Nimbus Mobile Ltd", "Nimbus", "35", "Android"},
    {"Orion Devices Inc", "Orion", "01", "iOS"},
    {"Tessera Technology Co", "Tessera", "86", "Android"},
    {"Kovalent Electronics", "Kova", "35", "Android"},
    {"Lumen Wireless Corp", "Lumen", "86", "Android"},
    {"Brightfield Telecom", "Brightfield", "35", "KaiOS"},
    {"Quill Communications", "Quill", "86", "Android"},
    {"Meridian Handsets", "Meridian", "35", "Android"},
    {"Sable IoT Systems", "Sable", "86", "RTOS"},
    {"Vantage Modules GmbH", "Vantage", "35", "RTOS"},
    {"Pioneer Link Ltd", "Pioneer", "86", "Linux"},
    {"Atlas Phones SA", "Atlas", "35", "Android"},
}};

struct KindInfo {
  ModelKind kind;
  const char* device_type;
  const char* name_stem;
  const char* bands;
  const char* radio_interface;
  std::uint8_t generations;
  int weight;  // models of this kind per maker, relative
};

constexpr const char* kBands5G =
    "GSM 850,GSM 900,GSM 1800,GSM 1900,WCDMA FDD Band I,WCDMA FDD Band V,WCDMA FDD Band VIII,"
    "LTE FDD BAND 1,LTE FDD BAND 3,LTE FDD BAND 7,LTE FDD BAND 20,LTE TDD BAND 40,"
    "NR SA BAND n78,NR NSA BAND n78,NR SA BAND n28";
constexpr const char* kBands4G =
    "GSM 850,GSM 900,GSM 1800,GSM 1900,WCDMA FDD Band I,WCDMA FDD Band VIII,LTE FDD BAND 1,"
    "LTE FDD BAND 3,LTE FDD BAND 7,LTE FDD BAND 20";
constexpr const char* kBands3G = "GSM 900,GSM 1800,WCDMA FDD Band I,WCDMA FDD Band VIII";
constexpr const char* kBands2G = "GSM 900,GSM 1800";
constexpr const char* kBandsLteOnly = "LTE FDD BAND 3,LTE FDD BAND 20,LTE-M BAND 3,NB-IoT BAND 20";

constexpr std::array<KindInfo, 11> kKinds = {{
    {ModelKind::kSmartphone5G, "Smartphone", "X", kBands5G, "GSM, UMTS, LTE, NR",
     kGen2G | kGen3G | kGen4G | kGen5G, 6},
    {ModelKind::kSmartphone4G, "Smartphone", "A", kBands4G, "GSM, UMTS, LTE",
     kGen2G | kGen3G | kGen4G, 7},
    {ModelKind::kPhone3G, "Mobile Phone/Feature phone", "C", kBands3G, "GSM, UMTS", kGen2G | kGen3G,
     2},
    {ModelKind::kFeaturePhone2G, "Mobile Phone/Feature phone", "F", kBands2G, "GSM", kGen2G, 3},
    {ModelKind::kFeaturePhone4G, "Mobile Phone/Feature phone", "K", kBands4G, "GSM, UMTS, LTE",
     kGen2G | kGen3G | kGen4G, 2},
    {ModelKind::kTablet, "Tablet", "Tab", kBands4G, "GSM, UMTS, LTE", kGen2G | kGen3G | kGen4G, 1},
    {ModelKind::kWearable, "Wearable", "W", "LTE FDD BAND 3,LTE FDD BAND 20", "LTE", kGen4G, 1},
    {ModelKind::kIotModule, "Module", "M", kBandsLteOnly, "LTE", kGen4G, 1},
    {ModelKind::kIotDevice, "IoT Device", "T", "GSM 900,GSM 1800,LTE FDD BAND 3", "GSM, LTE",
     kGen2G | kGen4G, 1},
    {ModelKind::kModem, "Modem", "G", "GSM 900,GSM 1800,WCDMA FDD Band I", "GSM, UMTS",
     kGen2G | kGen3G, 1},
    {ModelKind::kTestEquipment, "Test Equipment", "TE", kBands4G, "GSM, UMTS, LTE",
     kGen2G | kGen3G | kGen4G, 0},
}};

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string DdMonYyyy(Date date) {
  int year = 0, month = 0, day = 0;
  CivilFromDate(date, &year, &month, &day);
  return fmt::format("{:02d}-{}-{:04d}", day, kMonths[static_cast<std::size_t>(month - 1)], year);
}

std::string RandomTac(Rng& rng, const char* prefix) {
  return fmt::format("{}{:06d}", prefix, rng.Below(1'000'000));
}

}  // namespace

TacCatalog BuildTacCatalog(const SimulationSpec& spec) {
  TacCatalog catalog;
  Rng rng(HashKey(spec.seed, 0x7AC, 0));
  std::set<std::string> used;
  // Allocations over the ten years before the period.
  const std::int32_t last_day = spec.start.days - 30;
  auto add = [&](const Maker& maker, const KindInfo& kind, int index, const std::string& tac) {
    DeviceModel model;
    model.tac = tac;
    model.kind = kind.kind;
    model.generations = kind.generations;
    const bool phone = kind.kind == ModelKind::kSmartphone5G ||
                       kind.kind == ModelKind::kSmartphone4G ||
                       kind.kind == ModelKind::kFeaturePhone2G;
    model.sim_slots = phone && rng.Chance(0.6) ? 2 : 1;
    model.manufacturer = maker.manufacturer;
    model.brand = maker.brand;
    model.model_name = fmt::format("{}-{}{}{}", maker.brand, kind.name_stem, index + 1,
                                   model.sim_slots == 2 ? " Duos" : "");
    model.marketing_name = fmt::format("{} {}{}", maker.brand, kind.name_stem, index + 1);
    model.device_type = kind.device_type;
    model.bands = kind.bands;
    model.radio_interface = kind.radio_interface;
    model.operating_system = kind.kind == ModelKind::kFeaturePhone2G ? "Proprietary" : maker.os;
    model.allocation_date = DdMonYyyy(Date{last_day - static_cast<std::int32_t>(rng.Below(3650))});
    catalog.models.push_back(std::move(model));
  };
  for (const Maker& maker : kMakers) {
    for (const KindInfo& kind : kKinds) {
      const int count = kind.weight * 3;
      for (int i = 0; i < count; ++i) {
        std::string tac;
        do {
          tac = RandomTac(rng, maker.prefix);
        } while (!used.insert(tac).second);
        add(maker, kind, i, tac);
      }
    }
  }
  // Test TACs (identifiers::IsTestTac), as the test equipment makers list them.
  const Maker& lab = kMakers[0];
  for (const char* tac : {"00101500", "00440100", "00860077"}) {
    used.insert(tac);
    add(lab, kKinds.back(), static_cast<int>(catalog.models.size() % 10), tac);
  }
  // TACs from no allocation: same reporting bodies, so only the database tells them apart.
  while (catalog.unallocated_tacs.size() < 8) {
    std::string tac = RandomTac(rng, rng.Chance(0.7) ? "86" : "35");
    if (used.insert(tac).second) catalog.unallocated_tacs.push_back(std::move(tac));
  }
  return catalog;
}

Status WriteGsmaTacFile(const TacCatalog& catalog, const std::string& path) {
  BufferedFile out(path);
  out.Append(
      "tac|manufacturer|bands|allocation_date|model_name|device_type|marketing_name|brand_name|"
      "radio_interface|operating_system|simslot|imeiquantitysupport\n");
  for (const DeviceModel& m : catalog.models) {
    out.Format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", m.tac, m.manufacturer, m.bands,
               m.allocation_date, m.model_name, m.device_type, m.marketing_name, m.brand,
               m.radio_interface, m.operating_system, m.sim_slots, m.sim_slots);
  }
  return out.Close();
}

}  // namespace openceir::simulate
