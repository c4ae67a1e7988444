// The travel-state blob of the observation stores: a TravelState's points in compact binary,
// newest first (format described in travel_points_codec.cc). Both the SQLite and PostgreSQL
// stores keep one blob per IMEI, so a state reads and writes as one value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/observation_types.h"

namespace openceir::store {

std::string EncodeTravelPoints(const std::vector<TravelPoint>& points);
// Decode errors are kInternal (the store wrote the blob) naming `imei_norm`.
Result<std::vector<TravelPoint>> DecodeTravelPoints(std::string_view bytes,
                                                    const std::string& imei_norm);

}  // namespace openceir::store
