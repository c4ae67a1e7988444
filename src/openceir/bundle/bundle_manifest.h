// A bundle's manifest: what it holds and how to check it. Its exact bytes are signed (Ed25519,
// `manifest.json.sig` beside it), so every size and hash in it is trusted once the signature
// verifies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "openceir/base/status.h"
#include "openceir/bundle/bundle_content.h"

namespace openceir::bundle {

// One compressed file of a bundle.
struct BundleFile {
  std::string name;  // relative to the bundle's folder
  std::int64_t bytes = 0;
  std::string sha256;  // lower-case hex of the compressed bytes
};

struct BundleManifest {
  std::uint64_t sequence = 0;                  // 1, 2, ...: one more than the previous bundle
  std::optional<std::uint64_t> base_sequence;  // the bundle `delta` was made against
  std::int64_t created_unix_seconds = 0;
  // The lists run it was made from (lists manifest.json), for people reading it.
  std::int64_t classification_run = 0;
  std::string list_date;  // YYYYMMDD
  // The encoded state (bundle_content.h) the full file holds and the delta leads to.
  std::int64_t state_bytes = 0;
  std::string state_sha256;
  std::int64_t blacklisted = 0, notified = 0, exception_pairs = 0;
  std::int64_t skipped_rows = 0;  // list rows an EIR cannot key (IMEI not 14-16 digits, bad IMSI)
  // Policy data carried (bundle_content.h); zero when none.
  std::int64_t allocated_tacs = 0, known_imeis = 0;
  DeltaCounts delta_counts;  // zero when there is no delta
  BundleFile full;
  std::optional<BundleFile> delta;
};

inline constexpr std::string_view kManifestName = "manifest.json";
inline constexpr std::string_view kSignatureName = "manifest.json.sig";
inline constexpr std::string_view kLatestName = "latest";

// The manifest as JSON (stable key order).
std::string ManifestJson(const BundleManifest& manifest);
// Inverse of ManifestJson. kInvalidInput naming the missing or bad field.
Result<BundleManifest> ParseManifest(std::string_view json);

// The folder of bundle `sequence` inside a bundle directory ("42"), and a file in it.
std::string BundleFolderName(std::uint64_t sequence);
// Parses the `latest` pointer ("42\n"). kInvalidInput otherwise.
Result<std::uint64_t> ParseLatest(std::string_view text);

}  // namespace openceir::bundle
