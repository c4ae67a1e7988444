#include "openceir/classify/imei_key_set.h"

namespace openceir::classify {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::uint32_t ParseTac(std::string_view tac) {
  if (tac.size() != 8) return kNoTac;
  std::uint32_t value = 0;
  for (char c : tac) {
    if (!IsDigit(c)) return kNoTac;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return value;
}

std::uint32_t TacOf(std::string_view imei_norm) {
  return imei_norm.size() < 8 ? kNoTac : ParseTac(imei_norm.substr(0, 8));
}

std::uint64_t ImsiKeyOf(std::string_view imsi) {
  if (imsi.empty() || imsi.size() > 15) return kNoImsiKey;
  std::uint64_t value = 0;
  for (char c : imsi) {
    if (!IsDigit(c)) return kNoImsiKey;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value * 16 + imsi.size();
}

void ImeiSet::Add(std::string_view imei_norm) {
  if (auto packed = identifiers::PackImei(imei_norm)) {
    packed_.push_back(*packed);
  } else {
    other_.emplace_back(imei_norm);
  }
}

void ImeiSet::Finish() {
  // Lists are scanned in key order: usually already sorted.
  if (!std::is_sorted(packed_.begin(), packed_.end())) std::sort(packed_.begin(), packed_.end());
  packed_.erase(std::unique(packed_.begin(), packed_.end()), packed_.end());
  packed_.shrink_to_fit();
  std::sort(other_.begin(), other_.end());
  other_.erase(std::unique(other_.begin(), other_.end()), other_.end());
}

bool ImeiSet::Contains(const ImeiKey& key) const {
  if (key.packed != identifiers::kNotPacked) {
    return std::binary_search(packed_.begin(), packed_.end(), key.packed);
  }
  return std::binary_search(other_.begin(), other_.end(), key.imei_norm);
}

std::size_t ImeiSet::MemoryBytes() const {
  std::size_t bytes = packed_.capacity() * sizeof(std::uint64_t);
  for (const std::string& imei : other_) bytes += sizeof(imei) + imei.capacity();
  return bytes;
}

void TacSet::Finish() {
  std::sort(tacs_.begin(), tacs_.end());
  tacs_.erase(std::unique(tacs_.begin(), tacs_.end()), tacs_.end());
  tacs_.shrink_to_fit();
}

}  // namespace openceir::classify
