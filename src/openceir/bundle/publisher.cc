// PublishBundle: previous bundle (verified) -> diff -> files in a staging folder -> rename ->
// latest.
#include "openceir/bundle/publisher.h"

#include <unistd.h>

#include <filesystem>

#include "openceir/bundle/bundle_files.h"
#include "openceir/bundle/bundle_verify.h"
#include "openceir/bundle/lists_input.h"
#include "openceir/bundle/zstd_codec.h"

namespace openceir::bundle {

namespace fs = std::filesystem;

namespace {

struct Previous {
  std::uint64_t sequence = 0;  // 0: none
  BundleContent content;
};

// The bundle `latest` names, verified with our own key (a previous bundle we cannot verify is
// not one to make a delta against).
Result<Previous> LoadPrevious(const fs::path& dir, const SigningKey& key) {
  Previous previous;
  auto latest = ReadWholeFile((dir / kLatestName).string());
  if (!latest.ok()) {
    if (latest.status().code() == StatusCode::kNotFound) return previous;
    return latest.status();
  }
  OPENCEIR_ASSIGN_OR_RETURN(previous.sequence, ParseLatest(*latest));
  const fs::path folder = dir / BundleFolderName(previous.sequence);
  OPENCEIR_ASSIGN_OR_RETURN(std::string manifest_bytes,
                            ReadWholeFile((folder / kManifestName).string()));
  OPENCEIR_ASSIGN_OR_RETURN(std::string signature,
                            ReadWholeFile((folder / kSignatureName).string()));
  auto manifest = VerifyManifest(key.public_key, manifest_bytes, signature);
  if (!manifest.ok()) {
    return FailedPreconditionError(
        folder.string() + ": the previous bundle does not verify: " + manifest.status().message());
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::string full,
                            ReadWholeFile((folder / manifest->full.name).string()));
  auto content = OpenFullFile(*manifest, full);
  if (!content.ok()) {
    return FailedPreconditionError(folder.string() + ": " + content.status().message());
  }
  previous.content = std::move(*content);
  return previous;
}

Result<BundleFile> WriteCompressed(const fs::path& folder, const std::string& name,
                                   std::string_view bytes, int level) {
  OPENCEIR_ASSIGN_OR_RETURN(std::string compressed, ZstdCompress(bytes, level));
  BundleFile file;
  file.name = name;
  file.bytes = static_cast<std::int64_t>(compressed.size());
  OPENCEIR_ASSIGN_OR_RETURN(file.sha256, Sha256Hex(compressed));
  OPENCEIR_RETURN_IF_ERROR(WriteFileAtomically((folder / name).string(), compressed));
  return file;
}

}  // namespace

Result<BundleManifest> PublishContent(const BundleContent& content, std::int64_t classification_run,
                                      const std::string& list_date, std::int64_t skipped_rows,
                                      const std::string& bundle_dir, const SigningKey& key,
                                      const PublishOptions& options) {
  const fs::path dir(bundle_dir);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return IoError(bundle_dir + ": cannot create: " + error.message());
  OPENCEIR_ASSIGN_OR_RETURN(Previous previous, LoadPrevious(dir, key));

  BundleManifest manifest;
  manifest.sequence = previous.sequence + 1;
  manifest.created_unix_seconds = options.created_unix_seconds;
  manifest.classification_run = classification_run;
  manifest.list_date = list_date;
  manifest.blacklisted = static_cast<std::int64_t>(content.blacklist.size());
  manifest.notified = static_cast<std::int64_t>(content.notified.size());
  manifest.exception_pairs = static_cast<std::int64_t>(content.exceptions.size());
  manifest.skipped_rows = skipped_rows;
  manifest.allocated_tacs = static_cast<std::int64_t>(content.allocated_tacs.size());
  manifest.known_imeis = static_cast<std::int64_t>(content.known_imeis.size());

  const fs::path staging =
      dir / (".staging-" + std::to_string(manifest.sequence) + "-" + std::to_string(::getpid()));
  fs::remove_all(staging, error);
  fs::create_directories(staging, error);
  if (error) return IoError(staging.string() + ": cannot create: " + error.message());
  Status status = [&]() -> Status {
    {
      const std::string state = EncodeState(content);
      manifest.state_bytes = static_cast<std::int64_t>(state.size());
      OPENCEIR_ASSIGN_OR_RETURN(manifest.state_sha256, Sha256Hex(state));
      OPENCEIR_ASSIGN_OR_RETURN(
          manifest.full, WriteCompressed(staging, "full.state.zst", state, options.zstd_level));
    }
    if (previous.sequence > 0) {
      const ContentDelta delta = Diff(previous.content, content, &manifest.delta_counts);
      manifest.base_sequence = previous.sequence;
      OPENCEIR_ASSIGN_OR_RETURN(
          manifest.delta,
          WriteCompressed(staging, "delta-" + std::to_string(previous.sequence) + ".zst",
                          EncodeDelta(delta), options.zstd_level));
    }
    const std::string manifest_bytes = ManifestJson(manifest);
    OPENCEIR_RETURN_IF_ERROR(
        WriteFileAtomically((staging / kManifestName).string(), manifest_bytes));
    OPENCEIR_RETURN_IF_ERROR(WriteFileAtomically((staging / kSignatureName).string(),
                                                 SignHex(key, manifest_bytes) + "\n"));
    const fs::path folder = dir / BundleFolderName(manifest.sequence);
    if (fs::exists(folder)) {
      return AlreadyExistsError(folder.string() + ": bundle " + std::to_string(manifest.sequence) +
                                " was published meanwhile");
    }
    fs::rename(staging, folder, error);
    if (error) return IoError(folder.string() + ": cannot move into place: " + error.message());
    return WriteFileAtomically((dir / kLatestName).string(),
                               std::to_string(manifest.sequence) + "\n");
  }();
  if (!status.ok()) {
    fs::remove_all(staging, error);
    return status;
  }
  return manifest;
}

Result<BundleManifest> PublishBundle(const std::string& lists_folder, const std::string& bundle_dir,
                                     const SigningKey& key, const PublishOptions& options) {
  return PublishBundle(lists_folder, PolicyData{}, bundle_dir, key, options);
}

Result<BundleManifest> PublishBundle(const std::string& lists_folder, PolicyData policy_data,
                                     const std::string& bundle_dir, const SigningKey& key,
                                     const PublishOptions& options) {
  OPENCEIR_ASSIGN_OR_RETURN(ListsInput input, ReadListsFolder(lists_folder));
  input.content.allocated_tacs = std::move(policy_data.allocated_tacs);
  input.content.known_imeis = std::move(policy_data.known_imeis);
  return PublishContent(input.content, input.classification_run, input.list_date,
                        input.skipped_rows, bundle_dir, key, options);
}

}  // namespace openceir::bundle
