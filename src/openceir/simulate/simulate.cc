// Simulate(): the pieces in order (catalog, cells, population, files).
#include "openceir/simulate/simulate.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "openceir/simulate/geography.h"
#include "openceir/simulate/network_files.h"
#include "openceir/simulate/population.h"
#include "openceir/simulate/reference_lists.h"
#include "openceir/simulate/tac_catalog.h"

namespace openceir::simulate {

Status Simulate(const SimulationSpec& spec, const std::string& out_dir,
                SimulationSummary* summary) {
  OPENCEIR_RETURN_IF_ERROR(ValidateSpec(spec));
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    return IoError(fmt::format("cannot create folder {}: {}", out_dir, error.message()));
  }
  SimulationSummary local;
  SimulationSummary& out = summary != nullptr ? *summary : local;
  out = SimulationSummary{};

  const TacCatalog catalog = BuildTacCatalog(spec);
  OPENCEIR_RETURN_IF_ERROR(WriteGsmaTacFile(catalog, out_dir + "/gsma_tac.txt"));
  out.files.emplace_back("gsma_tac.txt");

  const CellPlan cells = BuildCellPlan(spec);
  OPENCEIR_RETURN_IF_ERROR(WriteCellTable(cells, spec, out_dir + "/cells.csv"));
  out.files.emplace_back("cells.csv");
  out.cells = static_cast<std::int64_t>(cells.cells.size());

  const Population population = BuildPopulation(spec, catalog);
  out.local_subscribers = population.local_subscribers;
  out.roaming_subscribers =
      static_cast<std::int64_t>(population.subscribers.size()) - population.local_subscribers;
  out.devices = static_cast<std::int64_t>(population.devices.size());

  NetworkFileStats network;
  OPENCEIR_RETURN_IF_ERROR(WriteNetworkFiles(spec, population, cells, out_dir, &network));
  out.data_rows = network.data_rows;
  out.event_rows = network.event_rows;
  out.noisy_rows = network.noisy_rows;
  out.files.insert(out.files.end(), network.files.begin(), network.files.end());

  return WriteReferenceLists(spec, catalog, population, out_dir, &out.files);
}

}  // namespace openceir::simulate
