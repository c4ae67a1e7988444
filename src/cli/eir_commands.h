// The EIR node's commands (issue 5 items 5-7): keygen, lists publish, eir, audit-eir. Like
// commands.h: each takes the parsed options and returns the process exit code (cli_context.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/cli_context.h"
#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/eir/policies.h"

namespace openceir::cli {

// keygen SECRET_FILE PUBLIC_FILE (cmd_bundle.cc): an Ed25519 key pair for signing bundles.
struct KeygenOptions {
  std::string secret_file;
  std::string public_file;
};
int RunKeygen(const KeygenOptions& options);

// lists publish LISTS_DIR BUNDLE_DIR --key SECRET_FILE (cmd_bundle.cc). LISTS_DIR is a lists
// folder or a folder of lists runs (the newest is published).
struct ListsPublishOptions {
  std::string lists_dir;
  std::string bundle_dir;
  std::string key_file;
  // Policy data from the store: the GSMA TAC database unless --no-allocated-tacs; the
  // registration list with --known-imeis, or when eir.policies.unknown_imei is set.
  bool allocated_tacs = true;
  bool known_imeis = false;
  bool json = false;  // print the bundle manifest
};
int RunListsPublish(const GlobalOptions& global, const ListsPublishOptions& options);

// eir [--sync URL --trust PUBKEY] [--bundle-dir DIR] [--listen ADDR]... (cmd_eir.cc): the EIR
// node. Flags override the configuration's eir section.
struct EirOptions {
  std::string sync_url;
  std::string trust_file;
  std::string bundle_dir;           // also serve this bundle folder (the central node)
  std::vector<std::string> listen;  // h2c listen addresses ("127.0.0.1:0": any free port)
  std::string state_dir;
  double poll_interval_seconds = 0;  // 0: the configuration's
  bool no_diameter = false;          // do not start S13 even when configured
  bool sync_http1 = false;           // the sync server speaks HTTP/1.1 (no h2c prior knowledge)
};
int RunEir(const GlobalOptions& global, const EirOptions& options);

// audit-eir URL --sample N --lists DIR [--seed S] [--json] (cmd_audit_eir.cc): Q.5053.
struct AuditEirOptions {
  std::string url;
  std::int64_t sample = 1000;
  std::string lists_dir;
  std::uint64_t seed = 1;
  bool json = false;
};
int RunAuditEir(const GlobalOptions& global, const AuditEirOptions& options);

// The configured policies (config strings) as the snapshot's. kInvalidInput naming the key.
Result<eir::DecisionPolicies> PoliciesOf(const config::EirPoliciesConfig& policies);

}  // namespace openceir::cli
