// Bundle checks, in the order a node must run them: nothing is parsed before the signature
// verifies, nothing is decompressed before its hash matches.
#include "openceir/bundle/bundle_verify.h"

#include "openceir/bundle/bundle_files.h"
#include "openceir/bundle/zstd_codec.h"

namespace openceir::bundle {

Result<BundleManifest> VerifyManifest(const PublicKey& key, std::string_view manifest_bytes,
                                      std::string_view signature) {
  if (!VerifyHex(key, manifest_bytes, signature)) {
    return FailedPreconditionError("bad signature: the manifest is not signed by the trusted key " +
                                   key.Hex());
  }
  return ParseManifest(manifest_bytes);
}

Status CheckFile(const BundleFile& file, std::string_view bytes) {
  if (static_cast<std::int64_t>(bytes.size()) != file.bytes) {
    return InvalidInputError(
        file.name + ": " + std::to_string(bytes.size()) + " bytes, the manifest says " +
        std::to_string(file.bytes) +
        (static_cast<std::int64_t>(bytes.size()) < file.bytes ? " (truncated)" : ""));
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::string sha256, Sha256Hex(bytes));
  if (sha256 != file.sha256) {
    return InvalidInputError(file.name + ": SHA-256 " + sha256 + " differs from the manifest's " +
                             file.sha256 + " (altered)");
  }
  return Status::Ok();
}

Status CheckState(const BundleManifest& manifest, std::string_view encoded_state) {
  if (static_cast<std::int64_t>(encoded_state.size()) != manifest.state_bytes) {
    return InvalidInputError("the list state has " + std::to_string(encoded_state.size()) +
                             " bytes, the manifest says " + std::to_string(manifest.state_bytes));
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::string sha256, Sha256Hex(encoded_state));
  if (sha256 != manifest.state_sha256) {
    return InvalidInputError("the list state's SHA-256 differs from the manifest's");
  }
  return Status::Ok();
}

Result<BundleContent> OpenFullFile(const BundleManifest& manifest, std::string_view compressed) {
  OPENCEIR_RETURN_IF_ERROR(CheckFile(manifest.full, compressed));
  OPENCEIR_ASSIGN_OR_RETURN(std::string state, ZstdDecompress(compressed, kMaxStateBytes));
  OPENCEIR_RETURN_IF_ERROR(CheckState(manifest, state));
  return DecodeState(state);
}

}  // namespace openceir::bundle
