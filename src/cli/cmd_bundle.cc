// `openceir keygen SECRET_FILE PUBLIC_FILE` and `openceir lists publish LISTS_DIR BUNDLE_DIR
// --key SECRET_FILE`: the central node's signing key and its signed list bundles
// (openceir/bundle/publisher.h), carrying the policy data EIR nodes need.
#include <fmt/format.h>

#include "cli/eir_commands.h"
#include "openceir/bundle/lists_input.h"
#include "openceir/bundle/policy_data.h"
#include "openceir/bundle/publisher.h"
#include "openceir/bundle/signing_key.h"

namespace openceir::cli {

Result<eir::DecisionPolicies> PoliciesOf(const config::EirPoliciesConfig& policies) {
  eir::DecisionPolicies out;
  const auto parse = [](const std::string& key, const std::string& text,
                        std::optional<eir::PolicyAnswer>* answer) -> Status {
    if (text.empty()) return Status::Ok();
    auto parsed = eir::ParsePolicyAnswer(text);
    if (!parsed.ok()) return InvalidInputError("eir.policies." + key + ": " + text);
    *answer = *parsed;
    return Status::Ok();
  };
  std::optional<eir::PolicyAnswer> invalid;
  OPENCEIR_RETURN_IF_ERROR(parse("invalid_imei", policies.invalid_imei, &invalid));
  if (invalid) out.invalid_imei = *invalid;
  OPENCEIR_RETURN_IF_ERROR(
      parse("unallocated_tac", policies.unallocated_tac, &out.unallocated_tac));
  OPENCEIR_RETURN_IF_ERROR(parse("test_tac", policies.test_tac, &out.test_tac));
  OPENCEIR_RETURN_IF_ERROR(parse("unknown_imei", policies.unknown_imei, &out.unknown_imei));
  return out;
}

int RunKeygen(const KeygenOptions& options) {
  auto key = bundle::GenerateSigningKey();
  if (!key.ok()) return ReportError(key.status());
  if (Status status = bundle::WriteKeyFiles(*key, options.secret_file, options.public_file);
      !status.ok()) {
    return ReportError(status);
  }
  fmt::print("Signing key written to {} (keep it secret); public key {} in {}\n",
             options.secret_file, key->public_key.Hex(), options.public_file);
  return kExitOk;
}

int RunListsPublish(const GlobalOptions& global, const ListsPublishOptions& options) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  auto key = bundle::LoadSigningKey(options.key_file);
  if (!key.ok()) return ReportError(key.status());
  auto lists_folder = bundle::ResolveListsFolder(options.lists_dir);
  if (!lists_folder.ok()) return ReportError(lists_folder.status());

  bundle::PolicyDataRequest request;
  request.allocated_tacs = options.allocated_tacs;
  request.known_imeis = options.known_imeis || !context->config.eir.policies.unknown_imei.empty();
  bundle::PolicyData policy_data;
  if (request.allocated_tacs || request.known_imeis) {
    SystemClock clock;
    auto registry = OpenStore(*context, OpenMode::kExistingLatest, &clock);
    if (!registry.ok()) return ReportError(registry.status());
    auto read = bundle::ReadPolicyData(**registry, request);
    if (!read.ok()) return ReportError(read.status());
    policy_data = std::move(*read);
  }
  const std::int64_t skipped_policy_rows = policy_data.skipped_rows;

  bundle::PublishOptions publish;
  SystemClock clock;
  publish.created_unix_seconds = clock.Now();
  auto manifest = bundle::PublishBundle(*lists_folder, std::move(policy_data), options.bundle_dir,
                                        *key, publish);
  if (!manifest.ok()) return ReportError(manifest.status());
  if (options.json) {
    fmt::print("{}", bundle::ManifestJson(*manifest));
    return kExitOk;
  }
  fmt::print("Bundle {} of classification run {} ({}) in {}/{}\n", manifest->sequence,
             manifest->classification_run, manifest->list_date, options.bundle_dir,
             bundle::BundleFolderName(manifest->sequence));
  fmt::print("  from {}\n", *lists_folder);
  fmt::print("  blacklisted {}, notified {}, exception pairs {}, list rows skipped {}\n",
             manifest->blacklisted, manifest->notified, manifest->exception_pairs,
             manifest->skipped_rows);
  fmt::print("  policy data: allocated TACs {}, known IMEIs {}, reference rows skipped {}\n",
             manifest->allocated_tacs, manifest->known_imeis, skipped_policy_rows);
  if (manifest->base_sequence) {
    const bundle::DeltaCounts& d = manifest->delta_counts;
    fmt::print(
        "  delta against bundle {}: blacklist +{} ~{} -{}, notified +{} ~{} -{}, "
        "exception pairs +{} -{}\n",
        *manifest->base_sequence, d.blacklist_added, d.blacklist_changed, d.blacklist_removed,
        d.notified_added, d.notified_changed, d.notified_removed, d.exceptions_added,
        d.exceptions_removed);
  }
  return kExitOk;
}

}  // namespace openceir::cli
