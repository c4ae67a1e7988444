// TripletAggregator: open-addressing hash tables per IMEI partition, spilled to raw files.
#include "openceir/observe/triplet_aggregator.h"

#include <fmt/format.h>
#include <stdlib.h>  // mkdtemp
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <new>
#include <span>
#include <unordered_map>
#include <utility>
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
constexpr std::uint64_t kImeiBits = (std::uint64_t{1} << 47) - 1;
constexpr std::uint64_t kInternedIndexBits = kImeiBits;
// The month shares the IMEI's word (bits 47-62: month indexes of years up to 5461), so that an
// entry is 32 bytes: two per cache line, never straddling two.
constexpr int kMonthShift = 47;
constexpr std::size_t kInitialCapacity = 256;

// One monthly triplet in compact form. day_mask == 0 marks an empty slot.
struct alignas(32) Entry {
  std::uint64_t key;  // imei key (packed, or kInternedBit | index) | month << kMonthShift
  std::uint64_t imsi;
  std::uint64_t msisdn;
  store::DayMask day_mask;
  std::uint16_t rat_mask;  // RAT bits 0-12 (identifiers::RatBit)
  std::uint8_t imsi_class;
  std::uint8_t unused;
};
static_assert(sizeof(Entry) == 32);

inline std::uint64_t ImeiOfKey(std::uint64_t key) {
  return (key & kInternedBit) | (key & kImeiBits);
}
inline store::MonthIndex MonthOfKey(std::uint64_t key) {
  return static_cast<store::MonthIndex>((key & ~kInternedBit) >> kMonthShift);
}

inline std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline std::uint64_t KeyHash(const Entry& e) {
  std::uint64_t h = Mix(e.key ^ 0x9e3779b97f4a7c15ULL);
  h = Mix(h ^ e.imsi);
  return Mix(h ^ e.msisdn);
}

inline bool SameKey(const Entry& a, const Entry& b) {
  return a.key == b.key && a.imsi == b.imsi && a.msisdn == b.msisdn;
}

// Loads the cache line at `address` ahead of use. An asm statement, not __builtin_prefetch:
// GCC 12 at -O1 and above deleted every __builtin_prefetch and _mm_prefetch in this file.
inline void PrefetchLine(const void* address) {
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(address)));
}

// Zeroed memory for a table's slots. Tables of 2 MiB and more are mapped on their own and
// asked for transparent huge pages: their slots are hit at random, and with 4 KiB pages nearly
// every probe also misses the TLB (a page walk costs more than the cache miss, and more still
// in a virtual machine). An all-zero Entry is an empty slot.
class SlotBuffer {
 public:
  SlotBuffer() = default;
  explicit SlotBuffer(std::size_t count) : count_(count) {
    const std::size_t bytes = count * sizeof(Entry);
    if (bytes >= kHugePageBytes) {
      const std::size_t rounded = (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
      void* p = mmap(nullptr, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p != MAP_FAILED) {
        madvise(p, rounded, MADV_HUGEPAGE);  // a hint: refused, the pages stay small
        data_ = static_cast<Entry*>(p);
        mapped_bytes_ = rounded;
        return;
      }
    }
    data_ = new Entry[count]();  // also when mmap failed: new[] reports exhaustion as usual
  }
  ~SlotBuffer() { Free(); }
  SlotBuffer(SlotBuffer&& other) noexcept { *this = std::move(other); }
  SlotBuffer& operator=(SlotBuffer&& other) noexcept {
    if (this != &other) {
      Free();
      data_ = std::exchange(other.data_, nullptr);
      count_ = std::exchange(other.count_, 0);
      mapped_bytes_ = std::exchange(other.mapped_bytes_, 0);
    }
    return *this;
  }

  std::size_t size() const { return count_; }
  Entry& operator[](std::size_t i) { return data_[i]; }
  const Entry& operator[](std::size_t i) const { return data_[i]; }
  std::span<const Entry> all() const { return {data_, count_}; }
  const Entry* data() const { return data_; }

 private:
  static constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

  void Free() {
    if (data_ == nullptr) return;
    if (mapped_bytes_ != 0) {
      munmap(data_, mapped_bytes_);
    } else {
      delete[] data_;
    }
    data_ = nullptr;
    count_ = 0;
    mapped_bytes_ = 0;
  }

  Entry* data_ = nullptr;
  std::size_t count_ = 0;
  std::size_t mapped_bytes_ = 0;  // 0 = allocated with new[]
};

// A flat open-addressing (linear probing) table of entries, merged on insert.
class EntryTable {
 public:
  std::size_t size() const { return size_; }
  std::size_t bytes() const { return slots_.size() * sizeof(Entry); }
  std::span<const Entry> slots() const { return slots_.all(); }

  void Upsert(const Entry& entry) { Upsert(entry, KeyHash(entry)); }

  // `hash` = KeyHash(entry), computed once by callers that prefetched its slot.
  void Upsert(const Entry& entry, std::uint64_t hash) {
    if ((size_ + 1) * 10 > slots_.size() * 7) Grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
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
    const Entry* base = slots_.data();
    if (base != nullptr) PrefetchLine(base + (hash & (slots_.size() - 1)));
  }

  void Release() {
    slots_ = SlotBuffer();
    size_ = 0;
  }

 private:
  void Grow() {
    SlotBuffer old = std::move(slots_);
    slots_ = SlotBuffer(std::max(kInitialCapacity, old.size() * 2));
    size_ = 0;
    for (const Entry& e : old.all()) {
      if (e.day_mask != 0) Upsert(e);
    }
  }

  SlotBuffer slots_;
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

  // The partition of an entry: by IMEI only, so that all of an IMEI's rows meet in one.
  std::size_t PartitionOf(const Entry& entry) const {
    return Mix(ImeiOfKey(entry.key)) % partitions_.size();
  }

  Status Add(const Entry& entry) { return Add(entry, PartitionOf(entry), KeyHash(entry)); }

  Status Add(const Entry& entry, std::size_t partition, std::uint64_t hash) {
    EntryTable& table = partitions_[partition];
    const std::size_t before = table.bytes();
    table.Upsert(entry, hash);
    memory_bytes_ += table.bytes() - before;
    if (memory_bytes_ > options_.memory_budget_bytes) return SpillLargest();
    return Status::Ok();
  }

  // An entry that will be added soon: its slot is loaded while earlier ones are merged.
  void Prefetch(std::size_t partition, std::uint64_t hash) const {
    partitions_[partition].Prefetch(hash);
  }

  Entry MakeEntry(std::uint64_t imei_key, std::uint64_t imsi_key, std::uint64_t msisdn_key,
                  Date day, store::RatMask rat_mask, std::uint8_t imsi_class) {
    Entry e{};
    store::MonthIndex month = 0;
    MonthOf(day, &month, &e.day_mask);
    e.key = imei_key | (static_cast<std::uint64_t>(month) << kMonthShift);
    e.imsi = imsi_key;
    e.msisdn = msisdn_key;
    e.rat_mask = static_cast<std::uint16_t>(rat_mask);
    e.imsi_class = imsi_class;
    return e;
  }

  std::uint64_t Intern(std::string_view imei_norm) {
    auto it = interned_ids_.find(std::string(imei_norm));
    if (it != interned_ids_.end()) return it->second;
    std::uint64_t key = kInternedBit | (interned_.size() & kInternedIndexBits);
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
    if ((key & kInternedBit) != 0) return interned_[key & kInternedIndexBits];
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
      t.month = MonthOfKey(e.key);
      t.imei_norm = ImeiNormOf(ImeiOfKey(e.key));
      t.imsi = e.imsi == 0 ? std::string() : UnpackSubscriberId(e.imsi);
      t.msisdn = e.msisdn == 0 ? std::string() : UnpackSubscriberId(e.msisdn);
      Date first = *DateFromCivil(t.month / 12, t.month % 12 + 1, 1);
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
  return impl_->Add(impl_->MakeEntry(imei_key, imsi_key, msisdn_key, day, rat_mask, imsi_class));
}

Status TripletAggregator::AddPackedBatch(std::span<const PackedObservation> observations) {
  // Each entry's partition and hash are computed once, kAhead rows before it is merged, when
  // its slot is prefetched: the table is far larger than the caches, so the merge is bound by
  // memory latency unless many slot loads are in flight.
  constexpr std::size_t kAhead = 16;
  struct Ahead {
    Entry entry;
    std::size_t partition;
    std::uint64_t hash;
  };
  std::array<Ahead, kAhead> ring;
  const std::size_t n = observations.size();
  auto prepare = [&](std::size_t i) {
    const PackedObservation& o = observations[i];
    Ahead& a = ring[i % kAhead];
    a.entry =
        impl_->MakeEntry(o.imei_key, o.imsi_key, o.msisdn_key, o.day, o.rat_mask, o.imsi_class);
    a.partition = impl_->PartitionOf(a.entry);
    a.hash = KeyHash(a.entry);
    impl_->Prefetch(a.partition, a.hash);
  };
  for (std::size_t i = 0; i < std::min(kAhead, n); ++i) prepare(i);
  for (std::size_t i = 0; i < n; ++i) {
    const Ahead now = ring[i % kAhead];
    if (i + kAhead < n) prepare(i + kAhead);
    OPENCEIR_RETURN_IF_ERROR(impl_->Add(now.entry, now.partition, now.hash));
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
