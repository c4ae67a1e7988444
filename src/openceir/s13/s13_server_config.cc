#include "openceir/s13/s13_server_config.h"

#include <fmt/format.h>
#include <unistd.h>

namespace openceir::s13 {
namespace {

// freeDiameter's configuration strings are "..." with no escapes.
bool Quotable(const std::string& value) {
  return value.find_first_of("\"\n\r") == std::string::npos;
}

Status CheckText(const std::string& value, const char* field, bool required) {
  if (required && value.empty()) return InvalidInputError(fmt::format("s13: {} is empty", field));
  if (!Quotable(value)) {
    return InvalidInputError(fmt::format(
        "s13: {} '{}' holds a quote or line break, which freeDiameter cannot read", field, value));
  }
  return Status::Ok();
}

Status CheckReadable(const std::string& path, const char* field) {
  OPENCEIR_RETURN_IF_ERROR(CheckText(path, field, true));
  if (access(path.c_str(), R_OK) != 0) {
    return InvalidInputError(fmt::format("s13: {} '{}' cannot be read", field, path));
  }
  return Status::Ok();
}

}  // namespace

Status ValidateS13ServerConfig(const S13ServerConfig& config) {
  OPENCEIR_RETURN_IF_ERROR(CheckText(config.identity, "identity", true));
  OPENCEIR_RETURN_IF_ERROR(CheckText(config.realm, "realm", true));
  OPENCEIR_RETURN_IF_ERROR(CheckText(config.listen_address, "listen_address", false));
  if (config.port == 0) return InvalidInputError("s13: port is 0");
  if (config.tls_port == config.port) {
    return InvalidInputError(fmt::format("s13: tls_port is the TCP port {}", config.port));
  }
  OPENCEIR_RETURN_IF_ERROR(CheckReadable(config.tls_cert_file, "tls_cert_file"));
  OPENCEIR_RETURN_IF_ERROR(CheckReadable(config.tls_key_file, "tls_key_file"));
  OPENCEIR_RETURN_IF_ERROR(CheckReadable(config.tls_ca_file, "tls_ca_file"));
  for (const std::string& pattern : config.allowed_peers) {
    OPENCEIR_RETURN_IF_ERROR(CheckText(pattern, "allowed_peers entry", true));
    if (pattern.find_first_of(" \t") != std::string::npos) {
      return InvalidInputError(fmt::format("s13: allowed_peers entry '{}' holds a space", pattern));
    }
  }
  for (const S13PeerConfig& peer : config.peers) {
    OPENCEIR_RETURN_IF_ERROR(CheckText(peer.identity, "peers identity", true));
    OPENCEIR_RETURN_IF_ERROR(CheckText(peer.address, "peers address", true));
    if (peer.port == 0) {
      return InvalidInputError(fmt::format("s13: peer '{}' has port 0", peer.identity));
    }
  }
  if (config.dispatch_threads < 1) return InvalidInputError("s13: dispatch_threads < 1");
  OPENCEIR_RETURN_IF_ERROR(CheckText(config.extensions_dir, "extensions_dir", true));
  if (config.work_dir.empty()) return InvalidInputError("s13: work_dir is empty");
  return Status::Ok();
}

std::string FreeDiameterConfText(const S13ServerConfig& config, const std::string& acl_file) {
  std::string text =
      "# Written by OpenCEIR's S13 server from its configuration at every start; edits are lost.\n";
  text += fmt::format("Identity = \"{}\";\nRealm = \"{}\";\n", config.identity, config.realm);
  text += fmt::format("Port = {};\nSecPort = {};\n", config.port, config.tls_port);
  text += "No_SCTP;\n";
  if (!config.listen_address.empty()) {
    text += fmt::format("ListenOn = \"{}\";\n", config.listen_address);
  }
  text += fmt::format("AppServThreads = {};\n", config.dispatch_threads);
  text += fmt::format("TLS_Cred = \"{}\", \"{}\";\nTLS_CA = \"{}\";\n", config.tls_cert_file,
                      config.tls_key_file, config.tls_ca_file);
  for (const char* extension : {"dict_nasreq", "dict_dcca", "dict_dcca_3gpp"}) {
    text += fmt::format("LoadExtension = \"{}/{}.fdx\";\n", config.extensions_dir, extension);
  }
  text +=
      fmt::format("LoadExtension = \"{}/acl_wl.fdx\" : \"{}\";\n", config.extensions_dir, acl_file);
  for (const S13PeerConfig& peer : config.peers) {
    text +=
        fmt::format("ConnectPeer = \"{}\" {{ ConnectTo = \"{}\"; Port = {}; No_TLS; No_SCTP; }};\n",
                    peer.identity, peer.address, peer.port);
  }
  return text;
}

std::string AclFileText(const S13ServerConfig& config) {
  std::string text = "# Peers that may connect without TLS (written by OpenCEIR's S13 server).\n";
  for (const std::string& pattern : config.allowed_peers) {
    text += fmt::format("ALLOW_IPSEC {}\n", pattern);
  }
  return text;
}

}  // namespace openceir::s13
