// The map of the synthetic country: cities with realistic coordinates, hundreds of km apart,
// and the cells each operator runs in them (written as an OpenCelliD-layout table).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "openceir/simulate/simulation_spec.h"

namespace openceir::simulate {

struct City {
  const char* name;
  double lat;
  double lon;
  int weight;  // relative population
};

// The cities of the country (fixed; the first is the capital).
std::span<const City> Cities();

// Great-circle distance in km (haversine, mean Earth radius 6371 km).
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

struct Cell {
  int city = 0;
  int op = 0;              // index into SimulationSpec::operators
  const char* radio = "";  // "GSM", "UMTS", "LTE", "NR"
  std::uint32_t lac = 0;   // location area / tracking area code
  std::uint32_t ci = 0;    // cell identity
  double lat = 0;
  double lon = 0;
  int range_m = 0;
  int samples = 0;
  std::string cell_id;  // "MCC-MNC-LAC-CI" as events carry it
};

// Cells of every operator in every city, in (city, operator) order; cells_of(city, op) is a
// contiguous range. The number per (city, operator) grows with the number of subscribers.
struct CellPlan {
  std::vector<Cell> cells;
  std::vector<std::uint32_t> first;  // first[city * ops + op] .. first[city * ops + op + 1]
  int operator_count = 0;

  std::span<const Cell> CellsOf(int city, int op) const {
    const std::size_t slot = static_cast<std::size_t>(city * operator_count + op);
    return std::span<const Cell>(cells).subspan(first[slot], first[slot + 1] - first[slot]);
  }
};

CellPlan BuildCellPlan(const SimulationSpec& spec);

// Writes the OpenCelliD-layout table
// radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal.
Status WriteCellTable(const CellPlan& plan, const SimulationSpec& spec, const std::string& path);

}  // namespace openceir::simulate
