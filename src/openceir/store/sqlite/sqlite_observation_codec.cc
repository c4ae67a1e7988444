// The travel-state blob of the SQLite observation store. At most kMaxTravelPoints points per
// IMEI, read and rewritten on every events import, so it is kept small: a format byte, the
// point count, then per point the time (zigzag varint, as a difference from the previous point),
// lat and lon (IEEE doubles, exact) and three length-prefixed strings (IMSI, operator, cell).
#include <fmt/format.h>

#include <bit>
#include <cstring>

#include "openceir/store/sqlite/sqlite_observation_store_impl.h"

namespace openceir::store::sqlite {
namespace {

constexpr std::uint8_t kFormat = 1;

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

void PutString(std::string& out, const std::string& text) {
  PutVarint(out, text.size());
  out += text;
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
  std::string out;
  out.push_back(static_cast<char>(kFormat));
  PutVarint(out, points.size());
  std::int64_t previous = 0;
  for (const TravelPoint& p : points) {
    // Wrapping difference: exact for any pair of times.
    PutVarint(out, ZigZag(static_cast<std::int64_t>(static_cast<std::uint64_t>(p.time) -
                                                    static_cast<std::uint64_t>(previous))));
    previous = p.time;
    PutDouble(out, p.lat);
    PutDouble(out, p.lon);
    PutString(out, p.imsi);
    PutString(out, p.operator_id);
    PutString(out, p.cell_id);
  }
  return out;
}

Result<std::vector<TravelPoint>> DecodeTravelPoints(std::string_view bytes,
                                                    const std::string& imei_norm) {
  auto corrupt = [&](std::string_view what) {
    return InternalError(fmt::format("travel state of IMEI '{}' is corrupt: {}", imei_norm, what));
  };
  if (bytes.empty() || static_cast<std::uint8_t>(bytes[0]) != kFormat) {
    return corrupt("unknown format");
  }
  Reader reader(bytes.substr(1));
  const std::uint64_t count = reader.Varint();
  if (!reader.ok() || count > TravelState::kMaxTravelPoints) return corrupt("bad point count");
  std::vector<TravelPoint> points(static_cast<std::size_t>(count));
  std::int64_t previous = 0;
  for (TravelPoint& p : points) {
    p.time = static_cast<std::int64_t>(static_cast<std::uint64_t>(previous) +
                                       static_cast<std::uint64_t>(UnZigZag(reader.Varint())));
    previous = p.time;
    p.lat = reader.Double();
    p.lon = reader.Double();
    p.imsi = reader.String();
    p.operator_id = reader.String();
    p.cell_id = reader.String();
  }
  if (!reader.ok()) return corrupt("truncated");
  if (!reader.at_end()) return corrupt("trailing bytes");
  return points;
}

}  // namespace openceir::store::sqlite
