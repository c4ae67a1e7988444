// Publishing list bundles on the central node (issue 5 item 5, `openceir lists publish`).
//
// A bundle directory, served as static files to EIR nodes:
//   BUNDLE_DIR/latest                      the newest sequence ("42\n"), replaced last
//   BUNDLE_DIR/42/manifest.json            bundle_manifest.h; its bytes are what is signed
//   BUNDLE_DIR/42/manifest.json.sig        Ed25519 signature, 128 hex digits
//   BUNDLE_DIR/42/full.state.zst           the whole list state (bundle_content.h), zstd
//   BUNDLE_DIR/42/delta-41.zst             the changes from bundle 41 (absent in the first)
// A bundle folder is written under a staging name and renamed into place, then `latest` is
// replaced, so a node never sees a half-written bundle.
#pragma once

#include <cstdint>
#include <string>

#include "openceir/base/status.h"
#include "openceir/bundle/bundle_content.h"
#include "openceir/bundle/bundle_manifest.h"
#include "openceir/bundle/policy_data.h"
#include "openceir/bundle/signing_key.h"

namespace openceir::bundle {

struct PublishOptions {
  std::int64_t created_unix_seconds = 0;  // from the caller's clock
  int zstd_level = 3;
};

// Publishes the lists in `lists_folder` (a folder `openceir lists` wrote) as the next bundle of
// `bundle_dir` (created when missing), signed with `key`. The delta is made against the bundle
// `latest` names, after checking that bundle's signature with `key` and its files' hashes.
// Errors: from ReadListsFolder; kFailedPrecondition when the previous bundle does not verify
// with `key`; kAlreadyExists when another publisher took the sequence; kIoError.
Result<BundleManifest> PublishBundle(const std::string& lists_folder, const std::string& bundle_dir,
                                     const SigningKey& key, const PublishOptions& options);

// The same, carrying `policy_data` (policy_data.h: allocated TACs, known IMEIs) as well, so a
// node configured with the unallocated-TAC or whitelist-mode policy can build its snapshot.
Result<BundleManifest> PublishBundle(const std::string& lists_folder, PolicyData policy_data,
                                     const std::string& bundle_dir, const SigningKey& key,
                                     const PublishOptions& options);

// The same for content made otherwise (tests, benchmarks). `classification_run` and
// `list_date` only label the manifest.
Result<BundleManifest> PublishContent(const BundleContent& content, std::int64_t classification_run,
                                      const std::string& list_date, std::int64_t skipped_rows,
                                      const std::string& bundle_dir, const SigningKey& key,
                                      const PublishOptions& options);

}  // namespace openceir::bundle
