// ClassifyContext: the registry snapshot every dimension reads, loaded once per classification
// run into compact in-memory lookup structures (imei_key_set.h), never queried per IMEI.
//
// What it holds (each part only when a dimension needs it, see ContextNeeds):
//   GSMA TAC database   TAC -> allocation date, radio capability of the TAC and of its model
//                       (OR over every TAC of the same manufacturer + model name, as DIRBS),
//                       device type
//   stolen list         confirmed entries only (status empty or "blacklist"), with reporting date
//   registration list   registered entries only (status empty or "whitelist"), with device type;
//                       apart: every entry's IMEI as the person typed it (bad_check_digit)
//   barred, monitoring  IMEI sets;  barred TAC list: TAC set
//   association list    the IMEIs associated with any UID
//   subscribers list    IMSI -> UID keys (for daily_avg_uid and device_type_mismatch)
//   travel evidence     impossible-travel records of the widest look-back needed, by imei_norm
//   region              member operators' MCC-MNCs, exempted device types, MSISDN clean lengths
//
// Memory, 10 M IMEIs on every IMEI list: about 8 bytes an IMEI a list (16 with a value), so a
// few hundred MB in the worst case; the GSMA database (~200 k TACs) is a few MB.
//
// Built by LoadClassifyContext (context_loader.h) from the stores, or by hand in tests through
// the Add...() methods followed by Finish(). Const methods are thread-safe after Finish().
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/classify/imei_key_set.h"
#include "openceir/config/config.h"
#include "openceir/identifiers/mcc_mnc_table.h"
#include "openceir/store/imei_summary.h"
#include "openceir/store/observation_types.h"

namespace openceir::classify {

// Which parts of the snapshot a set of dimensions reads (bits of ContextNeeds::lists).
enum ContextPart : std::uint32_t {
  kNeedGsmaTac = 1u << 0,
  kNeedStolen = 1u << 1,
  kNeedRegistration = 1u << 2,
  kNeedBarred = 1u << 3,
  kNeedBarredTac = 1u << 4,
  kNeedMonitoring = 1u << 5,
  kNeedAssociation = 1u << 6,
  kNeedSubscribers = 1u << 7,
  kNeedTypedImeis = 1u << 8,  // the registration list's approved_imei as typed
};

struct ContextNeeds {
  std::uint32_t parts = 0;                         // ContextPart bits
  std::optional<store::DateWindow> travel_window;  // union of impossible_travel look-backs

  void Merge(const ContextNeeds& other);
};

// Interned device type: an index into ClassifyContext::device_type(). 0 = none given.
using DeviceTypeId = std::uint16_t;

// One GSMA TAC database entry, reduced to what dimensions read.
struct TacInfo {
  std::uint32_t tac = 0;
  Date allocation_date;  // valid only when has_allocation_date
  bool has_allocation_date = false;
  std::uint8_t radio_caps = 0;  // identifiers::RadioGenerationBits of this TAC's bands
  std::uint8_t model_caps = 0;  // OR over the TACs of the same manufacturer + model name
  bool has_model = false;       // manufacturer and model name both given (DIRBS's rule)
  DeviceTypeId device_type = 0;
};

struct StolenEntry {
  Date reporting_date;  // valid only when has_reporting_date
  bool has_reporting_date = false;
};

struct RegistrationEntry {
  DeviceTypeId device_type = 0;
};

// An IMEI as a person typed it, reduced to what verifying it needs (2 bytes, not a string: the
// first 14 digits are the imei_norm it is filed under).
struct TypedImei {
  std::uint8_t length = 0;  // characters typed, capped at 255
  char check_digit = 0;     // the 15th character, when length is 15
};

class ClassifyContext {
 public:
  // `curr_date`: the classification date (windows end the day before it, as in DIRBS).
  explicit ClassifyContext(Date curr_date) : curr_date_(curr_date) {}

  // --- Building (before Finish) -------------------------------------------------------------
  // The member operators (MCC-MNCs), exempted device types and MSISDN clean lengths. Fails
  // (kInvalidInput) when an operator's MCC-MNC is malformed (see MccMncTable::Create).
  Status SetRegion(const config::RegionConfig& region);
  // `radio_caps` as the GSMA import stores it ("2G|3G|4G"); `allocation_date` YYYYMMDD or empty.
  // A TAC that is not 8 digits is ignored.
  void AddGsmaTac(std::string_view tac, std::string_view manufacturer, std::string_view model_name,
                  std::string_view device_type, std::string_view radio_caps,
                  std::string_view allocation_date);
  // `status` as stored; only confirmed reports (empty or "blacklist") are kept.
  void AddStolen(std::string_view imei_norm, std::string_view reporting_date,
                 std::string_view status);
  // `status` as stored; only registered entries (empty or "whitelist") are kept.
  void AddRegistration(std::string_view imei_norm, std::string_view status,
                       std::string_view device_type);
  // `typed`: the registration list's approved_imei as stored (trimmed, as typed), whatever the
  // entry's status: what the person typed is a fact about the entry. Empty values are ignored
  // (rows imported before the typed form was kept).
  void AddTypedImei(std::string_view imei_norm, std::string_view typed);
  void AddBarred(std::string_view imei_norm) { barred_.Add(imei_norm); }
  void AddBarredTac(std::string_view tac);
  void AddMonitored(std::string_view imei_norm) { monitoring_.Add(imei_norm); }
  void AddAssociation(std::string_view uid, std::string_view imei_norm);
  void AddSubscriber(std::string_view uid, std::string_view imsi);
  void AddTravelEvidence(store::TravelEvidence evidence);
  // Sorts everything and derives the per-model radio capability. Call once.
  void Finish();

  // --- Reading (after Finish) ---------------------------------------------------------------
  Date curr_date() const { return curr_date_; }
  // The GSMA entry of `tac` (TacOf(imei_norm)), or nullptr when absent or kNoTac.
  const TacInfo* FindTac(std::uint32_t tac) const;
  const StolenEntry* FindConfirmedStolen(const ImeiKey& imei) const { return stolen_.Find(imei); }
  const RegistrationEntry* FindRegistration(const ImeiKey& imei) const {
    return registration_.Find(imei);
  }
  // How `imei` was typed into the registration list, or nullptr when it was not (network data).
  const TypedImei* FindTypedImei(const ImeiKey& imei) const { return typed_imeis_.Find(imei); }
  bool IsBarred(const ImeiKey& imei) const { return barred_.Contains(imei); }
  bool IsBarredTac(std::uint32_t tac) const { return barred_tacs_.Contains(tac); }
  bool IsMonitored(const ImeiKey& imei) const { return monitoring_.Contains(imei); }
  bool HasAssociation(const ImeiKey& imei) const { return associated_.Contains(imei); }
  // The UIDs (UidKeyOf) registered with `imsi`, sorted; empty when none.
  std::span<const std::uint64_t> UidsOfImsi(std::string_view imsi) const;
  // Travel evidence of `imei_norm` loaded for ContextNeeds::travel_window, oldest first.
  std::span<const store::TravelEvidence> TravelEvidenceOf(std::string_view imei_norm) const;

  // The text of a device type id (lower-cased); empty for 0.
  std::string_view device_type(DeviceTypeId id) const { return device_types_[id]; }
  // True when the device type is one of the region's exempted_device_types (case-insensitive).
  bool IsExemptDeviceType(DeviceTypeId id) const;
  // The member operator whose MCC-MNC `imsi` carries, as an index 0..operator_count()-1, or -1.
  int OperatorIndexOfImsi(std::string_view imsi) const;
  std::size_t operator_count() const { return operator_ids_.size(); }
  const std::string& operator_id(int index) const {
    return operator_ids_[static_cast<std::size_t>(index)];
  }
  int msisdn_min_digits() const { return msisdn_min_digits_; }
  int msisdn_max_digits() const { return msisdn_max_digits_; }

  std::size_t gsma_size() const { return tacs_.size(); }
  std::size_t stolen_size() const { return stolen_.size(); }
  std::size_t registration_size() const { return registration_.size(); }

 private:
  DeviceTypeId Intern(std::string_view device_type);

  Date curr_date_;
  std::vector<TacInfo> tacs_;                                    // sorted by tac
  std::vector<std::pair<std::string, std::string>> tac_models_;  // parallel to tacs_ until Finish
  ImeiMap<StolenEntry> stolen_;
  ImeiMap<RegistrationEntry> registration_;
  ImeiMap<TypedImei> typed_imeis_;
  ImeiSet barred_;
  TacSet barred_tacs_;
  ImeiSet monitoring_;
  ImeiSet associated_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> imsi_uids_;  // (ImsiKeyOf, UidKeyOf)
  std::vector<std::uint64_t> imsi_keys_;  // sorted ImsiKeyOf, parallel to uid_keys_
  std::vector<std::uint64_t> uid_keys_;
  std::vector<store::TravelEvidence> travel_;  // sorted by (imei_norm, second.time)
  std::vector<std::string> device_types_{std::string()};
  std::vector<bool> exempt_;                        // by DeviceTypeId
  std::vector<std::string> exempted_device_types_;  // lower-cased
  identifiers::MccMncTable mcc_mnc_;
  std::vector<std::string> operator_ids_;
  int msisdn_min_digits_ = 12;
  int msisdn_max_digits_ = 15;
  bool finished_ = false;
};

// "2G|3G|4G" -> RadioGenerationBits; unknown items are ignored (matching is literal: no
// wildcards, "4G" only as a whole item).
std::uint8_t ParseRadioCaps(std::string_view radio_caps);

// A UID as a 64-bit key (FNV-1a): 16 bytes a subscriber instead of two strings, so a list of
// 10 M subscribers takes 160 MB. Two UIDs colliding (odds ~1e-5 among 10 M) would count as one.
std::uint64_t UidKeyOf(std::string_view uid);

// ASCII lower case.
std::string LowerAscii(std::string_view text);

}  // namespace openceir::classify
