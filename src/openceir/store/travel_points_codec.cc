// The travel-state blob of the observation stores (SQLite and PostgreSQL store it as is). At most
// kMaxTravelPoints points per IMEI, read and rewritten on every events import, so it is kept small.
// Format 2: a format byte; a table of the distinct strings (IMSIs, operators, cells;
// length-prefixed); a table of the distinct places (cell string index, lat and lon as IEEE doubles,
// exact); the point count, then per point the time (zigzag varint, as a difference from the
// previous point) and the indexes of its IMSI, operator and place. A phone's points mostly repeat
// one IMSI, one operator and a few cells: 10 points take ~140 bytes instead of ~520 in format 1
// (one length-prefixed string triple and two doubles per point), which is still read.
#include "openceir/store/travel_points_codec.h"

#include <fmt/format.h>

#include <bit>
#include <cstring>

namespace openceir::store {
namespace {

constexpr std::uint8_t kFormatPerPoint = 1;
constexpr std::uint8_t kFormat = 2;

void PutVarint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void PutDouble(std::string& out, double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

// Reads from a blob, remembering whether it ran past the end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == bytes_.size(); }

  std::uint64_t Varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) break;
      const auto byte = static_cast<std::uint8_t>(bytes_[pos_++]);
      value |= std::uint64_t{byte & 0x7fu} << shift;
      if ((byte & 0x80) == 0) return value;
    }
    ok_ = false;
    return 0;
  }
  double Double() {
    if (bytes_.size() - pos_ < 8) {
      ok_ = false;
      return 0;
    }
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) {
      bits |= std::uint64_t{static_cast<std::uint8_t>(bytes_[pos_++])} << (8 * i);
    }
    return std::bit_cast<double>(bits);
  }
  std::string String() {
    const std::uint64_t size = Varint();
    if (!ok_ || size > bytes_.size() - pos_) {
      ok_ = false;
      return {};
    }
    std::string text(bytes_.substr(pos_, size));
    pos_ += size;
    return text;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

std::uint64_t ZigZag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t UnZigZag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

}  // namespace

std::string EncodeTravelPoints(const std::vector<TravelPoint>& points) {
  // Tables by linear search: at most kMaxTravelPoints points.
  std::vector<std::string_view> strings;
  auto string_index = [&](std::string_view text) {
    for (std::size_t i = 0; i < strings.size(); ++i) {
      if (strings[i] == text) return i;
    }
    strings.push_back(text);
    return strings.size() - 1;
  };
  struct Place {
    std::size_t cell;
    double lat, lon;
  };
  std::vector<Place> places;
  struct Indexes {
    std::size_t imsi, operator_id, place;
  };
  std::vector<Indexes> indexes;
  indexes.reserve(points.size());
  for (const TravelPoint& p : points) {
    Indexes& ix = indexes.emplace_back();
    ix.imsi = string_index(p.imsi);
    ix.operator_id = string_index(p.operator_id);
    const std::size_t cell = string_index(p.cell_id);
    ix.place = places.size();
    for (std::size_t i = 0; i < places.size(); ++i) {
      // Bitwise equal doubles: the decoded point must be exactly the encoded one.
      if (places[i].cell == cell &&
          std::bit_cast<std::uint64_t>(places[i].lat) == std::bit_cast<std::uint64_t>(p.lat) &&
          std::bit_cast<std::uint64_t>(places[i].lon) == std::bit_cast<std::uint64_t>(p.lon)) {
        ix.place = i;
        break;
      }
    }
    if (ix.place == places.size()) places.push_back({cell, p.lat, p.lon});
  }
  std::string out;
  out.push_back(static_cast<char>(kFormat));
  PutVarint(out, strings.size());
  for (std::string_view text : strings) {
    PutVarint(out, text.size());
    out.append(text);
  }
  PutVarint(out, places.size());
  for (const Place& place : places) {
    PutVarint(out, place.cell);
    PutDouble(out, place.lat);
    PutDouble(out, place.lon);
  }
  PutVarint(out, points.size());
  std::int64_t previous = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    // Wrapping difference: exact for any pair of times.
    PutVarint(out, ZigZag(static_cast<std::int64_t>(static_cast<std::uint64_t>(points[i].time) -
                                                    static_cast<std::uint64_t>(previous))));
    previous = points[i].time;
    PutVarint(out, indexes[i].imsi);
    PutVarint(out, indexes[i].operator_id);
    PutVarint(out, indexes[i].place);
  }
  return out;
}

Result<std::vector<TravelPoint>> DecodeTravelPoints(std::string_view bytes,
                                                    const std::string& imei_norm) {
  auto corrupt = [&](std::string_view what) {
    return InternalError(fmt::format("travel state of IMEI '{}' is corrupt: {}", imei_norm, what));
  };
  if (bytes.empty()) return corrupt("unknown format");
  const auto format = static_cast<std::uint8_t>(bytes[0]);
  if (format != kFormat && format != kFormatPerPoint) return corrupt("unknown format");
  Reader reader(bytes.substr(1));
  constexpr std::uint64_t kMaxEntries = 3 * TravelState::kMaxTravelPoints;
  std::vector<std::string> strings;
  struct Place {
    std::uint64_t cell;
    double lat, lon;
  };
  std::vector<Place> places;
  if (format == kFormat) {
    const std::uint64_t string_count = reader.Varint();
    if (!reader.ok() || string_count > kMaxEntries) return corrupt("bad string count");
    for (std::uint64_t i = 0; i < string_count && reader.ok(); ++i) {
      strings.push_back(reader.String());
    }
    const std::uint64_t place_count = reader.Varint();
    if (!reader.ok() || place_count > kMaxEntries) return corrupt("bad place count");
    for (std::uint64_t i = 0; i < place_count && reader.ok(); ++i) {
      Place& place = places.emplace_back();
      place.cell = reader.Varint();
      place.lat = reader.Double();
      place.lon = reader.Double();
      if (place.cell >= strings.size()) return corrupt("place names no string");
    }
  }
  const std::uint64_t count = reader.Varint();
  if (!reader.ok() || count > TravelState::kMaxTravelPoints) return corrupt("bad point count");
  std::vector<TravelPoint> points(static_cast<std::size_t>(count));
  std::int64_t previous = 0;
  for (TravelPoint& p : points) {
    p.time = static_cast<std::int64_t>(static_cast<std::uint64_t>(previous) +
                                       static_cast<std::uint64_t>(UnZigZag(reader.Varint())));
    previous = p.time;
    if (format == kFormatPerPoint) {
      p.lat = reader.Double();
      p.lon = reader.Double();
      p.imsi = reader.String();
      p.operator_id = reader.String();
      p.cell_id = reader.String();
      continue;
    }
    const std::uint64_t imsi = reader.Varint();
    const std::uint64_t operator_id = reader.Varint();
    const std::uint64_t place = reader.Varint();
    if (!reader.ok()) break;
    if (imsi >= strings.size() || operator_id >= strings.size() || place >= places.size()) {
      return corrupt("point names no entry");
    }
    p.imsi = strings[imsi];
    p.operator_id = strings[operator_id];
    p.cell_id = strings[places[place].cell];
    p.lat = places[place].lat;
    p.lon = places[place].lon;
  }
  if (!reader.ok()) return corrupt("truncated");
  if (!reader.at_end()) return corrupt("trailing bytes");
  return points;
}

}  // namespace openceir::store
