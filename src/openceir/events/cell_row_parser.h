// The cell table (OpenCelliD layout, FORMATS.md): header and row validation.
//
// Columns radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,
// averageSignal, all required, any order, names case-insensitive. Rules per field:
//   radio  GSM, UMTS, LTE, NR or CDMA (case-insensitive; stored upper-case)   bad_radio
//   mcc    3 digits; net 2-3 digits (kept as written: 01 and 001 differ)    bad_mcc, bad_net
//   area   integer 0..2^32-1; cell integer 0..2^36-1                         bad_area, bad_cell
//   lon    decimal in [-180, 180]; lat decimal in [-90, 90]                  bad_lon, bad_lat
//   range, samples, created, updated  integers >= 0                           bad_<name>
//   changeable  0 or 1; unit, averageSignal  integer or empty                 bad_<name>
// cell_id = MCC-MNC-LAC-CI (events/cell_id.h); a key twice in a file is duplicate_cell.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "openceir/events/cell_id.h"
#include "openceir/observe/operator_data_error.h"
#include "openceir/store/observation_types.h"

namespace openceir::events {

enum CellColumn : std::size_t {
  kRadio,
  kMcc,
  kNet,
  kArea,
  kCellColumn,
  kUnit,
  kLon,
  kLat,
  kRange,
  kSamples,
  kChangeable,
  kCreated,
  kUpdated,
  kAverageSignal,
  kCellColumnCount
};

// Not thread-safe; one parser per file.
class CellRowParser {
 public:
  explicit CellRowParser(observe::OperatorDataErrors* errors) : errors_(errors) {}

  // Maps the header's columns; adds missing/unknown/duplicate column errors (line `line`).
  // True when every column is there exactly once.
  bool ParseHeader(std::int64_t line, const std::vector<std::string_view>& fields);

  // Validates one data row; true with `cell` filled when every field is valid (errors added
  // otherwise, one per bad field).
  bool ParseRow(std::int64_t line, const std::vector<std::string_view>& fields, store::Cell* cell);

 private:
  void Error(std::int64_t line, int column, std::string rule, std::string message);

  observe::OperatorDataErrors* errors_;
  std::array<int, kCellColumnCount> index_{};
  std::vector<std::string> names_;
  std::unordered_map<CellKey, std::int64_t, CellKeyHash> seen_;  // key -> first line
};

}  // namespace openceir::events
