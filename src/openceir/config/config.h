// The OpenCEIR configuration: one YAML file (see docs/CONFIG.md and etc/openceir.yaml),
// parsed and validated into these plain structs by LoadConfigFile (config_loader.h). Every other
// component reads configuration only through these structs, never YAML.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace openceir::config {

struct OperatorConfig {
  std::string id;                     // short, stable: "op1" (used in file names, lists)
  std::string name;                   // display name
  std::vector<std::string> mcc_mncs;  // "41001" etc.: MCC (3 digits) + MNC (2 or 3 digits)
};

struct RegionConfig {
  std::string name;                        // "Examplestan"
  std::vector<std::string> country_codes;  // E.164 country codes without '+': "92"
  std::vector<std::string> mccs;           // "410"
  std::vector<OperatorConfig> operators;
  // GSMA device types (e.g. "Module") exempt from registration (not_on_registration_list).
  std::vector<std::string> exempted_device_types;
  // An MSISDN is "clean" when it has msisdn_min_digits..msisdn_max_digits digits.
  int msisdn_min_digits = 12;
  int msisdn_max_digits = 15;
};

// Size-drop guard for full-mode reference list imports. An import that would shrink the current
// list by more than either threshold is rejected. Negative = that threshold is off.
struct ListImportThresholds {
  std::int64_t size_drop_absolute = -1;  // max rows the list may lose in one import
  double size_drop_ratio = 0.5;          // max share (0..1) of current rows it may lose
};

// Data-quality thresholds for operator data (used by the observation import).
struct OperatorDataThresholds {
  double null_imei = 0.05;
  double null_imsi = 0.05;
  double null_msisdn = 0.05;
  double null_rat = 0.05;
  double null_combined = 0.05;
  double unclean_imei = 0.05;
  double unclean_imsi = 0.05;
  double unclean_combined = 0.05;
  double out_of_region_imsi = 0.1;
  double out_of_region_msisdn = 0.1;
  double out_of_region_combined = 0.1;
  double non_home_network = 0.2;
  double historic_imei = 0.9;
  double historic_imsi = 0.9;
  double historic_msisdn = 0.9;
  int historic_min_days = 7;
  double leading_zero_suspect = 0.5;
};

// One dimension of a condition: a named module with parameters, optionally inverted.
// Parameters are validated against the module's table (dimension_modules.h); values are stored
// as text: booleans as "true"/"false", integers in plain decimal, reals as written in the YAML.
// A mapping parameter (gsma_not_found's per_rbi_delays) is flattened: "per_rbi_delays.35" -> "20".
struct DimensionConfig {
  std::string module;                             // "gsma_not_found", "duplicate_threshold", ...
  std::map<std::string, std::string> parameters;  // validated scalar values (see above)
  bool invert = false;
};

// A classification condition: AND of its dimensions.
struct ConditionConfig {
  std::string label;
  std::vector<DimensionConfig> dimensions;
  int grace_period_days = 0;
  bool blocking = false;
  bool sticky = false;
  bool amnesty_eligible = false;
  std::string reason;
  double max_allowed_matching_ratio = 0.1;
};

struct AmnestyConfig {
  bool enabled = false;
  std::string evaluation_period_end_date;  // YYYYMMDD
  std::string amnesty_period_end_date;     // YYYYMMDD
};

struct ListGenerationConfig {
  int lookback_days = 60;
  bool restrict_exceptions_list_to_blacklisted_imeis = false;
  bool generate_check_digit = false;
  bool output_invalid_imeis = true;
  bool include_barred_imeis_in_exceptions_list = false;
};

struct StoreConfig {
  std::string kind = "sqlite";  // "sqlite" (later "postgresql")
  // SQLite file. In the YAML a relative path is relative to the config file's folder;
  // LoadConfigFile returns it resolved (absolute).
  std::string path = "openceir.db";
  std::string dsn;  // PostgreSQL connection string
};

struct ImportConfig {
  int max_listed_errors = 20;  // errors printed before "... and N more"
};

// The EIR node (`openceir eir`, issue 5 item 6). Relative paths in the YAML are relative to the
// configuration file's folder; LoadConfigFile returns them resolved.
struct EirHttpConfig {
  // N5g-eir, REST, /metrics: "host:port" or "[v6 address]:port" (port 1-65535).
  std::vector<std::string> listen = {"0.0.0.0:8080"};  // cleartext HTTP/2 (h2c prior knowledge)
  std::vector<std::string> tls_listen;                 // TLS with ALPN h2; needs both files
  std::string tls_certificate_file;                    // PEM chain
  std::string tls_private_key_file;                    // PEM
  int worker_threads = 2;
};

struct EirDiameterPeerConfig {
  std::string identity;  // the peer's Diameter Identity (FQDN)
  std::string address;   // IP address or host name
  int port = 3868;
};

// Diameter S13. Absent section: the node runs no S13.
struct EirDiameterConfig {
  bool enabled = false;  // true when the section is present
  std::string identity;  // this node's Diameter Identity (FQDN)
  std::string realm;
  std::string listen_address;  // empty: every local address
  int port = 3868;
  int tls_port = 0;                  // 0: no Diameter/TLS port
  std::string tls_certificate_file;  // freeDiameter needs these even without TLS peers
  std::string tls_private_key_file;
  std::string tls_ca_file;
  std::vector<std::string> allowed_peers;    // identity patterns that may connect ("*.example.org")
  std::vector<EirDiameterPeerConfig> peers;  // peers this node connects to
  int dispatch_threads = 4;
  std::string work_dir = "eir-diameter";  // where the generated freeDiameter.conf goes
};

struct EirSyncConfig {
  std::string url;                      // the central node's bundle folder; empty: no sync
  std::string trusted_public_key_file;  // required with url
  double poll_interval_seconds = 10;
  std::string state_dir = "eir-state";  // the last good bundle
  // http:// URLs: HTTP/2 prior knowledge (an openceir central node speaks only HTTP/2); false
  // for an HTTP/1.1 static file server.
  bool http2_prior_knowledge = true;
};

// Answers for equipment the lists do not cover (eir/policies.h): "whitelisted", "greylisted",
// "blacklisted" or "unknown" (equipment unknown); empty = the policy is off.
struct EirPoliciesConfig {
  std::string invalid_imei = "unknown";  // always applies
  std::string unallocated_tac;
  std::string test_tac;
  std::string unknown_imei;  // whitelist mode
};

struct EirConfig {
  EirHttpConfig http;
  EirDiameterConfig diameter;
  EirSyncConfig sync;
  EirPoliciesConfig policies;
};

// The people-facing API server (`openceir serve`, issue 7; src/openceir/api).
struct ApiConfig {
  std::string listen = "127.0.0.1:8081";  // "host:port" or "[v6 address]:port"; port 0 allowed
  int threads = 2;                        // worker threads answering requests
  // Per client address, for requests without a key: a token bucket refilled at this rate.
  double public_requests_per_second = 5;
  int public_burst = 20;          // bucket size: requests a client may make at once
  int max_body_bytes = 1 << 20;   // request bodies beyond this are refused (413)
  int idle_timeout_seconds = 30;  // a connection idle (or a request unfinished) this long closes
};

struct Config {
  RegionConfig region;
  StoreConfig store;
  ImportConfig import;
  std::map<std::string, ListImportThresholds> list_thresholds;  // by list name ("stolen")
  OperatorDataThresholds operator_thresholds;
  std::vector<ConditionConfig> conditions;
  AmnestyConfig amnesty;
  ListGenerationConfig list_generation;
  EirConfig eir;
  ApiConfig api;

  // Thresholds for a list by its CLI name; the defaults when the config names none.
  ListImportThresholds ThresholdsFor(const std::string& list_name) const {
    auto it = list_thresholds.find(list_name);
    return it == list_thresholds.end() ? ListImportThresholds{} : it->second;
  }
};

}  // namespace openceir::config
