// Reference lists and truth file: small next to the network data, so plain fmt formatting.
#include "openceir/simulate/reference_lists.h"

#include <fmt/format.h>

#include "openceir/simulate/buffered_file.h"
#include "openceir/simulate/random.h"

namespace openceir::simulate {
namespace {

// A per-device decision that does not depend on the order lists are written in.
bool Pick(const SimulationSpec& spec, std::uint64_t list, std::size_t device, double share) {
  return UnitInterval(HashKey(spec.seed ^ 0x1157, list, device)) < share;
}

class ListWriter {
 public:
  ListWriter(const std::string& out_dir, std::vector<std::string>* files)
      : out_dir_(out_dir), files_(files) {}

  BufferedFile& Open(const std::string& name, std::string_view header) {
    files_->push_back(name);
    open_.push_back(std::make_unique<BufferedFile>(out_dir_ + "/" + name));
    open_.back()->Append(header);
    return *open_.back();
  }

  Status CloseAll() {
    Status first;
    for (auto& file : open_) {
      Status status = file->Close();
      if (first.ok() && !status.ok()) first = status;
    }
    return first;
  }

 private:
  std::string out_dir_;
  std::vector<std::string>* files_;
  std::vector<std::unique_ptr<BufferedFile>> open_;
};

}  // namespace

Status WriteReferenceLists(const SimulationSpec& spec, const TacCatalog& catalog,
                           const Population& population, const std::string& out_dir,
                           std::vector<std::string>* files) {
  ListWriter lists(out_dir, files);
  BufferedFile& stolen = lists.Open("stolen.csv", "imei,reporting_date,status\n");
  BufferedFile& stolen_delta =
      lists.Open("stolen_delta.csv", "imei,reporting_date,status,change_type\n");
  BufferedFile& registration = lists.Open(
      "registration.csv",
      "approved_imei,make,model,status,model_number,brand_name,device_type,radio_interface,"
      "device_id\n");
  BufferedFile& pairing = lists.Open("pairing.csv", "imei,imsi,msisdn\n");
  BufferedFile& golden = lists.Open("golden.csv", "golden_imei\n");
  BufferedFile& barred = lists.Open("barred.csv", "imei\n");
  BufferedFile& barred_tac = lists.Open("barred_tac.csv", "tac\n");
  BufferedFile& subscribers = lists.Open("subscribers.csv", "uid,imsi\n");
  BufferedFile& association = lists.Open("association.csv", "uid,imei\n");
  BufferedFile& monitoring = lists.Open("monitoring.csv", "imei\n");
  BufferedFile& truth = lists.Open("truth.csv", "imei,category,details\n");
  // The genuine user of each cloned IMEI: the one SIM that must keep service.
  BufferedFile& truth_owners = lists.Open("truth_owners.csv", "imei,imsi\n");

  // The first SIM each device was seen with (usages are grouped by operator, so look it up).
  std::vector<std::uint32_t> first_usage(population.devices.size(), UINT32_MAX);
  for (std::size_t i = 0; i < population.usages.size(); ++i) {
    std::uint32_t& slot = first_usage[population.usages[i].device];
    if (slot == UINT32_MAX ||
        population.usages[i].subscriber < population.usages[slot].subscriber) {
      slot = static_cast<std::uint32_t>(i);
    }
  }

  bool golden_written = false, barred_written = false, monitored = false;
  std::size_t first_genuine = SIZE_MAX, first_counterfeit = SIZE_MAX;
  for (std::size_t d = 0; d < population.devices.size(); ++d) {
    const Device& device = population.devices[d];
    truth.Format("{},{},{}\n", device.imei_text, CategoryName(device.category), device.details);
    if (device.owner != UINT32_MAX) {
      truth_owners.Format("{},{}\n", device.imei_text, population.subscribers[device.owner].imsi);
    }
    if (device.reported_day >= 0) {
      const std::string reported = FormatYyyymmdd(Date{spec.start.days + device.reported_day});
      const bool recovered = device.category == Category::kStolenRecovered;
      stolen.Format("{},{},{}\n", device.imei15, reported,
                    device.report_pending ? "pending" : "blacklist");
      if (recovered) stolen_delta.Format("{},{},blacklist,remove\n", device.imei15, reported);
    }
    if (device.registered) {
      const DeviceModel& model = catalog.models[static_cast<std::size_t>(device.model)];
      registration.Format("{},{},{},{},{},{},{},\"{}\",DEV-{:08d}\n", device.imei15,
                          model.manufacturer, model.model_name,
                          device.status_whitelist ? "whitelist" : "", model.tac, model.brand,
                          model.device_type, model.radio_interface, device.device_id);
    }
    const bool genuine = device.category == Category::kGenuine;
    if (genuine && first_genuine == SIZE_MAX) first_genuine = d;
    if (device.category == Category::kCounterfeit && first_counterfeit == SIZE_MAX) {
      first_counterfeit = d;
    }
    const std::uint32_t u = first_usage[d];
    if (genuine && u != UINT32_MAX) {
      const Subscriber& owner = population.subscribers[population.usages[u].subscriber];
      if (Pick(spec, 1, d, 0.02)) {
        pairing.Format("{},{},{}\n", device.imei15, owner.imsi, owner.msisdn);
      }
      if (Pick(spec, 3, d, 0.3)) {
        subscribers.Format("CIT-{:09d},{}\n", population.usages[u].subscriber, owner.imsi);
        association.Format("CIT-{:09d},{}\n", population.usages[u].subscriber, device.imei15);
      }
    }
    if (genuine && Pick(spec, 2, d, 0.001)) {
      golden.Format("{}\n", device.imei15);
      golden_written = true;
    }
    if (device.category == Category::kCounterfeit && Pick(spec, 4, d, 0.1)) {
      barred.Format("{}\n", device.imei15);
      barred_written = true;
    }
    if ((device.category == Category::kCloned || device.category == Category::kStolen) &&
        Pick(spec, 5, d, 0.2)) {
      monitoring.Format("{}\n", device.imei15);
      monitored = true;
    }
  }
  // Small countries still get a non-empty golden and barred list.
  if (!golden_written && first_genuine != SIZE_MAX) {
    golden.Format("{}\n", population.devices[first_genuine].imei15);
  }
  if (!barred_written && first_counterfeit != SIZE_MAX) {
    barred.Format("{}\n", population.devices[first_counterfeit].imei15);
  }
  if (!monitored && first_genuine != SIZE_MAX) {
    monitoring.Format("{}\n", population.devices[first_genuine].imei15);
  }
  barred_tac.Format("{}\n", catalog.unallocated_tacs.front());
  // A barred 2G-only model: one no device that must keep service uses (the truth would
  // otherwise call a device genuine that the regulator's own list blocks).
  std::vector<bool> kept_in_use(catalog.models.size(), false);
  for (const Device& device : population.devices) {
    const bool should_block =
        device.category == Category::kCloned || device.category == Category::kCounterfeit ||
        device.category == Category::kMalformed || device.category == Category::kRat2gOnLte ||
        device.category == Category::kStolen;
    if (device.model >= 0 && !should_block) {
      kept_in_use[static_cast<std::size_t>(device.model)] = true;
    }
  }
  for (std::size_t m = 0; m < catalog.models.size(); ++m) {
    if (catalog.models[m].kind == ModelKind::kFeaturePhone2G && !kept_in_use[m]) {
      barred_tac.Format("{}\n", catalog.models[m].tac);
      break;
    }
  }
  return lists.CloseAll();
}

}  // namespace openceir::simulate
