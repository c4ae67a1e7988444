#include "openceir/classify/classify_context.h"

#include <algorithm>
#include <map>

#include "openceir/identifiers/rat.h"

namespace openceir::classify {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return LowerAscii(a) == LowerAscii(b);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::uint8_t ParseRadioCaps(std::string_view radio_caps) {
  std::uint8_t caps = 0;
  std::size_t start = 0;
  while (start <= radio_caps.size()) {
    std::size_t bar = radio_caps.find('|', start);
    if (bar == std::string_view::npos) bar = radio_caps.size();
    const std::string_view item = Trim(radio_caps.substr(start, bar - start));
    if (EqualsIgnoreCase(item, "2G")) caps |= identifiers::kGen2G;
    if (EqualsIgnoreCase(item, "3G")) caps |= identifiers::kGen3G;
    if (EqualsIgnoreCase(item, "4G")) caps |= identifiers::kGen4G;
    if (EqualsIgnoreCase(item, "5G")) caps |= identifiers::kGen5G;
    start = bar + 1;
  }
  return caps;
}

void ContextNeeds::Merge(const ContextNeeds& other) {
  parts |= other.parts;
  if (!other.travel_window) return;
  if (!travel_window) {
    travel_window = other.travel_window;
    return;
  }
  travel_window->first = std::min(travel_window->first, other.travel_window->first);
  travel_window->last = std::max(travel_window->last, other.travel_window->last);
}

Status ClassifyContext::SetRegion(const config::RegionConfig& region) {
  std::vector<identifiers::OperatorMccMnc> entries;
  operator_ids_.clear();
  for (const config::OperatorConfig& op : region.operators) {
    operator_ids_.push_back(op.id);
    for (const std::string& mcc_mnc : op.mcc_mncs) entries.push_back({op.id, mcc_mnc});
  }
  OPENCEIR_ASSIGN_OR_RETURN(mcc_mnc_, identifiers::MccMncTable::Create(entries));
  exempted_device_types_.clear();
  for (const std::string& type : region.exempted_device_types) {
    exempted_device_types_.push_back(LowerAscii(Trim(type)));
  }
  msisdn_min_digits_ = region.msisdn_min_digits;
  msisdn_max_digits_ = region.msisdn_max_digits;
  return Status::Ok();
}

DeviceTypeId ClassifyContext::Intern(std::string_view device_type) {
  const std::string lower = LowerAscii(Trim(device_type));
  if (lower.empty()) return 0;
  for (std::size_t i = 1; i < device_types_.size(); ++i) {
    if (device_types_[i] == lower) return static_cast<DeviceTypeId>(i);
  }
  // GSMA uses a few dozen device types; past 65535 distinct values the rest share "other".
  if (device_types_.size() >= 0xFFFF) return static_cast<DeviceTypeId>(device_types_.size() - 1);
  device_types_.push_back(lower);
  return static_cast<DeviceTypeId>(device_types_.size() - 1);
}

void ClassifyContext::AddGsmaTac(std::string_view tac, std::string_view manufacturer,
                                 std::string_view model_name, std::string_view device_type,
                                 std::string_view radio_caps, std::string_view allocation_date) {
  const std::uint32_t number = ParseTac(tac);
  if (number == kNoTac) return;
  TacInfo info;
  info.tac = number;
  if (auto date = ParseYyyymmdd(allocation_date)) {
    info.allocation_date = *date;
    info.has_allocation_date = true;
  }
  info.radio_caps = ParseRadioCaps(radio_caps);
  info.has_model = !Trim(manufacturer).empty() && !Trim(model_name).empty();
  info.device_type = Intern(device_type);
  tacs_.push_back(info);
  tac_models_.emplace_back(std::string(manufacturer), std::string(model_name));
}

void ClassifyContext::AddStolen(std::string_view imei_norm, std::string_view reporting_date,
                                std::string_view status) {
  if (!Trim(status).empty() && !EqualsIgnoreCase(Trim(status), "blacklist")) return;
  StolenEntry entry;
  if (auto date = ParseYyyymmdd(reporting_date)) {
    entry.reporting_date = *date;
    entry.has_reporting_date = true;
  }
  stolen_.Add(imei_norm, entry);
}

void ClassifyContext::AddRegistration(std::string_view imei_norm, std::string_view status,
                                      std::string_view device_type) {
  if (!Trim(status).empty() && !EqualsIgnoreCase(Trim(status), "whitelist")) return;
  registration_.Add(imei_norm, RegistrationEntry{Intern(device_type)});
}

void ClassifyContext::AddTypedImei(std::string_view imei_norm, std::string_view typed) {
  if (typed.empty()) return;
  TypedImei entry;
  entry.length = static_cast<std::uint8_t>(std::min<std::size_t>(typed.size(), 255));
  if (typed.size() == 15) entry.check_digit = typed[14];
  typed_imeis_.Add(imei_norm, entry);
}

void ClassifyContext::AddBarredTac(std::string_view tac) {
  const std::uint32_t number = ParseTac(tac);
  if (number != kNoTac) barred_tacs_.Add(number);
}

void ClassifyContext::AddAssociation(std::string_view /*uid*/, std::string_view imei_norm) {
  // not_on_association_list asks only whether any UID is associated with the IMEI.
  associated_.Add(imei_norm);
}

void ClassifyContext::AddSubscriber(std::string_view uid, std::string_view imsi) {
  const std::uint64_t imsi_key = ImsiKeyOf(imsi);
  if (imsi_key == kNoImsiKey || uid.empty()) return;
  imsi_uids_.emplace_back(imsi_key, UidKeyOf(uid));
}

void ClassifyContext::AddTravelEvidence(store::TravelEvidence evidence) {
  travel_.push_back(std::move(evidence));
}

void ClassifyContext::Finish() {
  if (finished_) return;
  finished_ = true;

  // Per-model radio capability, DIRBS's inconsistent_rat: OR over the TACs sharing manufacturer
  // and model name (both given).
  std::map<std::pair<std::string, std::string>, std::uint8_t> model_caps;
  for (std::size_t i = 0; i < tacs_.size(); ++i) {
    if (tacs_[i].has_model) model_caps[tac_models_[i]] |= tacs_[i].radio_caps;
  }
  for (std::size_t i = 0; i < tacs_.size(); ++i) {
    tacs_[i].model_caps = tacs_[i].has_model ? model_caps[tac_models_[i]] : tacs_[i].radio_caps;
  }
  tac_models_ = {};
  std::stable_sort(tacs_.begin(), tacs_.end(),
                   [](const TacInfo& a, const TacInfo& b) { return a.tac < b.tac; });
  tacs_.erase(std::unique(tacs_.begin(), tacs_.end(),
                          [](const TacInfo& a, const TacInfo& b) { return a.tac == b.tac; }),
              tacs_.end());
  tacs_.shrink_to_fit();

  stolen_.Finish();
  registration_.Finish();
  typed_imeis_.Finish();
  barred_.Finish();
  barred_tacs_.Finish();
  monitoring_.Finish();
  associated_.Finish();

  std::sort(imsi_uids_.begin(), imsi_uids_.end());
  imsi_uids_.erase(std::unique(imsi_uids_.begin(), imsi_uids_.end()), imsi_uids_.end());
  imsi_keys_.clear();
  uid_keys_.clear();
  imsi_keys_.reserve(imsi_uids_.size());
  uid_keys_.reserve(imsi_uids_.size());
  for (const auto& [imsi_key, uid_key] : imsi_uids_) {
    imsi_keys_.push_back(imsi_key);
    uid_keys_.push_back(uid_key);
  }
  imsi_uids_ = {};

  std::stable_sort(travel_.begin(), travel_.end(),
                   [](const store::TravelEvidence& a, const store::TravelEvidence& b) {
                     if (a.imei_norm != b.imei_norm) return a.imei_norm < b.imei_norm;
                     return a.second.time < b.second.time;
                   });

  exempt_.assign(device_types_.size(), false);
  for (std::size_t i = 1; i < device_types_.size(); ++i) {
    exempt_[i] = std::find(exempted_device_types_.begin(), exempted_device_types_.end(),
                           device_types_[i]) != exempted_device_types_.end();
  }
}

const TacInfo* ClassifyContext::FindTac(std::uint32_t tac) const {
  if (tac == kNoTac) return nullptr;
  auto it = std::lower_bound(tacs_.begin(), tacs_.end(), tac,
                             [](const TacInfo& info, std::uint32_t t) { return info.tac < t; });
  return it != tacs_.end() && it->tac == tac ? &*it : nullptr;
}

std::uint64_t UidKeyOf(std::string_view uid) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a 64
  for (char c : uid) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::span<const std::uint64_t> ClassifyContext::UidsOfImsi(std::string_view imsi) const {
  const std::uint64_t key = ImsiKeyOf(imsi);
  if (key == kNoImsiKey) return {};
  const auto range = std::equal_range(imsi_keys_.begin(), imsi_keys_.end(), key);
  const auto offset = static_cast<std::size_t>(range.first - imsi_keys_.begin());
  const auto count = static_cast<std::size_t>(range.second - range.first);
  return std::span<const std::uint64_t>(uid_keys_).subspan(offset, count);
}

std::span<const store::TravelEvidence> ClassifyContext::TravelEvidenceOf(
    std::string_view imei_norm) const {
  auto first = std::lower_bound(
      travel_.begin(), travel_.end(), imei_norm,
      [](const store::TravelEvidence& e, std::string_view imei) { return e.imei_norm < imei; });
  auto last = first;
  while (last != travel_.end() && last->imei_norm == imei_norm) ++last;
  return {first, last};
}

bool ClassifyContext::IsExemptDeviceType(DeviceTypeId id) const {
  return id != 0 && id < exempt_.size() && exempt_[id];
}

int ClassifyContext::OperatorIndexOfImsi(std::string_view imsi) const {
  const auto match = mcc_mnc_.Resolve(imsi);
  if (!match) return -1;
  for (std::size_t i = 0; i < operator_ids_.size(); ++i) {
    if (operator_ids_[i] == match->operator_id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace openceir::classify
