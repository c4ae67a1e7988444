// IdentifierCounts: how many times each identifier (IMSI, MSISDN) was added, for the figures
// that group network data by something other than the IMEI it is ordered by (IMEIs per IMSI,
// distinct MSISDNs of a month, IMEIs per MSISDN).
//
// Memory is one 16-byte slot per distinct identifier: identifiers of up to 17 digits (every
// clean IMSI and MSISDN) are packed into a 64-bit key in an open-addressing table; anything else
// (hex, letters, longer) goes to a small string map. Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace openceir::reports {

class IdentifierCounts {
 public:
  IdentifierCounts();

  // Adds one to the count of `id`. An empty id (null) is ignored.
  void Add(std::string_view id);
  // Distinct identifiers added.
  std::int64_t size() const { return packed_size_ + static_cast<std::int64_t>(other_.size()); }
  // The count of `id` (0 when never added).
  std::uint32_t CountOf(std::string_view id) const;
  // Visits every (identifier, count), in no particular order.
  void ForEach(const std::function<void(const std::string& id, std::uint32_t count)>& visit) const;

 private:
  struct Slot {
    std::uint64_t key = 0;  // 0 = empty
    std::uint32_t count = 0;
  };
  static bool Pack(std::string_view id, std::uint64_t* key);
  static std::string Unpack(std::uint64_t key);
  std::size_t Probe(std::uint64_t key) const;
  void Grow();

  std::vector<Slot> slots_;
  std::int64_t packed_size_ = 0;
  std::unordered_map<std::string, std::uint32_t> other_;
};

}  // namespace openceir::reports
