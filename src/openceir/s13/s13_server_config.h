// What an operator configures for the S13 interface (issue 5 item 6: Diameter identity, realm,
// listen address, TLS files, peers), and the freeDiameter configuration written from it.
// freeDiameter reads only its own configuration file, so S13Server writes one (and the ACL file
// of Debian's acl_wl extension) into `work_dir` at every start; nothing else is kept there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::s13 {

// A peer this node connects to itself (freeDiameter ConnectPeer), over TCP without TLS.
struct S13PeerConfig {
  std::string identity;  // its Diameter Identity (FQDN), e.g. "mme1.epc.example.org"
  std::string address;   // IP address or host name to connect to
  std::uint16_t port = 3868;
};

struct S13ServerConfig {
  std::string identity;        // this node's Diameter Identity (FQDN), e.g. "eir.example.org"
  std::string realm;           // its Diameter realm, e.g. "example.org"
  std::string listen_address;  // ListenOn; empty: every local address
  std::uint16_t port = 3868;   // Diameter over TCP (no SCTP: it is often unavailable)
  // Diameter/TLS port (RFC 6733 5868); 0: none, peers use plain TCP (IPsec or a closed network).
  std::uint16_t tls_port = 0;
  // freeDiameter needs a certificate, its key and the CA that issued it even when every peer
  // uses plain TCP (PEM files). tls_ca_file may be the certificate itself when self-signed.
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_ca_file;
  // Diameter Identities (acl_wl patterns: "mme1.example.org", "*.epc.example.org") of peers
  // that may connect without TLS. A peer that is neither here nor in `peers` is refused.
  std::vector<std::string> allowed_peers;
  std::vector<S13PeerConfig> peers;
  int dispatch_threads = 4;  // freeDiameter AppServThreads: threads answering ECRs
  std::string work_dir;      // where the generated freeDiameter.conf and ACL file go
  std::string extensions_dir = "/usr/lib/freeDiameter";  // Debian's dictionary and ACL .fdx
};

// kInvalidInput naming the field when a required field is empty, a value cannot be written into
// freeDiameter's configuration syntax (quotes, line breaks), or a file is missing.
Status ValidateS13ServerConfig(const S13ServerConfig& config);

// The freeDiameter.conf text for `config`, loading the dictionaries S13 needs (dict_nasreq,
// dict_dcca, dict_dcca_3gpp: each needs the one before) and acl_wl with `acl_file`.
// Requires a valid config.
std::string FreeDiameterConfText(const S13ServerConfig& config, const std::string& acl_file);

// The acl_wl file: one "ALLOW_IPSEC <pattern>" line per allowed peer (ALLOW_IPSEC: accepted
// without TLS).
std::string AclFileText(const S13ServerConfig& config);

}  // namespace openceir::s13
