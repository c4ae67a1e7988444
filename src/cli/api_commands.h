// The people-facing API's commands (issue 7): `serve` (cmd_serve.cc), `apikey create|revoke|list`
// (cmd_apikey.cc) and `audit verify` (cmd_audit.cc). ApiCommands registers them with CLI11 and
// runs the one given, so main.cc needs two lines for all of them.
#pragma once

#include <optional>
#include <string>

#include "cli/cli_context.h"

namespace CLI {
class App;
}

namespace openceir::cli {

struct ServeOptions {
  std::string listen;  // overrides api.listen when not empty
};
int RunServe(const GlobalOptions& global, const ServeOptions& options);

struct ApiKeyCreateOptions {
  std::string role;
  std::string operator_id;
  std::string name;
  bool json = false;
};
int RunApiKeyCreate(const GlobalOptions& global, const ApiKeyCreateOptions& options);
int RunApiKeyRevoke(const GlobalOptions& global, std::int64_t id);
int RunApiKeyList(const GlobalOptions& global, bool json);

// Exit 0 when the chain is intact, 1 naming the first broken entry.
int RunAuditVerify(const GlobalOptions& global, bool json);

class ApiCommands {
 public:
  void Register(CLI::App& app);
  // The exit code of the command given, or nullopt when none of these was.
  std::optional<int> Run(const GlobalOptions& global) const;

 private:
  CLI::App* serve_ = nullptr;
  CLI::App* apikey_create_ = nullptr;
  CLI::App* apikey_revoke_ = nullptr;
  CLI::App* apikey_list_ = nullptr;
  CLI::App* audit_verify_ = nullptr;
  ServeOptions serve_options_;
  ApiKeyCreateOptions create_options_;
  std::int64_t revoke_id_ = 0;
  bool list_json_ = false;
  bool verify_json_ = false;
};

}  // namespace openceir::cli
