// The rows of the observation store: network data reduced to what detection reads.
//
// Operators send one row per (date, IMEI, IMSI, MSISDN) seen; the store keeps one row per
// distinct (operator, month, imei_norm, imsi, msisdn) with a day bitmask, which is 20-30x
// smaller and loses nothing the rules need. Empty strings stand for null identifiers, so keys
// compare the same way in every backend.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/base/date.h"

namespace openceir::store {

// A calendar month as year * 12 + (month - 1): consecutive months are consecutive numbers.
using MonthIndex = std::int32_t;
MonthIndex MonthOf(Date date);
Date FirstDayOf(MonthIndex month);
int DaysIn(MonthIndex month);
// "202611" for November 2026.
std::string FormatMonth(MonthIndex month);

// Bit d-1 set = seen on day d of the month (31 bits used).
using DayMask = std::uint32_t;
// One bit per radio access technology (identifiers/rat.h, RatBit).
using RatMask = std::uint32_t;

// What the IMSIs of a row say about their owners, set at import against the configured region
// and operators (DIRBS's used_by_* dimensions). Bits, OR-ed when rows merge.
enum ImsiClassBits : std::uint8_t {
  kImsiLocalSubscriber = 1,  // MCC-MNC of a configured operator
  kImsiInboundRoamer = 2,    // MCC outside the region
  kImsiLocalNonMember = 4,   // MCC of the region, MNC of no configured operator
};

// One monthly triplet. `operator_id` empty = the country-wide row (all operators merged).
struct TripletMonth {
  std::string operator_id;
  MonthIndex month = 0;
  std::string imei_norm;
  std::string imsi;    // "" = null
  std::string msisdn;  // "" = null
  Date first_seen;     // within the month
  Date last_seen;
  DayMask day_mask = 0;
  RatMask rat_mask = 0;
  std::uint8_t imsi_class = 0;  // ImsiClassBits
};

// Every IMEI ever seen on the network (any operator).
struct NetworkImei {
  std::string imei_norm;
  Date first_seen;
  Date last_seen;
  RatMask rat_mask = 0;
};

// Distinct identifiers one operator reported on one day, for the volume-against-history check.
// Counts are HyperLogLog estimates (base/hyperloglog.h: ~1.6% standard error) so that they
// stay bounded in memory and merge when two files cover the same day; `sketches` holds the
// four sketches (imeis, imsis, msisdns, triplets) so merges stay exact-as-HLL.
struct DailyCounts {
  std::string operator_id;
  Date day;
  std::int64_t rows = 0;  // exact: data rows of that day
  std::int64_t imeis = 0;
  std::int64_t imsis = 0;
  std::int64_t msisdns = 0;
  std::int64_t triplets = 0;
  std::string sketches;  // opaque, HyperLogLogSet serialisation
};

// A cell position from the cell table (OpenCelliD layout). `cell_id` = "MCC-MNC-LAC-CI".
struct Cell {
  std::string cell_id;
  std::string radio;  // GSM, UMTS, LTE, NR, CDMA
  double lat = 0;
  double lon = 0;
  std::int32_t range_m = 0;
};

// One timestamped network event (the OpenCEIR events format), as kept for travel checks.
struct TravelPoint {
  std::int64_t time = 0;  // Unix seconds UTC
  std::string imsi;
  std::string operator_id;
  std::string cell_id;
  double lat = 0;
  double lon = 0;
};

// The latest events of one IMEI remembered across files so that impossible travel is found
// across days and operators: at most kMaxTravelPoints, the newest per IMSI and hour.
struct TravelState {
  static constexpr std::size_t kMaxTravelPoints = 32;
  std::string imei_norm;
  std::vector<TravelPoint> points;  // newest first
};

// Impossible-travel evidence: the same IMEI with two IMSIs at two places too far apart for the
// time between the events.
struct TravelEvidence {
  std::string imei_norm;
  TravelPoint first;   // the earlier event
  TravelPoint second;  // the later event
  double distance_km = 0;
  double speed_kmh = 0;  // distance / time (time floored at one second)
};

// The kind of an observation import, for re-import detection and the audit trail.
enum class ObservationImportKind : std::uint8_t { kOperatorData, kEvents, kCells };
std::string_view ObservationImportKindName(ObservationImportKind kind);

// The record an import leaves in the observation store, committed with its data.
struct ObservationImport {
  std::int64_t job_id = 0;  // the registry job that ran it
  ObservationImportKind kind = ObservationImportKind::kOperatorData;
  std::string operator_id;  // empty for cells
  std::string file_sha256;
  Date first_day;  // file name range (operator data, events); 0 for cells
  Date last_day;
  std::int64_t rows = 0;
};

}  // namespace openceir::store
