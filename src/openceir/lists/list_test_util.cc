// ListsTestbed: list generation over the shared test store.
#include "openceir/lists/list_test_util.h"

#include <filesystem>

#include "openceir/io/zip_reader.h"

namespace openceir::lists {

Result<std::unique_ptr<ListsTestbed>> ListsTestbed::Create(const std::string& name) {
  std::unique_ptr<ListsTestbed> bed(new ListsTestbed());
  OPENCEIR_RETURN_IF_ERROR(bed->Open(name));
  return bed;
}

std::vector<config::OperatorConfig> ListsTestbed::Operators() {
  return {{"op1", "Operator One", {"41001"}}, {"op2", "Operator Two", {"41002"}}};
}

Result<ListsManifest> ListsTestbed::Generate(store::JobId run, std::optional<store::JobId> base,
                                             const ListOptions& options, const std::string& out,
                                             std::optional<Date> list_date) {
  ListRequest request;
  request.run = run;
  request.base_run = base;
  request.list_date = list_date;
  request.options = options;
  request.operators = Operators();
  request.output_dir = dir() + "/" + out;
  std::filesystem::create_directories(request.output_dir);
  return GenerateLists(registry(), observations(), request);
}

std::vector<std::string> CsvDataRows(const std::string& csv) {
  std::vector<std::string> rows;
  std::size_t start = csv.find('\n') + 1;
  while (start < csv.size()) {
    std::size_t end = csv.find('\n', start);
    rows.push_back(csv.substr(start, end - start));
    start = end + 1;
  }
  return rows;
}

Result<std::map<std::string, std::string>> ReadLists(const ListsManifest& manifest) {
  std::map<std::string, std::string> files;
  for (const ZipRecord& zip : manifest.zips) {
    OPENCEIR_ASSIGN_OR_RETURN(auto entries, io::ReadZipEntries(manifest.folder + "/" + zip.name));
    for (io::ZipEntry& entry : entries) files[entry.name] = std::move(entry.bytes);
  }
  return files;
}

}  // namespace openceir::lists
