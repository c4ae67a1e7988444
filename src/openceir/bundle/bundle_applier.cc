// BundleApplier: the checks of bundle_applier.h, each failure mapped to its metrics label.
#include "openceir/bundle/bundle_applier.h"

#include <filesystem>

#include "openceir/bundle/bundle_files.h"
#include "openceir/bundle/bundle_verify.h"
#include "openceir/bundle/zstd_codec.h"
#include "openceir/eir/snapshot_builder.h"

namespace openceir::bundle {

namespace fs = std::filesystem;
using eir::SyncFailure;

namespace {

constexpr std::string_view kStateName = "state.zst";

bool Fail(ApplyError* error, SyncFailure reason, const Status& status) {
  *error = {reason, status};
  return false;
}

// A fetch failure keeps its code; kNotFound and kUnavailable both count as "fetch".
Status Fetched(const Status& status, const std::string& path) {
  return Status(status.code(), "fetching " + path + ": " + status.message());
}

}  // namespace

Result<std::string> DirectorySource::Fetch(const std::string& path) {
  return ReadWholeFile((fs::path(dir_) / path).string());
}

BundleApplier::BundleApplier(ApplierOptions options) : options_(std::move(options)) {}

Result<std::shared_ptr<const eir::DecisionSnapshot>> BundleApplier::BuildSnapshot(
    const BundleContent& content, const BundleManifest& manifest) const {
  eir::SnapshotBuilder builder;
  builder.SetPolicies(options_.policies);
  OPENCEIR_RETURN_IF_ERROR(AddToSnapshot(content, builder));
  return std::move(builder).Build(manifest.sequence, manifest.created_unix_seconds);
}

Status BundleApplier::SaveLocal(std::string_view manifest_bytes, std::string_view signature,
                                std::string_view compressed_state) {
  const fs::path dir(options_.state_dir);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return IoError(options_.state_dir + ": cannot create: " + error.message());
  // The state first and the manifest last: a crash in between leaves a manifest whose state
  // hash fails, and the node then fetches the full bundle.
  OPENCEIR_RETURN_IF_ERROR(WriteFileAtomically((dir / kStateName).string(), compressed_state));
  OPENCEIR_RETURN_IF_ERROR(WriteFileAtomically((dir / kSignatureName).string(), signature));
  return WriteFileAtomically((dir / kManifestName).string(), manifest_bytes);
}

Result<BundleApplier::LocalBundle> BundleApplier::ReadLocal() const {
  const fs::path dir(options_.state_dir);
  OPENCEIR_ASSIGN_OR_RETURN(std::string manifest_bytes,
                            ReadWholeFile((dir / kManifestName).string()));
  OPENCEIR_ASSIGN_OR_RETURN(std::string signature, ReadWholeFile((dir / kSignatureName).string()));
  LocalBundle local;
  OPENCEIR_ASSIGN_OR_RETURN(local.manifest,
                            VerifyManifest(options_.trusted_key, manifest_bytes, signature));
  OPENCEIR_ASSIGN_OR_RETURN(std::string compressed, ReadWholeFile((dir / kStateName).string()));
  OPENCEIR_ASSIGN_OR_RETURN(std::string state, ZstdDecompress(compressed, kMaxStateBytes));
  OPENCEIR_RETURN_IF_ERROR(CheckState(local.manifest, state));
  OPENCEIR_ASSIGN_OR_RETURN(local.content, DecodeState(state));
  return local;
}

Result<ApplyOutcome> BundleApplier::LoadLocal() {
  sequence_ = 0;
  OPENCEIR_ASSIGN_OR_RETURN(LocalBundle local, ReadLocal());
  ApplyOutcome outcome;
  OPENCEIR_ASSIGN_OR_RETURN(outcome.snapshot, BuildSnapshot(local.content, local.manifest));
  outcome.sequence = local.manifest.sequence;
  sequence_ = local.manifest.sequence;
  return outcome;
}

bool BundleApplier::ApplyLatest(BundleSource& source, ApplyOutcome* outcome, ApplyError* error) {
  auto latest = source.Fetch(std::string(kLatestName));
  if (!latest.ok()) return Fail(error, SyncFailure::kFetch, Fetched(latest.status(), "latest"));
  auto sequence = ParseLatest(*latest);
  if (!sequence.ok()) return Fail(error, SyncFailure::kFormat, sequence.status());
  return Apply(source, *sequence, outcome, error);
}

bool BundleApplier::Apply(BundleSource& source, std::uint64_t sequence, ApplyOutcome* outcome,
                          ApplyError* error) {
  *outcome = ApplyOutcome{};
  outcome->sequence = sequence_;
  if (sequence == sequence_) return true;  // nothing newer
  if (sequence < sequence_) {
    return Fail(error, SyncFailure::kChain,
                FailedPreconditionError("the source offers bundle " + std::to_string(sequence) +
                                        ", older than bundle " + std::to_string(sequence_) +
                                        " held: refused (no rollback)"));
  }
  const std::string folder = BundleFolderName(sequence) + "/";
  auto manifest_bytes = source.Fetch(folder + std::string(kManifestName));
  if (!manifest_bytes.ok()) {
    return Fail(error, SyncFailure::kFetch,
                Fetched(manifest_bytes.status(), folder + std::string(kManifestName)));
  }
  auto signature = source.Fetch(folder + std::string(kSignatureName));
  if (!signature.ok()) {
    return Fail(error, SyncFailure::kFetch,
                Fetched(signature.status(), folder + std::string(kSignatureName)));
  }
  auto manifest = VerifyManifest(options_.trusted_key, *manifest_bytes, *signature);
  if (!manifest.ok()) {
    const bool bad_signature = manifest.status().code() == StatusCode::kFailedPrecondition;
    return Fail(error, bad_signature ? SyncFailure::kSignature : SyncFailure::kFormat,
                Status(manifest.status().code(),
                       "bundle " + std::to_string(sequence) + ": " + manifest.status().message()));
  }
  if (manifest->sequence != sequence) {
    return Fail(error, SyncFailure::kChain,
                InvalidInputError("folder " + folder + " holds the signed manifest of bundle " +
                                  std::to_string(manifest->sequence)));
  }

  std::string compressed_state;
  BundleContent content;
  const bool use_delta = manifest->delta && sequence_ > 0 && manifest->base_sequence == sequence_;
  if (use_delta) {
    const std::string path = folder + manifest->delta->name;
    auto delta_bytes = source.Fetch(path);
    if (!delta_bytes.ok())
      return Fail(error, SyncFailure::kFetch, Fetched(delta_bytes.status(), path));
    if (Status status = CheckFile(*manifest->delta, *delta_bytes); !status.ok()) {
      return Fail(error, SyncFailure::kIntegrity, status);
    }
    auto delta_text = ZstdDecompress(*delta_bytes, kMaxStateBytes);
    if (!delta_text.ok()) return Fail(error, SyncFailure::kFormat, delta_text.status());
    auto delta = DecodeDelta(*delta_text);
    if (!delta.ok()) return Fail(error, SyncFailure::kFormat, delta.status());
    auto base = ReadLocal();
    if (!base.ok()) return Fail(error, SyncFailure::kStorage, base.status());
    auto next = ApplyDelta(base->content, *delta);
    if (!next.ok()) return Fail(error, SyncFailure::kChain, next.status());
    const std::string state = EncodeState(*next);
    if (Status status = CheckState(*manifest, state); !status.ok()) {
      return Fail(
          error, SyncFailure::kChain,
          InvalidInputError("delta " + std::to_string(sequence_) + "->" + std::to_string(sequence) +
                            " applied to the state held: " + status.message()));
    }
    auto compressed = ZstdCompress(state);
    if (!compressed.ok()) return Fail(error, SyncFailure::kStorage, compressed.status());
    compressed_state = std::move(*compressed);
    content = std::move(*next);
    outcome->from_delta = true;
  } else {
    if (sequence_ > 0) {
      outcome->note = manifest->delta ? "the delta's base is bundle " +
                                            std::to_string(*manifest->base_sequence) +
                                            ", not bundle " + std::to_string(sequence_) + " held"
                                      : "the bundle has no delta";
    }
    const std::string path = folder + manifest->full.name;
    auto full = source.Fetch(path);
    if (!full.ok()) return Fail(error, SyncFailure::kFetch, Fetched(full.status(), path));
    if (Status status = CheckFile(manifest->full, *full); !status.ok()) {
      return Fail(error, SyncFailure::kIntegrity, status);
    }
    auto opened = OpenFullFile(*manifest, *full);
    if (!opened.ok()) return Fail(error, SyncFailure::kFormat, opened.status());
    content = std::move(*opened);
    compressed_state = std::move(*full);
  }

  auto snapshot = BuildSnapshot(content, *manifest);
  if (!snapshot.ok()) return Fail(error, SyncFailure::kFormat, snapshot.status());
  if (Status status = SaveLocal(*manifest_bytes, *signature, compressed_state); !status.ok()) {
    return Fail(error, SyncFailure::kStorage, status);
  }
  sequence_ = sequence;
  outcome->snapshot = std::move(*snapshot);
  outcome->sequence = sequence;
  return true;
}

}  // namespace openceir::bundle
