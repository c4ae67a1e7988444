// Checks shared by the publisher (its previous bundle) and the applier (every fetched bundle):
// signature, then each file's size and SHA-256 against the signed manifest, then the state.
#pragma once

#include <string_view>

#include "openceir/base/status.h"
#include "openceir/bundle/bundle_content.h"
#include "openceir/bundle/bundle_manifest.h"
#include "openceir/bundle/signing_key.h"

namespace openceir::bundle {

// Largest decompressed state or delta accepted (a guard against a decompression bomb from a
// key holder gone wrong): 16 GiB.
inline constexpr std::size_t kMaxStateBytes = std::size_t{16} << 30;

// The manifest, when `signature` is `key`'s signature of exactly `manifest_bytes`.
// kFailedPrecondition "bad signature"; kInvalidInput when the signed text is not a manifest.
Result<BundleManifest> VerifyManifest(const PublicKey& key, std::string_view manifest_bytes,
                                      std::string_view signature);

// kInvalidInput saying which: `bytes` is shorter/longer than `file` says (truncated), or its
// SHA-256 differs (tampered).
Status CheckFile(const BundleFile& file, std::string_view bytes);

// The state a full file holds: decompressed, its SHA-256 checked against the manifest's state,
// decoded. kInvalidInput.
Result<BundleContent> OpenFullFile(const BundleManifest& manifest, std::string_view compressed);

// Checks that `content` encodes to the manifest's state (size and SHA-256): how a delta applied
// to its base is proven equal to the full state. kInvalidInput.
Status CheckState(const BundleManifest& manifest, std::string_view encoded_state);

}  // namespace openceir::bundle
