#include "openceir/reports/identifier_counts.h"

namespace openceir::reports {
namespace {

constexpr std::size_t kInitialSlots = 1024;   // a power of two
constexpr std::size_t kMaxPackedDigits = 17;  // 10^17 * 32 < 2^63

std::uint64_t Mix(std::uint64_t key) {  // splitmix64 finaliser: spreads sequential numbers
  key ^= key >> 30;
  key *= 0xbf58476d1ce4e5b9ULL;
  key ^= key >> 27;
  key *= 0x94d049bb133111ebULL;
  return key ^ (key >> 31);
}

}  // namespace

IdentifierCounts::IdentifierCounts() : slots_(kInitialSlots) {}

// The key is value * 32 + length, so "0012" and "012" stay apart, and it is never 0.
bool IdentifierCounts::Pack(std::string_view id, std::uint64_t* key) {
  if (id.empty() || id.size() > kMaxPackedDigits) return false;
  std::uint64_t value = 0;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  *key = value * 32 + id.size();
  return true;
}

std::string IdentifierCounts::Unpack(std::uint64_t key) {
  std::size_t length = key % 32;
  std::uint64_t value = key / 32;
  std::string id(length, '0');
  for (std::size_t i = length; i > 0; --i) {
    id[i - 1] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return id;
}

std::size_t IdentifierCounts::Probe(std::uint64_t key) const {
  std::size_t mask = slots_.size() - 1;
  std::size_t i = Mix(key) & mask;
  while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask;
  return i;
}

void IdentifierCounts::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  for (const Slot& slot : old) {
    if (slot.key != 0) slots_[Probe(slot.key)] = slot;
  }
}

void IdentifierCounts::Add(std::string_view id) {
  if (id.empty()) return;
  std::uint64_t key = 0;
  if (!Pack(id, &key)) {
    ++other_[std::string(id)];
    return;
  }
  std::size_t i = Probe(key);
  if (slots_[i].key == 0) {
    // Keep the load under 1/2 so probes stay short.
    if (static_cast<std::size_t>(packed_size_ + 1) * 2 > slots_.size()) {
      Grow();
      i = Probe(key);
    }
    slots_[i].key = key;
    ++packed_size_;
  }
  ++slots_[i].count;
}

std::uint32_t IdentifierCounts::CountOf(std::string_view id) const {
  std::uint64_t key = 0;
  if (!Pack(id, &key)) {
    auto it = other_.find(std::string(id));
    return it == other_.end() ? 0 : it->second;
  }
  return slots_[Probe(key)].count;
}

void IdentifierCounts::ForEach(
    const std::function<void(const std::string& id, std::uint32_t count)>& visit) const {
  for (const Slot& slot : slots_) {
    if (slot.key != 0) visit(Unpack(slot.key), slot.count);
  }
  for (const auto& [id, count] : other_) visit(id, count);
}

}  // namespace openceir::reports
