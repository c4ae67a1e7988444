// The audit: a sample, the central snapshot's answers, the node's answers over N5g-eir.
#include "openceir/bundle/eir_audit.h"

#include <curl/curl.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <unordered_set>

#include "openceir/eir/snapshot_builder.h"
#include "openceir/identifiers/imei.h"

namespace openceir::bundle {

namespace {

std::string Render14(std::uint64_t key) {
  std::string imei(14, '0');
  for (std::size_t i = 14; i-- > 0; key /= 10) imei[i] = static_cast<char>('0' + key % 10);
  return imei;
}

template <typename T>
std::vector<T> Pick(const std::vector<T>& rows, std::size_t count, std::mt19937_64& random) {
  std::vector<T> picked;
  std::sample(rows.begin(), rows.end(), std::back_inserter(picked), count, random);
  return picked;
}

// A key near `key` (same TAC: the first 8 of 14 digits) on no list; nullopt when the serial
// range around it is full.
std::optional<std::uint64_t> UnlistedNeighbour(std::uint64_t key,
                                               const std::unordered_set<std::uint64_t>& listed) {
  const std::uint64_t tac_base = key / 1'000'000 * 1'000'000;
  for (std::uint64_t step = 1; step < 1'000'000; ++step) {
    const std::uint64_t candidate = tac_base + (key - tac_base + step) % 1'000'000;
    if (!listed.contains(candidate)) return candidate;
  }
  return std::nullopt;
}

std::string ExpectedOf(const eir::Decision& decision) {
  return decision.equipment_unknown ? "EQUIPMENT_UNKNOWN"
                                    : std::string(eir::EquipmentStatusName(decision.status));
}

size_t AppendBody(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// The node's answer in ExpectedOf's words. kUnavailable when it cannot be reached.
Result<std::string> AskNode(CURL* curl, const std::string& base_url, const AuditQuery& query,
                            const HttpOptions& http) {
  std::string url = base_url + "/n5g-eir-eic/v1/equipment-status?pei=imei-" + query.imei;
  if (query.imsi) url += "&supi=imsi-" + *query.imsi;
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, http.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, http.total_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(
      curl, CURLOPT_HTTP_VERSION,
      static_cast<long>(url.starts_with("https://") ? CURL_HTTP_VERSION_2TLS
                                                    : CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE));
  // libcurl before 8.0 (Debian 12: 7.88.1) breaks a reused prior-knowledge connection ("Error in
  // the HTTP2 framing layer", curl/curl#10634): one connection a query.
  curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, url.starts_with("http://") ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) return UnavailableError(url + ": " + curl_easy_strerror(code));
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (status == 200 && json.is_object() && json.contains("status") && json["status"].is_string()) {
    return json["status"].get<std::string>();
  }
  if (status == 404 && json.is_object() && json.value("cause", "") == "ERROR_EQUIPMENT_UNKNOWN") {
    return std::string("EQUIPMENT_UNKNOWN");
  }
  std::string answered = "HTTP " + std::to_string(status);
  if (json.is_object() && json.contains("cause") && json["cause"].is_string()) {
    answered += " " + json["cause"].get<std::string>();
  }
  return answered;
}

}  // namespace

std::vector<AuditQuery> DrawAuditSample(const BundleContent& central, std::size_t sample,
                                        std::uint64_t seed) {
  std::mt19937_64 random(seed);
  // Shares: a quarter each; what a small category cannot use goes to the next ones.
  const std::size_t available[3] = {central.blacklist.size(), central.notified.size(),
                                    central.exceptions.size()};
  std::size_t shares[4] = {0, 0, 0, 0};
  std::size_t left = sample;
  for (std::size_t i = 0; i < 3; ++i) {
    shares[i] = std::min(available[i], left / (4 - i));
    left -= shares[i];
  }
  shares[3] = left;

  std::vector<AuditQuery> queries;
  std::unordered_set<std::uint64_t> listed;
  for (const ListedImei& row : central.blacklist) listed.insert(row.imei_key);
  for (const ListedImei& row : central.notified) listed.insert(row.imei_key);
  for (const ExceptionKey& pair : central.exceptions) listed.insert(pair.imei_key);
  std::vector<std::uint64_t> seeds;  // listed keys unlisted neighbours are found beside
  for (const ListedImei& row : Pick(central.blacklist, shares[0], random)) {
    queries.push_back({identifiers::AppendLuhn(Render14(row.imei_key)), {}, "blacklisted"});
    seeds.push_back(row.imei_key);
  }
  for (const ListedImei& row : Pick(central.notified, shares[1], random)) {
    queries.push_back({identifiers::AppendLuhn(Render14(row.imei_key)), {}, "notified"});
    seeds.push_back(row.imei_key);
  }
  for (const ExceptionKey& pair : Pick(central.exceptions, shares[2], random)) {
    queries.push_back({identifiers::AppendLuhn(Render14(pair.imei_key)),
                       eir::ImsiOfKey(pair.imsi_key), "exception_pair"});
    seeds.push_back(pair.imei_key);
  }
  if (seeds.empty()) seeds.push_back(35'000'000'000'000ull);  // empty lists: any IMEI is unlisted
  std::unordered_set<std::uint64_t> drawn;
  // Bounded: a TAC range nearly full of listed IMEIs could leave too few neighbours.
  for (std::size_t attempts = 0; drawn.size() < shares[3] && attempts < shares[3] * 20;
       ++attempts) {
    const std::uint64_t near = seeds[random() % seeds.size()];
    const std::optional<std::uint64_t> key = UnlistedNeighbour(near + random() % 1000, listed);
    if (!key || !drawn.insert(*key).second) continue;
    queries.push_back({identifiers::AppendLuhn(Render14(*key)), {}, "unlisted"});
  }
  return queries;
}

Result<AuditReport> AuditEirNode(const std::string& base_url, const BundleContent& central,
                                 const eir::DecisionPolicies& policies,
                                 const std::vector<AuditQuery>& queries, const HttpOptions& http) {
  eir::SnapshotBuilder builder;
  builder.SetPolicies(policies);
  OPENCEIR_RETURN_IF_ERROR(AddToSnapshot(central, builder));
  OPENCEIR_ASSIGN_OR_RETURN(auto snapshot, std::move(builder).Build(1, 0));

  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return InternalError("libcurl cannot start");
  std::string root = base_url;
  while (!root.empty() && root.back() == '/') root.pop_back();

  AuditReport report;
  for (const AuditQuery& query : queries) {
    eir::EquipmentQuery equipment{query.imei, std::nullopt};
    if (query.imsi) equipment.imsi = *query.imsi;
    const std::string expected = ExpectedOf(snapshot->Decide(equipment));
    auto answered = AskNode(curl.get(), root, query, http);
    if (!answered.ok()) {
      // A node that answered some queries and then failed is a finding; one never reached is not
      // an audit at all.
      if (report.asked == 0) return answered.status();
      answered = "no answer: " + answered.status().message();
    }
    ++report.asked;
    if (*answered != expected) report.disagreements.push_back({query, expected, *answered});
  }
  return report;
}

}  // namespace openceir::bundle
