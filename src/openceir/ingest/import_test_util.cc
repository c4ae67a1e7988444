// ImportTestEnv and the file helpers. The compressors are the system's command-line tools, so
// the files are what an operator's own tools would produce.
#include "openceir/ingest/import_test_util.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "openceir/identifiers/imei.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::ingest::testing {
namespace {

// Paths here are made by the tests inside a mkdtemp folder, but quote them anyway.
std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted.push_back(c);
    }
  }
  quoted.push_back('\'');
  return quoted;
}

Status RunShell(const std::string& command) {
  int rc = std::system(command.c_str());
  if (rc != 0) return IoError(fmt::format("'{}' exited with status {}", command, rc));
  return Status::Ok();
}

}  // namespace

ImportTestEnv::ImportTestEnv() : clock_(1767225600) {  // 2026-01-01T00:00:00Z
  std::string pattern =
      (std::filesystem::temp_directory_path() / "openceir-ingest-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    status_ = IoError("cannot create a temporary directory");
    return;
  }
  dir_ = pattern;
  for (const store::ListSchema& schema : store::AllListSchemas()) {
    config_.list_thresholds[std::string(schema.name)] = config::ListImportThresholds{-1, -1};
  }
  config_.import.max_listed_errors = 20;
  Result<std::unique_ptr<store::RegistryStore>> opened =
      store::OpenSqliteRegistryStore(dir_ + "/registry.db", &clock_);
  if (!opened.ok()) {
    status_ = opened.status();
    return;
  }
  store_ = std::move(*opened);
  status_ = store_->Migrate();
}

ImportTestEnv::~ImportTestEnv() {
  store_.reset();
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

std::string ImportTestEnv::WriteFile(const std::string& name, std::string_view content) {
  std::string path = fmt::format("{}/{}", dir_, name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  EXPECT_TRUE(out.good()) << "cannot write " << path;
  return path;
}

Result<ListImportReport> ImportTestEnv::Import(store::ListKind kind, const std::string& path,
                                               const ListImportOptions& options) {
  return ImportList(*store_, config_, kind, path, options);
}

std::vector<store::ListRow> ImportTestEnv::CurrentRows(store::ListKind kind) {
  Result<std::vector<store::ListRow>> rows = SnapshotList(*store_, kind);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? std::move(*rows) : std::vector<store::ListRow>();
}

Result<std::string> GzipFile(const std::string& path) {
  OPENCEIR_RETURN_IF_ERROR(RunShell(fmt::format("gzip -k -f -n {}", ShellQuote(path))));
  return fmt::format("{}.gz", path);
}

Result<std::string> ZstdFile(const std::string& path) {
  std::string out = fmt::format("{}.zst", path);
  OPENCEIR_RETURN_IF_ERROR(
      RunShell(fmt::format("zstd -q -f {} -o {}", ShellQuote(path), ShellQuote(out))));
  return out;
}

Status ZipFiles(const std::string& zip_path, const std::vector<std::string>& members) {
  std::string command =
      fmt::format("rm -f {} && zip -q -j {}", ShellQuote(zip_path), ShellQuote(zip_path));
  for (const std::string& member : members) {
    command.push_back(' ');
    command += ShellQuote(member);
  }
  return RunShell(command);
}

Result<std::vector<store::ListRow>> SnapshotList(store::RegistryStore& store,
                                                 store::ListKind kind) {
  std::vector<store::ListRow> rows;
  OPENCEIR_RETURN_IF_ERROR(store.ScanCurrentList(kind, [&rows](const store::ListRow& row) {
    rows.push_back(row);
    return Status::Ok();
  }));
  return rows;
}

std::string MakeImei(std::string_view tac, std::uint32_t serial) {
  return identifiers::AppendLuhn(fmt::format("{}{:06}", tac, serial % 1000000));
}

std::string CsvFile(std::string_view header, const std::vector<std::string>& rows) {
  std::string text(header);
  text.push_back('\n');
  for (const std::string& row : rows) {
    text += row;
    text.push_back('\n');
  }
  return text;
}

}  // namespace openceir::ingest::testing
