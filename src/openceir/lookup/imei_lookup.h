// IMEI look-up: what OpenCEIR knows about one IMEI, for `openceir check`, and later the public
// check API. Validation (imei_norm, the reason a typed IMEI is invalid, test TAC) plus every
// reference list the registry holds for it: the GSMA model of its TAC, registration, stolen
// report, pairings, golden, barred IMEI, barred TAC, monitoring and device associations.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/identifiers/imei.h"
#include "openceir/store/registry_store.h"

namespace openceir::lookup {

// The GSMA TAC database entry of the IMEI's TAC.
struct TacModel {
  std::string tac;
  std::string manufacturer;
  std::string model_name;
  std::string device_type;
  std::string bands;
  std::string radio_caps;       // as derived from bands by the importer: "2G|3G|4G"
  std::string allocation_date;  // as stored by the importer
};

// The IMEI's registration list entry.
struct Registration {
  bool registered = false;  // status empty or "whitelist" (FORMATS.md)
  std::string status;
  std::string make;
  std::string model;
  std::string brand_name;
  std::string device_type;
  std::string device_id;  // groups the IMEIs of one multi-SIM device
};

// The IMEI's stolen list entry.
struct StolenReport {
  bool confirmed = false;  // status empty or "blacklist"; anything else is provisional
  std::string status;
  std::string reporting_date;
};

struct Pairing {
  std::string imsi;
  std::string msisdn;
};

struct ImeiReport {
  std::string raw;                       // as given
  std::optional<std::string> imei_norm;  // nullopt when empty
  // Validation as a typed IMEI (the check digit is verified when 15 digits are given).
  identifiers::ImeiError validation = identifiers::ImeiError::kOk;
  std::string tac;        // first 8 characters of imei_norm when they are digits, else empty
  bool test_tac = false;  // a TAC reserved for test equipment

  std::optional<TacModel> model;  // nullopt when the TAC is not in the GSMA TAC database
  std::optional<Registration> registration;
  std::optional<StolenReport> stolen;
  std::vector<Pairing> pairings;
  bool golden = false;                        // MD5(imei_norm) on the golden list
  bool barred = false;                        // imei_norm on the barred list
  bool barred_tac = false;                    // TAC on the barred TAC list
  bool monitored = false;                     // imei_norm on the monitoring list
  std::vector<std::string> association_uids;  // subscriber UIDs associated with the IMEI
};

// Looks `raw_imei` up. Validation never fails the call: an invalid IMEI gives a report whose
// `validation` says why (registry lists are still consulted by imei_norm, since lists may hold
// malformed identifiers too; an empty value consults nothing). Errors: only store failures.
Result<ImeiReport> LookupImei(store::RegistryStore& store, std::string_view raw_imei);

// One JSON object (nlohmann_json), keys in snake_case; absent facts are null / false / [].
std::string ToJson(const ImeiReport& report);
// Several reports as one JSON array.
std::string ToJson(const std::vector<ImeiReport>& reports);

// A few aligned lines for a person, ending with a newline.
std::string ToText(const ImeiReport& report);

}  // namespace openceir::lookup
