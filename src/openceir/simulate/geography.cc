// Demoland's map: an invented island country in the South Pacific (no real land there), its
// cities 250-900 km apart, and each operator's cells around every city.
#include "openceir/simulate/geography.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "openceir/simulate/buffered_file.h"
#include "openceir/simulate/random.h"

namespace openceir::simulate {
namespace {

constexpr std::array<City, 8> kCities = {{
    {"Aurora", -24.50, -127.00, 30},  // the capital
    {"Port Verin", -21.20, -124.10, 14},
    {"Kestrel Bay", -27.80, -123.60, 12},
    {"Halden", -21.90, -130.60, 11},
    {"Marrow Falls", -27.10, -131.20, 10},
    {"Tessaly", -18.90, -127.80, 8},
    {"Brennick", -30.10, -127.40, 8},
    {"Solace", -23.90, -120.70, 7},
}};

constexpr double kPi = 3.14159265358979323846;
constexpr double kKmPerDegree = 111.195;  // on a sphere of radius 6371 km

constexpr std::array<const char*, 4> kRadios = {"GSM", "UMTS", "LTE", "NR"};

// Most cells are LTE, as in today's networks.
const char* PickRadio(Rng& rng) {
  const double u = rng.Unit();
  if (u < 0.10) return kRadios[0];
  if (u < 0.25) return kRadios[1];
  if (u < 0.85) return kRadios[2];
  return kRadios[3];
}

}  // namespace

std::span<const City> Cities() { return kCities; }

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  const double to_rad = kPi / 180.0;
  const double dlat = (lat2 - lat1) * to_rad;
  const double dlon = (lon2 - lon1) * to_rad;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * to_rad) * std::cos(lat2 * to_rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

CellPlan BuildCellPlan(const SimulationSpec& spec) {
  CellPlan plan;
  plan.operator_count = static_cast<int>(spec.operators.size());
  Rng rng(HashKey(spec.seed, 0xCE11, 0));
  int total_weight = 0;
  for (const City& city : kCities) total_weight += city.weight;
  plan.first.push_back(0);
  for (int c = 0; c < static_cast<int>(kCities.size()); ++c) {
    const City& city = kCities[static_cast<std::size_t>(c)];
    for (int op = 0; op < plan.operator_count; ++op) {
      const std::string& mcc_mnc = spec.operators[static_cast<std::size_t>(op)].mcc_mncs.front();
      // About one cell per 250 subscribers of the city and operator, at least 3.
      const double subscribers_here =
          static_cast<double>(spec.subscribers) * city.weight / total_weight / plan.operator_count;
      const int count = std::clamp(static_cast<int>(subscribers_here / 250), 3, 5000);
      for (int k = 0; k < count; ++k) {
        Cell cell;
        cell.city = c;
        cell.op = op;
        cell.radio = PickRadio(rng);
        cell.lac = static_cast<std::uint32_t>(100 * (c + 1) + k / 64);
        cell.ci = static_cast<std::uint32_t>((c + 1) * 100'000 + k);
        // Uniform in a disc of 15 km around the centre.
        const double r = 15.0 * std::sqrt(rng.Unit());
        const double theta = 2 * kPi * rng.Unit();
        cell.lat = city.lat + r * std::cos(theta) / kKmPerDegree;
        cell.lon = city.lon + r * std::sin(theta) / (kKmPerDegree * std::cos(city.lat * kPi / 180));
        cell.range_m = rng.Between(300, 6000);
        cell.samples = rng.Between(1, 400);
        cell.cell_id =
            fmt::format("{}-{}-{}-{}", mcc_mnc.substr(0, 3), mcc_mnc.substr(3), cell.lac, cell.ci);
        plan.cells.push_back(std::move(cell));
      }
      plan.first.push_back(static_cast<std::uint32_t>(plan.cells.size()));
    }
  }
  return plan;
}

Status WriteCellTable(const CellPlan& plan, const SimulationSpec& spec, const std::string& path) {
  BufferedFile out(path);
  out.Append(
      "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,"
      "averageSignal\n");
  // Cells were surveyed in the year before the period (fixed from the spec: deterministic).
  const std::int64_t start_unix = std::int64_t{spec.start.days} * 86'400;
  for (const Cell& cell : plan.cells) {
    const std::string& mcc_mnc = spec.operators[static_cast<std::size_t>(cell.op)].mcc_mncs.front();
    const std::int64_t created = start_unix - 86'400 * (30 + cell.ci % 300);
    const std::int64_t updated = start_unix - 86'400 * (1 + cell.ci % 29);
    out.Format("{},{},{},{},{},0,{:.6f},{:.6f},{},{},1,{},{},0\n", cell.radio, mcc_mnc.substr(0, 3),
               mcc_mnc.substr(3), cell.lac, cell.ci, cell.lon, cell.lat, cell.range_m, cell.samples,
               created, updated);
  }
  return out.Close();
}

}  // namespace openceir::simulate
