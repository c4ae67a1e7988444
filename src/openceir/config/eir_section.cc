// The `eir` section: the EIR node's listeners (HTTP/2, Diameter S13), bundle sync and policies.
#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <functional>
#include <set>
#include <tuple>

#include "openceir/config/config_sections.h"

namespace openceir::config::internal {
namespace {

// Texts that end up inside freeDiameter's configuration syntax or a log line.
bool IsPlainText(std::string_view text) {
  for (char c : text) {
    if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == ' ') return false;
  }
  return true;
}

// A Diameter Identity or realm: DNS labels of [A-Za-z0-9-] joined by dots (RFC 6733 DiamIdent).
bool IsFqdn(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t label = 0;
  for (char c : name) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || ++label > 63) return false;
  }
  return label > 0;
}

// An acl_wl pattern: an identity, or "*." followed by one.
bool IsPeerPattern(std::string_view pattern) {
  if (pattern.starts_with("*.")) pattern.remove_prefix(2);
  return IsFqdn(pattern);
}

std::string ListenProblem(std::string_view address) { return ListenAddressProblem(address); }

std::string Resolved(const std::string& base_dir, const std::string& path) {
  if (path.empty() || base_dir.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(base_dir) / path).lexically_normal().string();
}

// A list of texts, each checked by `problem` ("" = fine); repeats are problems too.
std::vector<std::string> TextList(MapReader& map, std::string_view key,
                                  const std::function<std::string(std::string_view)>& problem) {
  std::vector<std::string> values;
  const YAML::Node* node = map.Find(key);
  if (node == nullptr) return values;
  const std::string path = map.PathOf(key);
  const std::vector<YAML::Node> items = SequenceItems(map.sink(), *node, path);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string value;
    if (!ReadString(map.sink(), items[i], IndexPath(path, i), &value)) continue;
    if (std::string what = problem(value); !what.empty()) {
      map.sink().Add(items[i], IndexPath(path, i), fmt::format("\"{}\" {}", value, what));
    } else if (!seen.insert(value).second) {
      map.sink().Add(items[i], IndexPath(path, i), fmt::format("\"{}\" is listed twice", value));
    } else {
      values.push_back(value);
    }
  }
  return values;
}

// A file path that must name an existing file once resolved.
void ExistingFile(MapReader& map, std::string_view key, const std::string& base_dir,
                  std::string* out) {
  if (!map.NonEmptyString(key, out)) return;
  *out = Resolved(base_dir, *out);
  std::error_code error;
  if (!std::filesystem::is_regular_file(*out, error)) {
    map.Problem(key, fmt::format("\"{}\" is not a readable file", *out));
  }
}

// Both TLS files or neither; required when `needed`.
void TlsPair(MapReader& map, std::string_view cert_key, std::string_view key_key,
             const std::string& base_dir, bool needed, std::string_view needed_by,
             std::string* cert, std::string* key) {
  ExistingFile(map, cert_key, base_dir, cert);
  ExistingFile(map, key_key, base_dir, key);
  const bool has_cert = map.Has(cert_key);
  const bool has_key = map.Has(key_key);
  if (has_cert != has_key) {
    map.Problem(has_cert ? key_key : cert_key,
                fmt::format("is required with {}", has_cert ? cert_key : key_key));
  } else if (needed && !has_cert) {
    map.Problem(cert_key, fmt::format("is required with {}", needed_by));
  }
}

void ParseHttp(ProblemSink& sink, const YAML::Node& node, const std::string& base_dir,
               EirHttpConfig* http) {
  MapReader map(
      sink, node, "eir.http",
      {"listen", "tls_listen", "tls_certificate_file", "tls_private_key_file", "worker_threads"});
  if (map.Has("listen")) http->listen = TextList(map, "listen", ListenProblem);
  http->tls_listen = TextList(map, "tls_listen", ListenProblem);
  const YAML::Node* listen = map.Find("listen");
  const bool written_empty = listen != nullptr && (listen->IsNull() || listen->size() == 0);
  if (written_empty && http->tls_listen.empty()) {
    map.Problem("listen", "the node needs at least one listen or tls_listen address");
  }
  TlsPair(map, "tls_certificate_file", "tls_private_key_file", base_dir, !http->tls_listen.empty(),
          "tls_listen", &http->tls_certificate_file, &http->tls_private_key_file);
  if (map.IntAtLeast("worker_threads", 1, &http->worker_threads) && http->worker_threads > 256) {
    map.Problem("worker_threads",
                fmt::format("must be at most 256 (got {})", http->worker_threads));
  }
}

void ParsePeers(MapReader& parent, EirDiameterConfig* diameter) {
  const YAML::Node* node = parent.Find("peers");
  if (node == nullptr) return;
  const std::string path = parent.PathOf("peers");
  const std::vector<YAML::Node> items = SequenceItems(parent.sink(), *node, path);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    EirDiameterPeerConfig peer;
    MapReader map(parent.sink(), items[i], IndexPath(path, i), {"identity", "address", "port"});
    if (map.Require("identity") != nullptr && map.String("identity", &peer.identity)) {
      if (!IsFqdn(peer.identity)) {
        map.Problem("identity",
                    fmt::format("\"{}\" is not a Diameter Identity (FQDN)", peer.identity));
      } else if (!seen.insert(peer.identity).second) {
        map.Problem("identity", fmt::format("\"{}\" is listed twice", peer.identity));
      }
    }
    if (map.Require("address") != nullptr && map.String("address", &peer.address) &&
        (peer.address.empty() || !IsPlainText(peer.address))) {
      map.Problem("address", fmt::format("\"{}\" is not an address or host name", peer.address));
    }
    if (map.IntAtLeast("port", 1, &peer.port) && peer.port > 65535) {
      map.Problem("port", fmt::format("must be 1-65535 (got {})", peer.port));
    }
    diameter->peers.push_back(std::move(peer));
  }
}

void ParseDiameter(ProblemSink& sink, const YAML::Node& node, const std::string& base_dir,
                   EirDiameterConfig* diameter) {
  MapReader map(sink, node, "eir.diameter",
                {"identity", "realm", "listen_address", "port", "tls_port", "tls_certificate_file",
                 "tls_private_key_file", "tls_ca_file", "allowed_peers", "peers",
                 "dispatch_threads", "work_dir"});
  diameter->enabled = true;
  for (const auto& [key, out] :
       {std::pair{"identity", &diameter->identity}, std::pair{"realm", &diameter->realm}}) {
    if (map.Require(key) != nullptr && map.String(key, out) && !IsFqdn(*out)) {
      map.Problem(key, fmt::format("\"{}\" is not a Diameter {} (FQDN: labels of letters, "
                                   "digits and '-' joined by dots)",
                                   *out, std::string_view(key) == "realm" ? "realm" : "Identity"));
    }
  }
  if (map.String("listen_address", &diameter->listen_address) &&
      !IsPlainText(diameter->listen_address)) {
    map.Problem("listen_address",
                fmt::format("\"{}\" is not an address", diameter->listen_address));
  }
  for (const auto& [key, out, min] :
       {std::tuple{"port", &diameter->port, 1}, std::tuple{"tls_port", &diameter->tls_port, 0}}) {
    if (map.IntAtLeast(key, min, out) && *out > 65535) {
      map.Problem(key, fmt::format("must be at most 65535 (got {})", *out));
    }
  }
  if (diameter->tls_port != 0 && diameter->tls_port == diameter->port) {
    map.Problem("tls_port", "must differ from port");
  }
  // freeDiameter needs a certificate even when every peer uses plain TCP (EIR-NOTES.md).
  TlsPair(map, "tls_certificate_file", "tls_private_key_file", base_dir, true,
          "a diameter section (freeDiameter needs them even without TLS peers)",
          &diameter->tls_certificate_file, &diameter->tls_private_key_file);
  ExistingFile(map, "tls_ca_file", base_dir, &diameter->tls_ca_file);
  if (!map.Has("tls_ca_file")) diameter->tls_ca_file = diameter->tls_certificate_file;
  diameter->allowed_peers = TextList(map, "allowed_peers", [](std::string_view pattern) {
    return IsPeerPattern(pattern) ? std::string()
                                  : std::string(
                                        "is not a peer identity or pattern (\"mme.example.org\", "
                                        "\"*.example.org\")");
  });
  ParsePeers(map, diameter);
  if (map.IntAtLeast("dispatch_threads", 1, &diameter->dispatch_threads) &&
      diameter->dispatch_threads > 256) {
    map.Problem("dispatch_threads",
                fmt::format("must be at most 256 (got {})", diameter->dispatch_threads));
  }
  map.NonEmptyString("work_dir", &diameter->work_dir);
  diameter->work_dir = Resolved(base_dir, diameter->work_dir);
}

void ParseSync(ProblemSink& sink, const YAML::Node& node, const std::string& base_dir,
               EirSyncConfig* sync) {
  MapReader map(sink, node, "eir.sync",
                {"url", "trusted_public_key_file", "poll_interval_seconds", "state_dir",
                 "http2_prior_knowledge"});
  map.Bool("http2_prior_knowledge", &sync->http2_prior_knowledge);
  if (map.NonEmptyString("url", &sync->url) && !sync->url.starts_with("http://") &&
      !sync->url.starts_with("https://")) {
    map.Problem("url", fmt::format("\"{}\" is not an http:// or https:// URL", sync->url));
  }
  if (!sync->url.empty() && !map.Has("trusted_public_key_file")) {
    map.Problem("trusted_public_key_file",
                "is required with url (bundles are only applied when their signature verifies)");
  }
  ExistingFile(map, "trusted_public_key_file", base_dir, &sync->trusted_public_key_file);
  double interval = 0;
  if (map.Real("poll_interval_seconds", &interval)) {
    if (interval < 0.01 || interval > 86400) {
      map.Problem("poll_interval_seconds",
                  fmt::format("must be from 0.01 to 86400 seconds (got {})", interval));
    } else {
      sync->poll_interval_seconds = interval;
    }
  }
  map.NonEmptyString("state_dir", &sync->state_dir);
  sync->state_dir = Resolved(base_dir, sync->state_dir);
}

void ParsePolicies(ProblemSink& sink, const YAML::Node& node, EirPoliciesConfig* policies) {
  MapReader map(sink, node, "eir.policies",
                {"invalid_imei", "unallocated_tac", "test_tac", "unknown_imei"});
  for (const auto& [key, out, optional] :
       {std::tuple{"invalid_imei", &policies->invalid_imei, false},
        std::tuple{"unallocated_tac", &policies->unallocated_tac, true},
        std::tuple{"test_tac", &policies->test_tac, true},
        std::tuple{"unknown_imei", &policies->unknown_imei, true}}) {
    std::string value;
    if (!map.String(key, &value)) continue;
    if (value == "whitelisted" || value == "greylisted" || value == "blacklisted" ||
        value == "unknown" || (optional && value == "off")) {
      *out = value == "off" ? "" : value;
    } else {
      map.Problem(key, fmt::format("\"{}\" is not an answer (whitelisted, greylisted, "
                                   "blacklisted, unknown{})",
                                   value, optional ? ", off" : ""));
    }
  }
}

}  // namespace

void ParseEir(ProblemSink& sink, const YAML::Node& node, const std::string& base_dir,
              EirConfig* eir) {
  MapReader map(sink, node, "eir", {"http", "diameter", "sync", "policies"});
  const YAML::Node* http = map.Find("http");
  ParseHttp(sink, http != nullptr ? *http : YAML::Node(), base_dir, &eir->http);
  if (const YAML::Node* diameter = map.Find("diameter")) {
    ParseDiameter(sink, *diameter, base_dir, &eir->diameter);
  }
  const YAML::Node* sync = map.Find("sync");
  ParseSync(sink, sync != nullptr ? *sync : YAML::Node(), base_dir, &eir->sync);
  if (const YAML::Node* policies = map.Find("policies")) {
    ParsePolicies(sink, *policies, &eir->policies);
  }
}

std::string ListenAddressProblem(std::string_view address, int min_port) {
  std::string_view host;
  std::string_view port;
  if (address.starts_with("[")) {
    const std::size_t close = address.find(']');
    if (close == std::string_view::npos || close + 1 >= address.size() ||
        address[close + 1] != ':') {
      return "is not \"[v6 address]:port\"";
    }
    host = address.substr(1, close - 1);
    port = address.substr(close + 2);
  } else {
    const std::size_t colon = address.rfind(':');
    if (colon == std::string_view::npos) return "is not \"host:port\" (no port)";
    host = address.substr(0, colon);
    port = address.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) {
      return "is an IPv6 address without brackets (write \"[v6 address]:port\")";
    }
  }
  if (host.empty() || !IsPlainText(host)) return "has no host";
  int value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || error != std::errc() || end != port.data() + port.size() ||
      value < min_port || value > 65535) {
    return fmt::format("has port \"{}\", not {}-65535", port, min_port);
  }
  return "";
}

}  // namespace openceir::config::internal
