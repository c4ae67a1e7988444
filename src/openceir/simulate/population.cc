// Building the population: a weighted draw of device groups (a genuine phone, a dual-SIM pair, a
// family phone, a clone ring, a SIM box...) until the country has its number of subscribers.
#include "openceir/simulate/population.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "openceir/identifiers/imei.h"
#include "openceir/identifiers/rat.h"
#include "openceir/simulate/random.h"

namespace openceir::simulate {
namespace {

struct Foreign {
  const char* mcc_mnc;
  const char* country_code;
  const char* country;
};

constexpr std::array<Foreign, 7> kForeign = {{{"23415", "44", "United Kingdom"},
                                              {"26201", "49", "Germany"},
                                              {"20801", "33", "France"},
                                              {"310260", "1", "United States"},
                                              {"46000", "86", "China"},
                                              {"40445", "91", "India"},
                                              {"50501", "61", "Australia"}}};

constexpr std::uint32_t kAlways = 65'536;

std::uint32_t Percent(double p) { return static_cast<std::uint32_t>(p * kAlways); }

RatKind RatOfModel(const DeviceModel& model) {
  if ((model.generations & identifiers::kGen5G) != 0) return RatKind::k5G;
  if ((model.generations & identifiers::kGen4G) != 0) {
    return (model.generations & identifiers::kGen3G) != 0 ? RatKind::k4G : RatKind::k4GOnly;
  }
  if ((model.generations & identifiers::kGen3G) != 0) return RatKind::k3G;
  return RatKind::k2G;
}

class Builder {
 public:
  Builder(const SimulationSpec& spec, const TacCatalog& catalog)
      : spec_(spec), catalog_(catalog), rng_(HashKey(spec.seed, 0x9090, 0)), days_(spec.days) {
    for (std::size_t i = 0; i < catalog.models.size(); ++i) {
      by_kind_[static_cast<std::size_t>(catalog.models[i].kind)].push_back(static_cast<int>(i));
    }
    const std::size_t tac_count = catalog.models.size() + catalog.unallocated_tacs.size();
    for (std::size_t i = 0; i < tac_count; ++i) {
      SerialCounter counter;
      counter.next = static_cast<std::uint32_t>(rng_.Below(1'000'000));
      // Odd and not a multiple of 5: coprime with 10^6, so serials do not repeat.
      counter.stride = static_cast<std::uint32_t>(2 * rng_.Below(499'999) + 1);
      if (counter.stride % 5 == 0) counter.stride += 2;
      counters_.push_back(counter);
    }
    for (const City& city : Cities()) city_weight_total_ += city.weight;
  }

  Population Build() {
    CategoryShares shares = spec_.shares;
    double others = 0;
    for (std::size_t i = 1; i < kCategoryCount; ++i) others += shares[i];
    shares[0] = std::max(0.0, 1.0 - others);
    // Draw groups; a dual-SIM pair and a swap add two IMEIs, so their draw weight is halved
    // to keep each category's share of IMEIs.
    std::array<double, kCategoryCount> cumulative{};
    double total = 0;
    for (std::size_t i = 0; i < kCategoryCount; ++i) {
      const auto category = static_cast<Category>(i);
      const double imeis =
          category == Category::kDualSim || category == Category::kDeviceSwap ? 2.0 : 1.0;
      total += shares[i] / imeis;
      cumulative[i] = total;
    }
    const auto max_devices = static_cast<std::size_t>(2 * spec_.subscribers + 16);
    while (population_.local_subscribers < spec_.subscribers &&
           population_.devices.size() < max_devices) {
      const double u = rng_.Unit() * total;
      std::size_t pick = 0;
      while (pick + 1 < kCategoryCount && cumulative[pick] <= u) ++pick;
      AddGroup(static_cast<Category>(pick));
    }
    std::stable_sort(population_.usages.begin(), population_.usages.end(),
                     [](const Usage& a, const Usage& b) { return a.op < b.op; });
    return std::move(population_);
  }

 private:
  struct SerialCounter {
    std::uint32_t next = 0;
    std::uint32_t stride = 1;
  };

  int Day(int lo, int hi) {
    return rng_.Between(std::max(0, lo), std::max(0, std::min(hi, days_)));
  }

  std::uint8_t PickCity() {
    int u = static_cast<int>(rng_.Below(static_cast<std::uint64_t>(city_weight_total_)));
    std::uint8_t city = 0;
    for (const City& c : Cities()) {
      if (u < c.weight) break;
      u -= c.weight;
      ++city;
    }
    return city;
  }
  std::uint8_t OtherCity(std::uint8_t city) {
    const auto count = static_cast<std::uint64_t>(Cities().size());
    return static_cast<std::uint8_t>((city + 1 + rng_.Below(count - 1)) % count);
  }

  // Operators by share: the first is the largest (weights K, K-1, ..., 1).
  std::uint8_t PickOperator() {
    const int k = static_cast<int>(spec_.operators.size());
    int u = static_cast<int>(rng_.Below(static_cast<std::uint64_t>(k * (k + 1) / 2)));
    for (int op = 0; op < k; ++op) {
      if (u < k - op) return static_cast<std::uint8_t>(op);
      u -= k - op;
    }
    return 0;
  }

  std::uint32_t NewLocalSubscriber(std::uint8_t op) {
    const std::int64_t k = population_.local_subscribers++;
    const auto& mcc_mncs = spec_.operators[op].mcc_mncs;
    const std::string& mcc_mnc = mcc_mncs[rng_.Below(mcc_mncs.size())];
    Subscriber subscriber;
    subscriber.op = op;
    subscriber.imsi = fmt::format("{}{:0{}d}", mcc_mnc, 100'000'000 + k, 15 - mcc_mnc.size());
    subscriber.msisdn =
        fmt::format("{}7{:0{}d}", spec_.country_code, k, 11 - spec_.country_code.size());
    population_.subscribers.push_back(std::move(subscriber));
    return static_cast<std::uint32_t>(population_.subscribers.size() - 1);
  }

  int PickModel(ModelKind kind) {
    const auto& models = by_kind_[static_cast<std::size_t>(kind)];
    return models[rng_.Below(models.size())];
  }

  // A model for an ordinary user: mostly smartphones, some feature phones, tablets and IoT.
  int PickEverydayModel() {
    static constexpr std::array<std::pair<ModelKind, int>, 10> kWeights = {{
        {ModelKind::kSmartphone5G, 300},
        {ModelKind::kSmartphone4G, 450},
        {ModelKind::kPhone3G, 60},
        {ModelKind::kFeaturePhone2G, 50},
        {ModelKind::kFeaturePhone4G, 50},
        {ModelKind::kTablet, 30},
        {ModelKind::kWearable, 15},
        {ModelKind::kIotModule, 20},
        {ModelKind::kIotDevice, 20},
        {ModelKind::kModem, 5},
    }};
    int u = static_cast<int>(rng_.Below(1000));
    for (const auto& [kind, weight] : kWeights) {
      if (u < weight) return PickModel(kind);
      u -= weight;
    }
    return PickModel(ModelKind::kSmartphone4G);
  }

  // 14 digits: the TAC of slot `tac_slot` (a model, or catalog.models.size() + i for the i-th
  // unallocated TAC) and the next unused serial (never 000000, a reserved pattern).
  std::string NextDigits14(std::size_t tac_slot) {
    const std::string& tac = tac_slot < catalog_.models.size()
                                 ? catalog_.models[tac_slot].tac
                                 : catalog_.unallocated_tacs[tac_slot - catalog_.models.size()];
    SerialCounter& counter = counters_[tac_slot];
    std::uint32_t serial = 0;
    do {
      serial = counter.next;
      counter.next = (counter.next + counter.stride) % 1'000'000;
    } while (serial == 0);
    return fmt::format("{}{:06d}", tac, serial);
  }

  // Networks send 15 digits (with the Luhn digit) most often, also 14, or a 16-digit IMEISV.
  std::uint32_t AddDevice(Category category, int model, const std::string& digits14) {
    Device device;
    device.category = category;
    device.model = model;
    device.imei15 = identifiers::AppendLuhn(digits14);
    const double form = rng_.Unit();
    if (form < 0.85) {
      device.imei_text = device.imei15;
    } else if (form < 0.95) {
      device.imei_text = digits14;
    } else {
      device.imei_text = fmt::format("{}{:02d}", digits14, rng_.Between(1, 12));
    }
    device.device_id = static_cast<std::uint32_t>(population_.devices.size() + 1);
    population_.devices.push_back(std::move(device));
    return static_cast<std::uint32_t>(population_.devices.size() - 1);
  }
  std::uint32_t AddModelDevice(Category category, int model) {
    return AddDevice(category, model, NextDigits14(static_cast<std::size_t>(model)));
  }
  Device& device(std::uint32_t index) { return population_.devices[index]; }
  const char* ModelName(const Device& d) const {
    return d.model < 0 ? "unknown model"
                       : catalog_.models[static_cast<std::size_t>(d.model)].model_name.c_str();
  }

  Usage& AddUsage(std::uint32_t device_index, std::uint32_t subscriber, std::uint8_t city,
                  int first_day, int end_day, double p_active) {
    Usage usage;
    usage.device = device_index;
    usage.subscriber = subscriber;
    usage.op = population_.subscribers[subscriber].op;
    usage.city = city;
    const Device& d = device(device_index);
    usage.rat = d.model < 0 ? (rng_.Chance(0.5) ? RatKind::k2G : RatKind::k4G)
                            : RatOfModel(catalog_.models[static_cast<std::size_t>(d.model)]);
    usage.first_day = static_cast<std::int16_t>(std::clamp(first_day, 0, days_));
    usage.end_day = static_cast<std::int16_t>(std::clamp(end_day, 0, days_));
    usage.p_active = p_active >= 1.0 ? kAlways : Percent(p_active);
    population_.usages.push_back(usage);
    return population_.usages.back();
  }

  // Most people use their phone almost every day; some only now and then.
  double EverydayActivity() {
    return rng_.Chance(0.1) ? 0.3 + 0.3 * rng_.Unit() : 0.8 + 0.18 * rng_.Unit();
  }

  void AddGroup(Category category);
  void AddGenuine(Category category);
  void AddDualSim();
  void AddFamily();
  void AddSwap();
  void AddCloned();
  void AddOddIdentifier(Category category);
  void AddStolen(bool recovered);
  void AddRoamer();
  void AddSimBox();

  const SimulationSpec& spec_;
  const TacCatalog& catalog_;
  Rng rng_;
  int days_;
  int city_weight_total_ = 0;
  std::array<std::vector<int>, 11> by_kind_;
  std::vector<SerialCounter> counters_;
  Population population_;
};

void Builder::AddGroup(Category category) {
  switch (category) {
    case Category::kGenuine:
    case Category::kUnregistered:
    case Category::kRat2gOnLte: AddGenuine(category); return;
    case Category::kDualSim: AddDualSim(); return;
    case Category::kFamilyShared: AddFamily(); return;
    case Category::kDeviceSwap: AddSwap(); return;
    case Category::kCloned: AddCloned(); return;
    case Category::kCounterfeit:
    case Category::kMalformed:
    case Category::kTestTac: AddOddIdentifier(category); return;
    case Category::kStolen: AddStolen(false); return;
    case Category::kStolenRecovered: AddStolen(true); return;
    case Category::kInboundRoamer: AddRoamer(); return;
    case Category::kSimBox: AddSimBox(); return;
  }
}

void Builder::AddGenuine(Category category) {
  const std::uint8_t op = PickOperator();
  const std::uint8_t city = PickCity();
  const int model = category == Category::kRat2gOnLte ? PickModel(ModelKind::kFeaturePhone2G)
                                                      : PickEverydayModel();
  const std::uint32_t d = AddModelDevice(category, model);
  const std::uint32_t s = NewLocalSubscriber(op);
  Usage& usage = AddUsage(d, s, city, 0, days_, EverydayActivity());
  const char* city_name = Cities()[city].name;
  if (category == Category::kRat2gOnLte) {
    usage.rat = RatKind::k2GOnLte;
    device(d).registered = true;
    device(d).details =
        fmt::format("2G-only {} used on LTE in {}", ModelName(device(d)), city_name);
  } else if (category == Category::kUnregistered) {
    device(d).details =
        fmt::format("{} in {}; not on the registration list", ModelName(device(d)), city_name);
  } else {
    device(d).registered = true;
    device(d).status_whitelist = rng_.Chance(0.9);
    device(d).details = fmt::format("{} in {}", ModelName(device(d)), city_name);
  }
}

void Builder::AddDualSim() {
  // Two consecutive IMEIs of one phone; each slot holds its own SIM (possibly other networks).
  const int model =
      PickModel(rng_.Chance(0.5) ? ModelKind::kSmartphone5G : ModelKind::kSmartphone4G);
  const std::string first = NextDigits14(static_cast<std::size_t>(model));
  const std::uint8_t city = PickCity();
  const std::uint32_t d1 = AddDevice(Category::kDualSim, model, first);
  const std::uint32_t d2 = AddModelDevice(Category::kDualSim, model);
  device(d2).device_id = device(d1).device_id;
  const double activity = EverydayActivity();
  for (std::uint32_t d : {d1, d2}) {
    device(d).registered = true;
    device(d).details = fmt::format("dual-SIM {} (device {}) in {}", ModelName(device(d)),
                                    device(d1).device_id, Cities()[city].name);
    AddUsage(d, NewLocalSubscriber(PickOperator()), city, 0, days_, d == d1 ? activity : 0.7);
  }
}

void Builder::AddFamily() {
  const std::uint8_t city = PickCity();
  const std::uint32_t d = AddModelDevice(Category::kFamilyShared, PickEverydayModel());
  const int members = rng_.Between(2, 4);
  for (int i = 0; i < members; ++i) {
    AddUsage(d, NewLocalSubscriber(PickOperator()), city, 0, days_, 0.9 / members + 0.15);
  }
  device(d).registered = true;
  device(d).details = fmt::format("{} shared by a family of {} SIMs in {}", ModelName(device(d)),
                                  members, Cities()[city].name);
}

void Builder::AddSwap() {
  const std::uint8_t city = PickCity();
  const std::uint32_t s = NewLocalSubscriber(PickOperator());
  const int swap_day = Day(days_ / 3, (2 * days_) / 3);
  const std::uint32_t old_device = AddModelDevice(Category::kDeviceSwap, PickEverydayModel());
  const std::uint32_t new_device = AddModelDevice(Category::kDeviceSwap, PickEverydayModel());
  const double activity = EverydayActivity();
  AddUsage(old_device, s, city, 0, swap_day, activity).allow_null_imei = false;
  AddUsage(new_device, s, city, swap_day, days_, activity).allow_null_imei = false;
  const std::string& msisdn = population_.subscribers[s].msisdn;
  device(old_device).registered = true;
  device(new_device).registered = true;
  device(old_device).details =
      fmt::format("old phone of {}; replaced on day {}", msisdn, swap_day + 1);
  device(new_device).details = fmt::format("new phone of {} from day {}", msisdn, swap_day + 1);
}

void Builder::AddCloned() {
  // The owner's phone; its IMEI copied into phones used elsewhere. A quarter of the cloned
  // IMEIs are mass-cloned (dozens of SIMs). Owner and first clone are both active on a clash
  // day, with events minutes apart in cities hundreds of km apart.
  const std::uint8_t home = PickCity();
  const std::uint32_t d = AddModelDevice(Category::kCloned, PickModel(ModelKind::kSmartphone4G));
  const int clones = rng_.Chance(0.25) ? rng_.Between(12, 40) : rng_.Between(1, 4);
  const int clash_day = Day(0, days_ - 1);
  device(d).owner = NewLocalSubscriber(PickOperator());
  Usage& owner = AddUsage(d, device(d).owner, home, 0, days_, 0.92);
  owner.forced_day = static_cast<std::int16_t>(clash_day);
  owner.time_group = d + 1;
  std::string places;
  for (int i = 0; i < clones; ++i) {
    const std::uint8_t city = OtherCity(home);
    Usage& clone =
        AddUsage(d, NewLocalSubscriber(PickOperator()), city, 0, days_, clones > 4 ? 0.25 : 0.5);
    clone.time_group = d + 1;
    clone.time_offset_s = static_cast<std::uint16_t>(rng_.Between(60, 600));
    if (i == 0) clone.forced_day = static_cast<std::int16_t>(clash_day);
    if (i < 3) places += fmt::format("{}{}", i == 0 ? "" : " ", Cities()[city].name);
  }
  device(d).registered = true;
  device(d).details =
      fmt::format("owner in {}; {} clone SIM(s) in {}{}; clash on day {}", Cities()[home].name,
                  clones, places, clones > 3 ? " ..." : "", clash_day + 1);
}

void Builder::AddOddIdentifier(Category category) {
  const std::uint8_t city = PickCity();
  std::uint32_t d = 0;
  if (category == Category::kCounterfeit) {
    const std::size_t slot = catalog_.models.size() + rng_.Below(catalog_.unallocated_tacs.size());
    d = AddDevice(category, -1, NextDigits14(slot));
    device(d).details = fmt::format("TAC {} not allocated", device(d).imei15.substr(0, 8));
  } else if (category == Category::kTestTac) {
    d = AddModelDevice(category, PickModel(ModelKind::kTestEquipment));
    device(d).details = fmt::format("test TAC {}", device(d).imei15.substr(0, 8));
  } else {
    // Within the operator-data input pattern [0-9A-Fa-f*#]{1,16}, but not 14 leading digits.
    std::string digits = NextDigits14(static_cast<std::size_t>(PickEverydayModel()));
    const int form = rng_.Between(0, 2);
    if (form == 0) {
      digits[static_cast<std::size_t>(rng_.Between(2, 12))] = "ABCDEF"[rng_.Below(6)];
    } else if (form == 1) {
      digits.resize(static_cast<std::size_t>(rng_.Between(10, 13)));
    } else {
      digits[static_cast<std::size_t>(rng_.Between(3, 12))] = rng_.Chance(0.5) ? '*' : '#';
    }
    d = AddDevice(category, -1, "00000000000000");
    device(d).imei_text = digits;
    device(d).imei15 = digits;
    device(d).details = "identifier not made of 14 leading digits";
  }
  AddUsage(d, NewLocalSubscriber(PickOperator()), city, 0, days_, EverydayActivity());
}

void Builder::AddStolen(bool recovered) {
  const Category category = recovered ? Category::kStolenRecovered : Category::kStolen;
  const std::uint8_t city = PickCity();
  const std::uint32_t d = AddModelDevice(
      category, PickModel(rng_.Chance(0.5) ? ModelKind::kSmartphone5G : ModelKind::kSmartphone4G));
  const std::uint32_t owner = NewLocalSubscriber(PickOperator());
  const int theft_day = Day(days_ / 4, days_ / 2);
  AddUsage(d, owner, city, 0, theft_day, 0.9);
  device(d).registered = true;
  device(d).reported_day = static_cast<std::int16_t>(theft_day);
  if (recovered) {
    const int back = theft_day + rng_.Between(2, 5);
    AddUsage(d, owner, city, back, days_, 0.9);
    device(d).details = fmt::format("stolen in {} on day {}; recovered on day {}",
                                    Cities()[city].name, theft_day + 1, back + 1);
  } else {
    const std::uint8_t thief_city = rng_.Chance(0.5) ? city : OtherCity(city);
    const int first = theft_day + rng_.Between(1, 2);
    AddUsage(d, NewLocalSubscriber(PickOperator()), thief_city, first, days_, 0.85);
    device(d).report_pending = rng_.Chance(0.15);
    device(d).details =
        fmt::format("stolen in {} on day {}; used by another SIM in {} from day {}",
                    Cities()[city].name, theft_day + 1, Cities()[thief_city].name, first + 1);
  }
}

void Builder::AddRoamer() {
  const Foreign& home = kForeign[rng_.Below(kForeign.size())];
  const std::uint32_t d = AddModelDevice(
      Category::kInboundRoamer,
      PickModel(rng_.Chance(0.5) ? ModelKind::kSmartphone5G : ModelKind::kSmartphone4G));
  Subscriber visitor;
  visitor.roamer = true;
  visitor.op = PickOperator();
  const std::string mcc_mnc = home.mcc_mnc;
  const std::string cc = home.country_code;
  visitor.imsi = fmt::format("{}{:0{}d}", mcc_mnc, rng_.Below(1'000'000'000), 15 - mcc_mnc.size());
  visitor.msisdn = fmt::format("{}{:0{}d}", cc, rng_.Below(10'000'000'000ULL), 12 - cc.size());
  population_.subscribers.push_back(std::move(visitor));
  const auto s = static_cast<std::uint32_t>(population_.subscribers.size() - 1);
  const int stay = rng_.Between(2, 10);
  const int first = Day(0, days_ - stay);
  const std::uint8_t city = PickCity();
  AddUsage(d, s, city, first, first + stay, 0.95);
  device(d).details = fmt::format("visitor from {} ({}) on {} in {} days {}-{}", home.country,
                                  mcc_mnc, spec_.operators[population_.subscribers[s].op].id,
                                  Cities()[city].name, first + 1, std::min(first + stay, days_));
}

void Builder::AddSimBox() {
  // A GSM gateway cycling through a batch of prepaid SIMs with consecutive numbers, two days
  // each: one IMEI, many MSISDNs (transient_imei).
  const std::uint8_t op = PickOperator();
  const std::uint8_t city = PickCity();
  const std::uint32_t d = AddModelDevice(Category::kSimBox, PickModel(ModelKind::kModem));
  const int sims = rng_.Between(12, 30);
  const int span = std::max(1, days_ - 1);
  std::string first_msisdn;
  for (int j = 0; j < sims; ++j) {
    const std::uint32_t s = NewLocalSubscriber(op);
    if (j == 0) first_msisdn = population_.subscribers[s].msisdn;
    const int start = j * span / sims;
    AddUsage(d, s, city, start, start + 2, 1.0);
  }
  device(d).details = fmt::format("SIM box in {} cycling {} SIMs from {} on {}",
                                  Cities()[city].name, sims, first_msisdn, spec_.operators[op].id);
}

}  // namespace

Population BuildPopulation(const SimulationSpec& spec, const TacCatalog& catalog) {
  return Builder(spec, catalog).Build();
}

}  // namespace openceir::simulate
