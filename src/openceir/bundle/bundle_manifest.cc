// Manifest JSON with nlohmann::json.
#include "openceir/bundle/bundle_manifest.h"

#include <nlohmann/json.hpp>

namespace openceir::bundle {

namespace {

nlohmann::ordered_json FileJson(const BundleFile& file) {
  return {{"name", file.name}, {"bytes", file.bytes}, {"sha256", file.sha256}};
}

bool IsSha256Hex(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<BundleFile> FileOf(const nlohmann::json& json, const char* what) {
  BundleFile file;
  file.name = json.at("name").get<std::string>();
  file.bytes = json.at("bytes").get<std::int64_t>();
  file.sha256 = json.at("sha256").get<std::string>();
  if (file.name.empty() || file.name.find('/') != std::string::npos || file.name[0] == '.' ||
      file.bytes < 0 || !IsSha256Hex(file.sha256)) {
    return InvalidInputError(std::string("bundle manifest: bad ") + what + " file entry");
  }
  return file;
}

}  // namespace

std::string ManifestJson(const BundleManifest& m) {
  nlohmann::ordered_json json;
  json["format"] = "openceir-bundle-1";
  json["sequence"] = m.sequence;
  json["base_sequence"] = m.base_sequence ? nlohmann::ordered_json(*m.base_sequence) : nullptr;
  json["created_unix_seconds"] = m.created_unix_seconds;
  json["classification_run"] = m.classification_run;
  json["list_date"] = m.list_date;
  json["state"] = {{"bytes", m.state_bytes}, {"sha256", m.state_sha256}};
  json["counts"] = {{"blacklisted", m.blacklisted},
                    {"notified", m.notified},
                    {"exception_pairs", m.exception_pairs},
                    {"skipped_rows", m.skipped_rows}};
  // Only when carried, so bundles without policy data keep their manifest bytes.
  if (m.allocated_tacs > 0) json["counts"]["allocated_tacs"] = m.allocated_tacs;
  if (m.known_imeis > 0) json["counts"]["known_imeis"] = m.known_imeis;
  const DeltaCounts& d = m.delta_counts;
  json["delta_counts"] = {
      {"blacklist_added", d.blacklist_added},     {"blacklist_changed", d.blacklist_changed},
      {"blacklist_removed", d.blacklist_removed}, {"notified_added", d.notified_added},
      {"notified_changed", d.notified_changed},   {"notified_removed", d.notified_removed},
      {"exceptions_added", d.exceptions_added},   {"exceptions_removed", d.exceptions_removed}};
  json["full"] = FileJson(m.full);
  json["delta"] = m.delta ? FileJson(*m.delta) : nlohmann::ordered_json(nullptr);
  return json.dump(2) + "\n";
}

Result<BundleManifest> ParseManifest(std::string_view text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return InvalidInputError("bundle manifest: not a JSON object");
  }
  try {
    if (json.at("format") != "openceir-bundle-1") {
      return InvalidInputError("bundle manifest: unknown format " + json.at("format").dump());
    }
    BundleManifest m;
    m.sequence = json.at("sequence").get<std::uint64_t>();
    if (!json.at("base_sequence").is_null()) {
      m.base_sequence = json.at("base_sequence").get<std::uint64_t>();
    }
    m.created_unix_seconds = json.at("created_unix_seconds").get<std::int64_t>();
    m.classification_run = json.at("classification_run").get<std::int64_t>();
    m.list_date = json.at("list_date").get<std::string>();
    m.state_bytes = json.at("state").at("bytes").get<std::int64_t>();
    m.state_sha256 = json.at("state").at("sha256").get<std::string>();
    const auto& counts = json.at("counts");
    m.blacklisted = counts.at("blacklisted").get<std::int64_t>();
    m.notified = counts.at("notified").get<std::int64_t>();
    m.exception_pairs = counts.at("exception_pairs").get<std::int64_t>();
    m.skipped_rows = counts.at("skipped_rows").get<std::int64_t>();
    m.allocated_tacs = counts.value("allocated_tacs", std::int64_t{0});
    m.known_imeis = counts.value("known_imeis", std::int64_t{0});
    const auto& d = json.at("delta_counts");
    m.delta_counts = {d.at("blacklist_added").get<std::int64_t>(),
                      d.at("blacklist_changed").get<std::int64_t>(),
                      d.at("blacklist_removed").get<std::int64_t>(),
                      d.at("notified_added").get<std::int64_t>(),
                      d.at("notified_changed").get<std::int64_t>(),
                      d.at("notified_removed").get<std::int64_t>(),
                      d.at("exceptions_added").get<std::int64_t>(),
                      d.at("exceptions_removed").get<std::int64_t>()};
    OPENCEIR_ASSIGN_OR_RETURN(m.full, FileOf(json.at("full"), "full"));
    if (!json.at("delta").is_null()) {
      OPENCEIR_ASSIGN_OR_RETURN(m.delta, FileOf(json.at("delta"), "delta"));
    }
    if (m.sequence == 0 || m.state_bytes < 0 || !IsSha256Hex(m.state_sha256) ||
        (m.delta.has_value() != m.base_sequence.has_value()) ||
        (m.base_sequence && *m.base_sequence >= m.sequence)) {
      return InvalidInputError("bundle manifest: inconsistent sequence, state or delta fields");
    }
    return m;
  } catch (const nlohmann::json::exception& error) {
    return InvalidInputError(std::string("bundle manifest: ") + error.what());
  }
}

std::string BundleFolderName(std::uint64_t sequence) { return std::to_string(sequence); }

Result<std::uint64_t> ParseLatest(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 19) return InvalidInputError("latest: not a sequence number");
  std::uint64_t sequence = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return InvalidInputError("latest: not a sequence number");
    sequence = sequence * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (sequence == 0) return InvalidInputError("latest: sequence 0");
  return sequence;
}

}  // namespace openceir::bundle
