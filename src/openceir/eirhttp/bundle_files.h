// GET/HEAD /bundles/<name>: the central node serves the files of its bundle folder to the EIR
// nodes that sync from it (bundle/'s sync client), with an ETag so an unchanged file costs a
// 304. Only plain file names inside the folder, or inside a bundle's sequence folder
// ("42/manifest.json", bundle/publisher.h), are served: no other subfolders, no dot files, no
// symlinks, nothing outside it.
#pragma once

#include <string>
#include <string_view>

#include "openceir/base/status.h"
#include "openceir/eirhttp/exchange.h"

namespace openceir::eirhttp {

inline constexpr std::string_view kBundlesPrefix = "/bundles/";

class BundleFiles {
 public:
  BundleFiles() = default;
  ~BundleFiles();
  BundleFiles(const BundleFiles&) = delete;
  BundleFiles& operator=(const BundleFiles&) = delete;

  // Opens `folder` (kept open, so the folder's later renames do not matter). kNotFound /
  // kIoError naming the folder when it cannot be opened.
  Status Open(const std::string& folder);
  bool is_open() const { return folder_fd_ >= 0; }

  // Answers for the file `encoded_name` (the path after /bundles/, percent-decoded here):
  //   200 with the file streamed from an open descriptor, ETag and content-length;
  //   304 when `if_none_match` lists the file's ETag (or is "*");
  //   400 for a name that is not a plain file name ([A-Za-z0-9._-], not starting with '.'),
  //       optionally below a sequence folder (digits only): "42/full.state.zst";
  //   404 when there is no such regular file (or no folder is configured).
  // `head`: headers only. The ETag is "<inode>-<size>-<mtime ns>" in hex: a file replaced
  // (written aside and renamed, as publishing does) gets a new one. Thread-safe.
  void Serve(std::string_view encoded_name, std::string_view if_none_match, bool head,
             Response* response) const;

  // True when `if_none_match` (a header value: "*" or a comma-separated list of entity tags,
  // weak or strong) names `etag` (RFC 9110 13.1.2: weak comparison).
  static bool EtagMatches(std::string_view if_none_match, std::string_view etag);

 private:
  int folder_fd_ = -1;
};

}  // namespace openceir::eirhttp
