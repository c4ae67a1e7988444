// CLI11 registration of the API's commands (see api_commands.h). Part of the executable, the only
// target that links CLI11.
#include "cli/api_commands.h"

#include <CLI/CLI.hpp>

namespace openceir::cli {

void ApiCommands::Register(CLI::App& app) {
  serve_ = app.add_subcommand(
      "serve", "Serve the REST API (IMEI status, TAC, audit; /openapi.json, /metrics) over HTTP");
  serve_->add_option("--listen", serve_options_.listen,
                     "host:port or [v6]:port (default: the api.listen setting)");

  CLI::App* apikey = app.add_subcommand("apikey", "Create, revoke and list API keys");
  apikey->require_subcommand(1);
  apikey_create_ = apikey->add_subcommand("create", "Create a key and print it (shown only once)");
  apikey_create_->add_option("--role", create_options_.role, "public|operator|police|regulator")
      ->required()
      ->check(CLI::IsMember({"public", "operator", "police", "regulator"}));
  apikey_create_->add_option("--operator", create_options_.operator_id,
                             "The operator id (required with --role operator)");
  apikey_create_->add_option("--name", create_options_.name, "Who or what the key is for")
      ->required();
  apikey_create_->add_flag("--json", create_options_.json, "Print JSON");
  apikey_revoke_ = apikey->add_subcommand("revoke", "Revoke a key (it stops working at once)");
  apikey_revoke_->add_option("id", revoke_id_, "The key's id (see apikey list)")
      ->required()
      ->check(CLI::PositiveNumber);
  apikey_list_ = apikey->add_subcommand("list", "List every key, active and revoked");
  apikey_list_->add_flag("--json", list_json_, "Print JSON");

  CLI::App* audit = app.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  audit_verify_ = audit->add_subcommand(
      "verify", "Check the audit trail's hash chain (exit 1 naming the first broken entry)");
  audit_verify_->add_flag("--json", verify_json_, "Print JSON");
}

std::optional<int> ApiCommands::Run(const GlobalOptions& global) const {
  if (serve_ != nullptr && *serve_) return RunServe(global, serve_options_);
  if (apikey_create_ != nullptr && *apikey_create_) return RunApiKeyCreate(global, create_options_);
  if (apikey_revoke_ != nullptr && *apikey_revoke_) return RunApiKeyRevoke(global, revoke_id_);
  if (apikey_list_ != nullptr && *apikey_list_) return RunApiKeyList(global, list_json_);
  if (audit_verify_ != nullptr && *audit_verify_) return RunAuditVerify(global, verify_json_);
  return std::nullopt;
}

}  // namespace openceir::cli
