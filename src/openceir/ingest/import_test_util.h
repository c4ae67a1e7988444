// Test support for whole imports: a temporary folder with a migrated SQLite registry store and a
// manual clock, files written into it (plain, or compressed with the system's gzip, zstd and zip
// tools), and snapshots of a list's current rows. Used by ingest_import_test and the benchmark.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/ingest/list_import.h"
#include "openceir/store/registry_store.h"

namespace openceir::ingest::testing {

// A fresh temporary folder holding `registry.db`, removed with the object. The config has
// every list's size-drop guard off (tests that need it set config().list_thresholds) and
// max_listed_errors 20. Check ok() (or status()) before use.
class ImportTestEnv {
 public:
  ImportTestEnv();
  ~ImportTestEnv();
  ImportTestEnv(const ImportTestEnv&) = delete;
  ImportTestEnv& operator=(const ImportTestEnv&) = delete;

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const std::string& dir() const { return dir_; }
  store::RegistryStore& store() { return *store_; }
  ManualClock& clock() { return clock_; }
  config::Config& config() { return config_; }

  // Writes `content` to dir()/name (name may not contain '/'); returns the path.
  std::string WriteFile(const std::string& name, std::string_view content);
  // ImportList into store() with config().
  Result<ListImportReport> Import(store::ListKind kind, const std::string& path,
                                  const ListImportOptions& options = {});
  // The current rows of `kind`, in key order; empty (and a test failure) on a store error.
  std::vector<store::ListRow> CurrentRows(store::ListKind kind);

 private:
  Status status_;
  std::string dir_;
  ManualClock clock_;
  config::Config config_;
  std::unique_ptr<store::RegistryStore> store_;
};

// Compresses `path` next to itself, keeping it: path + ".gz" / path + ".zst". Errors: the
// tool's exit status.
Result<std::string> GzipFile(const std::string& path);
Result<std::string> ZstdFile(const std::string& path);
// Writes the zip `zip_path` holding `members` (stored under their base names).
Status ZipFiles(const std::string& zip_path, const std::vector<std::string>& members);

// Every current row of `kind`, in key order.
Result<std::vector<store::ListRow>> SnapshotList(store::RegistryStore& store, store::ListKind kind);

// A valid 15-digit IMEI: `tac` (8 digits) + `serial` (6 digits, zero-padded) + Luhn digit.
std::string MakeImei(std::string_view tac, std::uint32_t serial);

// A CSV file text: the header line, then one line per row, each ending in LF.
std::string CsvFile(std::string_view header, const std::vector<std::string>& rows);

}  // namespace openceir::ingest::testing
