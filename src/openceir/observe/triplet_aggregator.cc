// TripletAggregator: open-addressing hash tables per IMEI partition, spilled to raw files.
#include "openceir/observe/triplet_aggregator.h"

#include <fmt/format.h>
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "openceir/identifiers/imei.h"

namespace openceir::observe {

std::optional<std::uint64_t> PackSubscriberId(std::string_view digits) {
  if (digits.size() > 15) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value * 16 + digits.size();
}

std::string UnpackSubscriberId(std::uint64_t packed) {
  std::size_t length = packed % 16;
  std::uint64_t value = packed / 16;
  std::string digits(length, '0');
  for (std::size_t i = length; i > 0; --i) {
    digits[i - 1] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return digits;
}

namespace {

// Keys of interned (not 14-digit) imei_norms: packed keys are < 10^14 < 2^47.
constexpr std::uint64_t kInternedBit = std::uint64_t{1} << 63;
constexpr std::size_t kInitialCapacity = 256;

// One monthly triplet in compact form. day_mask == 0 marks an empty slot.
struct Entry {
  std::uint64_t imei;
  std::uint64_t imsi;
  std::uint64_t msisdn;
  store::MonthIndex month;
  store::DayMask day_mask;
  store::RatMask rat_mask;
  std::uint8_t imsi_class;
};

inline std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline std::uint64_t KeyHash(const Entry& e) {
  std::uint64_t h = Mix(e.imei ^ 0x9e3779b97f4a7c15ULL);
  h = Mix(h ^ e.imsi);
  h = Mix(h ^ (e.msisdn + (static_cast<std::uint64_t>(static_cast<std::uint32_t>(e.month)) << 1)));
  return h;
}

inline bool SameKey(const Entry& a, const Entry& b) {
  return a.imei == b.imei && a.imsi == b.imsi && a.msisdn == b.msisdn && a.month == b.month;
}

// A flat open-addressing (linear probing) table of entries, merged on insert.
class EntryTable {
 public:
  std::size_t size() const { return size_; }
  std::size_t bytes() const { return slots_.capacity() * sizeof(Entry); }
  const std::vector<Entry>& slots() const { return slots_; }

  void Upsert(const Entry& entry) {
    if ((size_ + 1) * 10 > slots_.size() * 7) Grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = KeyHash(entry) & mask;; i = (i + 1) & mask) {
      Entry& slot = slots_[i];
      if (slot.day_mask == 0) {
        slot = entry;
        ++size_;
        return;
      }
      if (SameKey(slot, entry)) {
        slot.day_mask |= entry.day_mask;
        slot.rat_mask |= entry.rat_mask;
        slot.imsi_class |= entry.imsi_class;
        return;
      }
    }
  }

  void Prefetch(std::uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }

  void Release() {
    std::vector<Entry>().swap(slots_);
    size_ = 0;
  }

 private:
  void Grow() {
    std::vector<Entry> old;
    old.swap(slots_);
    slots_.assign(std::max(kInitialCapacity, old.size() * 2), Entry{});
    size_ = 0;
    for (const Entry& e : old) {
      if (e.day_mask != 0) Upsert(e);
    }
  }

  std::vector<Entry> slots_;
  std::size_t size_ = 0;
};

}  // namespace

class TripletAggregator::Impl {
 public:
  explicit Impl(TripletAggregatorOptions options)
      : options_(std::move(options)),
        partitions_(static_cast<std::size_t>(std::clamp(options_.partitions, 1, 4096))),
        spill_files_(partitions_.size(), nullptr) {}

  ~Impl() {
    for (std::FILE* f : spill_files_) {
      if (f != nullptr) std::fclose(f);
    }
    if (!spill_folder_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(spill_folder_, ignored);
    }
  }

  Status Add(const Entry& entry) {
    std::size_t p = Mix(entry.imei) % partitions_.size();
    EntryTable& table = partitions_[p];
    std::size_t before = table.bytes();
    table.Upsert(entry);
    memory_bytes_ += table.bytes() - before;
    if (memory_bytes_ > options_.memory_budget_bytes) return SpillLargest();
    return Status::Ok();
  }

  // Entries that will be added soon: their slots are loaded while earlier ones are merged.
  void Prefetch(const Entry& entry) const {
    partitions_[Mix(entry.imei) % partitions_.size()].Prefetch(KeyHash(entry));
  }

  Entry MakeEntry(const PackedObservation& o) {
    Entry e{};
    e.imei = o.imei_key;
    e.imsi = o.imsi_key;
    e.msisdn = o.msisdn_key;
    MonthOf(o.day, &e.month, &e.day_mask);
    e.rat_mask = o.rat_mask;
    e.imsi_class = o.imsi_class;
    return e;
  }

  std::uint64_t Intern(std::string_view imei_norm) {
    auto it = interned_ids_.find(std::string(imei_norm));
    if (it != interned_ids_.end()) return it->second;
    std::uint64_t key = kInternedBit | interned_.size();
    interned_.emplace_back(imei_norm);
    interned_ids_.emplace(interned_.back(), key);
    return key;
  }

  // The month and day bit of `day` (cached: rows come mostly in day order).
  void MonthOf(Date day, store::MonthIndex* month, store::DayMask* bit) {
    if (day.days != cached_day_.days || !cached_valid_) {
      int y = 0, m = 0, d = 0;
      CivilFromDate(day, &y, &m, &d);
      cached_day_ = day;
      cached_month_ = y * 12 + (m - 1);
      cached_bit_ = store::DayMask{1} << (d - 1);
      cached_valid_ = true;
    }
    *month = cached_month_;
    *bit = cached_bit_;
  }

  Status Finish(const TripletPartitionVisitor& visit);

  std::int64_t rows_in_memory() const {
    std::int64_t n = 0;
    for (const EntryTable& t : partitions_) n += static_cast<std::int64_t>(t.size());
    return n;
  }
  std::int64_t spilled_bytes() const { return spilled_bytes_; }
  std::int64_t spills() const { return spills_; }
  std::size_t memory_bytes() const { return memory_bytes_; }

 private:
  Status SpillLargest();
  Status EnsureSpillFolder();
  Status ReadSpill(std::size_t p, EntryTable* table);
  std::string ImeiNormOf(std::uint64_t key) const {
    if ((key & kInternedBit) != 0) return interned_[key & ~kInternedBit];
    return identifiers::UnpackImei(key);
  }

  TripletAggregatorOptions options_;
  std::vector<EntryTable> partitions_;
  std::vector<std::FILE*> spill_files_;
  std::string spill_folder_;
  std::size_t memory_bytes_ = 0;
  std::int64_t spilled_bytes_ = 0;
  std::int64_t spills_ = 0;
  std::vector<std::string> interned_;
  std::unordered_map<std::string, std::uint64_t> interned_ids_;
  Date cached_day_;
  bool cached_valid_ = false;
  store::MonthIndex cached_month_ = 0;
  store::DayMask cached_bit_ = 0;
};

Status TripletAggregator::Impl::EnsureSpillFolder() {
  if (!spill_folder_.empty()) return Status::Ok();
  std::error_code ec;
  std::filesystem::path base = options_.spill_dir.empty()
                                   ? std::filesystem::temp_directory_path(ec)
                                   : std::filesystem::path(options_.spill_dir);
  if (ec) return IoError(fmt::format("no temporary folder for spill files: {}", ec.message()));
  std::string pattern = (base / "openceir-triplets-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return IoError(
        fmt::format("cannot create a spill folder in {}: {}", base.string(), std::strerror(errno)));
  }
  spill_folder_ = pattern;
  return Status::Ok();
}

Status TripletAggregator::Impl::SpillLargest() {
  std::size_t largest = 0;
  for (std::size_t p = 1; p < partitions_.size(); ++p) {
    if (partitions_[p].bytes() > partitions_[largest].bytes()) largest = p;
  }
  EntryTable& table = partitions_[largest];
  if (table.size() == 0) return Status::Ok();
  OPENCEIR_RETURN_IF_ERROR(EnsureSpillFolder());
  std::FILE*& file = spill_files_[largest];
  std::string path = fmt::format("{}/partition-{}.bin", spill_folder_, largest);
  if (file == nullptr) {
    file = std::fopen(path.c_str(), "w+b");
    if (file == nullptr) {
      return IoError(fmt::format("cannot create spill file {}: {}", path, std::strerror(errno)));
    }
  }
  // Written in slot order, empty slots left out: the reader re-merges, so order is free.
  std::vector<Entry> out;
  out.reserve(table.size());
  for (const Entry& e : table.slots()) {
    if (e.day_mask != 0) out.push_back(e);
  }
  if (std::fwrite(out.data(), sizeof(Entry), out.size(), file) != out.size()) {
    return IoError(fmt::format("cannot write spill file {}: {}", path, std::strerror(errno)));
  }
  spilled_bytes_ += static_cast<std::int64_t>(out.size() * sizeof(Entry));
  ++spills_;
  memory_bytes_ -= table.bytes();
  table.Release();
  return Status::Ok();
}

Status TripletAggregator::Impl::ReadSpill(std::size_t p, EntryTable* table) {
  std::FILE* file = spill_files_[p];
  if (file == nullptr) return Status::Ok();
  if (std::fflush(file) != 0 || std::fseek(file, 0, SEEK_SET) != 0) {
    return IoError(
        fmt::format("cannot rewind spill file of partition {}: {}", p, std::strerror(errno)));
  }
  std::vector<Entry> buffer(1 << 14);
  for (;;) {
    std::size_t n = std::fread(buffer.data(), sizeof(Entry), buffer.size(), file);
    for (std::size_t i = 0; i < n; ++i) table->Upsert(buffer[i]);
    if (n < buffer.size()) break;
  }
  if (std::ferror(file)) {
    return IoError(fmt::format("cannot read spill file of partition {}", p));
  }
  std::fclose(file);
  spill_files_[p] = nullptr;
  return Status::Ok();
}

Status TripletAggregator::Impl::Finish(const TripletPartitionVisitor& visit) {
  std::vector<store::TripletMonth> rows;
  for (std::size_t p = 0; p < partitions_.size(); ++p) {
    EntryTable& table = partitions_[p];
    memory_bytes_ -= table.bytes();
    OPENCEIR_RETURN_IF_ERROR(ReadSpill(p, &table));
    if (table.size() == 0) continue;
    rows.clear();
    rows.reserve(table.size());
    for (const Entry& e : table.slots()) {
      if (e.day_mask == 0) continue;
      store::TripletMonth& t = rows.emplace_back();
      t.operator_id = options_.operator_id;
      t.month = e.month;
      t.imei_norm = ImeiNormOf(e.imei);
      t.imsi = e.imsi == 0 ? std::string() : UnpackSubscriberId(e.imsi);
      t.msisdn = e.msisdn == 0 ? std::string() : UnpackSubscriberId(e.msisdn);
      Date first = *DateFromCivil(e.month / 12, e.month % 12 + 1, 1);
      t.first_seen = Date{first.days + std::countr_zero(e.day_mask)};
      t.last_seen = Date{first.days + 31 - std::countl_zero(e.day_mask)};
      t.day_mask = e.day_mask;
      t.rat_mask = e.rat_mask;
      t.imsi_class = e.imsi_class;
    }
    table.Release();
    OPENCEIR_RETURN_IF_ERROR(visit(rows));
  }
  memory_bytes_ = 0;
  return Status::Ok();
}

TripletAggregator::TripletAggregator(TripletAggregatorOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
TripletAggregator::~TripletAggregator() = default;

Status TripletAggregator::Add(std::string_view imei_norm, std::string_view imsi,
                              std::string_view msisdn, Date day, store::RatMask rat_mask,
                              std::uint8_t imsi_class) {
  if (imei_norm.empty()) return InvalidInputError("triplet with an empty imei_norm");
  std::optional<std::uint64_t> imsi_key = PackSubscriberId(imsi);
  if (!imsi_key) return InvalidInputError(fmt::format("IMSI '{}' is not 0-15 digits", imsi));
  std::optional<std::uint64_t> msisdn_key = PackSubscriberId(msisdn);
  if (!msisdn_key) {
    return InvalidInputError(fmt::format("MSISDN '{}' is not 0-15 digits", msisdn));
  }
  std::optional<std::uint64_t> imei_key = identifiers::PackImei(imei_norm);
  std::uint64_t key = imei_key ? *imei_key : impl_->Intern(imei_norm);
  return AddPacked(key, *imsi_key, *msisdn_key, day, rat_mask, imsi_class);
}

Status TripletAggregator::AddPacked(std::uint64_t imei_key, std::uint64_t imsi_key,
                                    std::uint64_t msisdn_key, Date day, store::RatMask rat_mask,
                                    std::uint8_t imsi_class) {
  Entry e{};
  e.imei = imei_key;
  e.imsi = imsi_key;
  e.msisdn = msisdn_key;
  impl_->MonthOf(day, &e.month, &e.day_mask);
  e.rat_mask = rat_mask;
  e.imsi_class = imsi_class;
  return impl_->Add(e);
}

Status TripletAggregator::AddPackedBatch(std::span<const PackedObservation> observations) {
  constexpr std::size_t kAhead = 16;
  const std::size_t n = observations.size();
  for (std::size_t i = 0; i < std::min(kAhead, n); ++i) {
    impl_->Prefetch(impl_->MakeEntry(observations[i]));
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) impl_->Prefetch(impl_->MakeEntry(observations[i + kAhead]));
    OPENCEIR_RETURN_IF_ERROR(impl_->Add(impl_->MakeEntry(observations[i])));
  }
  return Status::Ok();
}

Status TripletAggregator::Finish(const TripletPartitionVisitor& visit) {
  return impl_->Finish(visit);
}
std::int64_t TripletAggregator::rows_in_memory() const { return impl_->rows_in_memory(); }
std::int64_t TripletAggregator::spilled_bytes() const { return impl_->spilled_bytes(); }
std::int64_t TripletAggregator::spills() const { return impl_->spills(); }
std::size_t TripletAggregator::memory_bytes() const { return impl_->memory_bytes(); }

}  // namespace openceir::observe
