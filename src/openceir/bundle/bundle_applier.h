// Applying list bundles on an EIR node (issue 5 item 5): fetch a bundle's files from a source
// (a folder, or the central node over HTTP: bundle_sync.h), verify them, and build the next
// decision snapshot. Checks, in order: the manifest's Ed25519 signature with the trusted key; the
// sequence (newer than the one held); each file's size and SHA-256 against the manifest; the
// chain (a delta is used only when it was made against the bundle held, otherwise the full
// file); the resulting state's SHA-256 against the manifest. Any failure refuses the bundle with
// the reason, and the node keeps its last good snapshot and state.
//
// The node keeps its last good bundle in `state_dir` (manifest.json, manifest.json.sig,
// state.zst): a restarted node serves it at once (LoadLocal), and deltas apply to it. Memory:
// the state is read from there for a delta and freed, so a node holds only its snapshot.
//
// Not thread-safe: one sync thread owns the applier.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "openceir/base/status.h"
#include "openceir/bundle/bundle_manifest.h"
#include "openceir/bundle/signing_key.h"
#include "openceir/eir/metrics.h"
#include "openceir/eir/policies.h"
#include "openceir/eir/snapshot.h"

namespace openceir::bundle {

// Where bundle files come from. Paths are relative to the bundle directory: "latest",
// "42/manifest.json".
class BundleSource {
 public:
  virtual ~BundleSource() = default;
  // The file's bytes. kNotFound when the source has no such file; kUnavailable when it cannot
  // be reached.
  virtual Result<std::string> Fetch(const std::string& path) = 0;
};

// A bundle directory on a local or mounted file system.
class DirectorySource : public BundleSource {
 public:
  explicit DirectorySource(std::string dir) : dir_(std::move(dir)) {}
  Result<std::string> Fetch(const std::string& path) override;

 private:
  std::string dir_;
};

struct ApplierOptions {
  PublicKey trusted_key;
  std::string state_dir;  // created when missing
  eir::DecisionPolicies policies;
};

struct ApplyOutcome {
  // The new snapshot; null when the source had nothing newer than the bundle held.
  std::shared_ptr<const eir::DecisionSnapshot> snapshot;
  std::uint64_t sequence = 0;
  bool from_delta = false;
  std::string note;  // why the full file was used instead of a delta, when it was
};

// A refused bundle: the metrics label and the Status saying why.
struct ApplyError {
  eir::SyncFailure reason;
  Status status;
};

class BundleApplier {
 public:
  explicit BundleApplier(ApplierOptions options);

  // The bundle held in state_dir, verified and built. kNotFound when there is none; other
  // errors (its signature or hash fails) leave the applier holding nothing (sequence 0).
  Result<ApplyOutcome> LoadLocal();

  // Applies the newest bundle of `source` (its `latest`). On failure returns false and fills
  // *error; the applier still holds its previous bundle.
  bool ApplyLatest(BundleSource& source, ApplyOutcome* outcome, ApplyError* error);
  // Applies bundle `sequence` of `source` (as ApplyLatest once `latest` is read).
  bool Apply(BundleSource& source, std::uint64_t sequence, ApplyOutcome* outcome,
             ApplyError* error);

  // The sequence of the bundle held (0: none).
  std::uint64_t sequence() const { return sequence_; }

 private:
  // The bundle saved in the state folder, its manifest verified against the trusted key and
  // its state against the manifest.
  struct LocalBundle {
    BundleManifest manifest;
    BundleContent content;
  };
  Result<LocalBundle> ReadLocal() const;
  Result<std::shared_ptr<const eir::DecisionSnapshot>> BuildSnapshot(
      const BundleContent& content, const BundleManifest& manifest) const;
  Status SaveLocal(std::string_view manifest_bytes, std::string_view signature,
                   std::string_view compressed_state);

  ApplierOptions options_;
  std::uint64_t sequence_ = 0;
};

}  // namespace openceir::bundle
