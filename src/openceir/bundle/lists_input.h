// Reading the lists a run published (`openceir lists`: a folder with manifest.json and zips of
// CSVs, lists/list_generator.h) into bundle content, so a bundle says exactly what the CSV
// lists of its run say: the blacklist (imei, block_date, reasons), the notified IMEIs (every IMEI
// on some operator's notification list) and the exception pairs (imei, imsi) of every operator.
// Each CSV's SHA-256 is checked against the lists manifest.
#pragma once

#include <cstdint>
#include <string>

#include "openceir/base/status.h"
#include "openceir/bundle/bundle_content.h"

namespace openceir::bundle {

struct ListsInput {
  BundleContent content;
  std::int64_t classification_run = 0;
  std::string list_date;  // YYYYMMDD
  // Rows an EIR cannot key, left out: IMEIs not 14-16 digits (the lists may keep malformed
  // IMEIs; the node answers those by its invalid-IMEI policy), IMSIs not 1-15 digits.
  std::int64_t skipped_rows = 0;
};

// Reads the full lists (not the deltas) of `lists_folder`. kNotFound when there is no
// manifest.json; kInvalidInput for a missing column, a bad block date, or a CSV whose SHA-256
// differs from the manifest; kIoError.
Result<ListsInput> ReadListsFolder(const std::string& lists_folder);

// `dir` itself when it holds a manifest.json (a lists folder), else the newest lists run in it:
// the `listgen__<D>__classid_<R>` subfolder with the largest run R (then the latest date D).
// kNotFound naming `dir` when it has neither.
Result<std::string> ResolveListsFolder(const std::string& dir);

}  // namespace openceir::bundle
