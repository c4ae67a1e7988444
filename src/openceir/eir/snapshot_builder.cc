// SnapshotBuilder: collects rows as packed keys, then sorts (radix sort unless the rows came
// sorted, as a bundle's do), keeps one row an IMEI and indexes them.
#include "openceir/eir/snapshot_builder.h"

#include <algorithm>

#include "openceir/identifiers/imei.h"

namespace openceir::eir {

namespace {

constexpr std::uint32_t kBlacklistedBit = 0x8000'0000u;
constexpr std::uint64_t kImeiKeyLimit = 100'000'000'000'000u;  // 10^14: 14 digits

std::string ImeiText(std::uint64_t key) {
  std::string digits(14, '0');
  for (std::size_t i = 14; i-- > 0; key /= 10) digits[i] = static_cast<char>('0' + key % 10);
  return digits;
}

// A key ImsiKeyOf makes: 1-15 digits, and a value that fits that many digits.
bool IsImsiKey(std::uint64_t imsi_key) {
  const std::uint64_t length = imsi_key % 16;
  if (length < 1 || length > 15) return false;
  std::uint64_t limit = 1;
  for (std::uint64_t i = 0; i < length; ++i) limit *= 10;
  return imsi_key / 16 < limit;
}

bool IsBlockDate(std::uint32_t date) {
  const std::uint32_t year = date / 10000, month = date / 100 % 100, day = date % 100;
  return year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Which of two rows of one IMEI the snapshot keeps: blacklisted over notified, then the
// earliest block date.
template <typename Row>
bool Better(const Row& a, const Row& b) {
  const bool a_black = (a.reasons_and_kind & kBlacklistedBit) != 0;
  const bool b_black = (b.reasons_and_kind & kBlacklistedBit) != 0;
  if (a_black != b_black) return a_black;
  return a.block_date < b.block_date;
}

// Stable LSD radix sort on the 47-bit IMEI key, 16 bits a pass (3 passes). Needs a buffer of
// the same size; std::sort would need none but takes several times longer on 50 M rows.
template <typename Row>
void RadixSortByKey(std::vector<Row>& rows) {
  std::vector<Row> buffer(rows.size());
  std::vector<std::size_t> counts(65536 + 1);
  for (unsigned shift = 0; shift < 48; shift += 16) {
    std::fill(counts.begin(), counts.end(), 0);
    for (const Row& row : rows) ++counts[((row.imei_key >> shift) & 0xFFFF) + 1];
    for (std::size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
    for (const Row& row : rows) buffer[counts[(row.imei_key >> shift) & 0xFFFF]++] = row;
    rows.swap(buffer);
  }
}

}  // namespace

std::optional<std::uint64_t> ImeiKeyOf(std::string_view imei) {
  if (imei.size() < 14 || imei.size() > 16) return std::nullopt;
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < imei.size(); ++i) {
    const unsigned digit = static_cast<unsigned char>(imei[i]) - unsigned{'0'};
    if (digit > 9) return std::nullopt;
    if (i < 14) key = key * 10 + digit;
  }
  return key;
}

std::optional<std::uint64_t> ImsiKeyOf(std::string_view imsi) {
  if (imsi.empty() || imsi.size() > 15) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : imsi) {
    const unsigned digit = static_cast<unsigned char>(c) - unsigned{'0'};
    if (digit > 9) return std::nullopt;
    value = value * 10 + digit;
  }
  return value * 16 + imsi.size();
}

std::string ImsiOfKey(std::uint64_t imsi_key) {
  const std::size_t length = imsi_key % 16;
  std::uint64_t value = imsi_key / 16;
  std::string imsi(length, '0');
  for (std::size_t i = length; i-- > 0;) {
    imsi[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return imsi;
}

SnapshotBuilder::SnapshotBuilder() {
  reasons_offsets_.push_back(0);
  InternReasons("");  // index 0: no reasons
}

std::uint32_t SnapshotBuilder::InternReasons(std::string_view reasons) {
  // Rows repeat a handful of reasons texts: look in the few seen last before hashing (which
  // would also build a std::string a row).
  for (const auto& [text, index] : recent_reasons_) {
    if (text == reasons) return index;
  }
  auto [it, added] = reasons_index_.try_emplace(std::string(reasons),
                                                static_cast<std::uint32_t>(reasons_index_.size()));
  if (added) {
    reasons_text_.append(reasons);
    reasons_offsets_.push_back(static_cast<std::uint32_t>(reasons_text_.size()));
  }
  if (recent_reasons_.size() >= 8) recent_reasons_.erase(recent_reasons_.begin());
  recent_reasons_.emplace_back(it->first, it->second);  // node-based map: the key stays put
  return it->second;
}

Status SnapshotBuilder::AddListed(std::string_view imei, std::uint32_t block_date,
                                  std::string_view reasons, bool blacklisted) {
  const std::optional<std::uint64_t> key = ImeiKeyOf(imei);
  if (!key) return InvalidInputError("IMEI '" + std::string(imei) + "' is not 14-16 digits");
  if (!IsBlockDate(block_date)) {  // named as given, check digit and all
    return InvalidInputError("block date " + std::to_string(block_date) + " of IMEI " +
                             std::string(imei) + " is not YYYYMMDD");
  }
  return AddListedKey(*key, block_date, reasons, blacklisted);
}

Status SnapshotBuilder::AddListedKey(std::uint64_t imei_key, std::uint32_t block_date,
                                     std::string_view reasons, bool blacklisted) {
  if (imei_key >= kImeiKeyLimit) {
    return InvalidInputError("IMEI key " + std::to_string(imei_key) + " is not 14 digits");
  }
  if (!IsBlockDate(block_date)) {
    return InvalidInputError("block date " + std::to_string(block_date) + " of IMEI " +
                             ImeiText(imei_key) + " is not YYYYMMDD");
  }
  if (reasons_index_.size() >= kBlacklistedBit) {
    return InvalidInputError("more than 2^31 distinct reasons texts");
  }
  const std::uint32_t reasons_index = InternReasons(reasons);
  rows_.push_back(Row{imei_key, block_date, reasons_index | (blacklisted ? kBlacklistedBit : 0)});
  return Status::Ok();
}

Status SnapshotBuilder::AddBlacklistedKey(std::uint64_t imei_key, std::uint32_t block_date,
                                          std::string_view reasons) {
  return AddListedKey(imei_key, block_date, reasons, /*blacklisted=*/true);
}

Status SnapshotBuilder::AddNotifiedKey(std::uint64_t imei_key, std::uint32_t block_date,
                                       std::string_view reasons) {
  return AddListedKey(imei_key, block_date, reasons, /*blacklisted=*/false);
}

Status SnapshotBuilder::AddExceptionPairKey(std::uint64_t imei_key, std::uint64_t imsi_key) {
  if (imei_key >= kImeiKeyLimit) {
    return InvalidInputError("IMEI key " + std::to_string(imei_key) + " is not 14 digits");
  }
  if (!IsImsiKey(imsi_key)) {
    return InvalidInputError("IMSI key " + std::to_string(imsi_key) + " is not 1-15 digits");
  }
  exception_pairs_.emplace_back(imei_key, imsi_key);
  return Status::Ok();
}

Status SnapshotBuilder::AddKnownImeiKey(std::uint64_t imei_key) {
  if (imei_key >= kImeiKeyLimit) {
    return InvalidInputError("IMEI key " + std::to_string(imei_key) + " is not 14 digits");
  }
  known_imeis_.push_back(imei_key);
  return Status::Ok();
}

void SnapshotBuilder::Reserve(std::size_t listed, std::size_t exception_pairs) {
  rows_.reserve(rows_.size() + listed);
  exception_pairs_.reserve(exception_pairs_.size() + exception_pairs);
}

void SnapshotBuilder::SortRows() {
  const auto by_key = [](const Row& a, const Row& b) { return a.imei_key < b.imei_key; };
  const auto descent = std::is_sorted_until(rows_.begin(), rows_.end(), by_key);
  if (descent == rows_.end()) return;
  // A bundle adds its blacklist, then its notification list: two sorted runs, merged in one
  // linear pass (stable: duplicates keep their order for Better). Anything else: radix sort.
  if (std::is_sorted(descent, rows_.end(), by_key)) {
    std::inplace_merge(rows_.begin(), descent, rows_.end(), by_key);
  } else {
    RadixSortByKey(rows_);
  }
}

Status SnapshotBuilder::AddBlacklisted(std::string_view imei, std::uint32_t block_date,
                                       std::string_view reasons) {
  return AddListed(imei, block_date, reasons, /*blacklisted=*/true);
}

Status SnapshotBuilder::AddNotified(std::string_view imei, std::uint32_t block_date,
                                    std::string_view reasons) {
  return AddListed(imei, block_date, reasons, /*blacklisted=*/false);
}

Status SnapshotBuilder::AddExceptionPair(std::string_view imei, std::string_view imsi) {
  const std::optional<std::uint64_t> imei_key = ImeiKeyOf(imei);
  if (!imei_key) return InvalidInputError("IMEI '" + std::string(imei) + "' is not 14-16 digits");
  const std::optional<std::uint64_t> imsi_key = ImsiKeyOf(imsi);
  if (!imsi_key) return InvalidInputError("IMSI '" + std::string(imsi) + "' is not 1-15 digits");
  return AddExceptionPairKey(*imei_key, *imsi_key);
}

void SnapshotBuilder::SetPolicies(const DecisionPolicies& policies) { policies_ = policies; }

Status SnapshotBuilder::AddAllocatedTac(std::string_view tac) {
  if (!identifiers::IsValidTac(tac)) {
    return InvalidInputError("TAC '" + std::string(tac) + "' is not 8 digits");
  }
  std::uint32_t value = 0;
  for (char c : tac) value = value * 10 + static_cast<std::uint32_t>(c - '0');
  allocated_tacs_.push_back(value);
  return Status::Ok();
}

Status SnapshotBuilder::AddKnownImei(std::string_view imei) {
  const std::optional<std::uint64_t> key = ImeiKeyOf(imei);
  if (!key) return InvalidInputError("IMEI '" + std::string(imei) + "' is not 14-16 digits");
  return AddKnownImeiKey(*key);
}

Result<std::shared_ptr<const DecisionSnapshot>> SnapshotBuilder::Build(
    std::uint64_t version, std::int64_t built_unix_seconds) && {
  if (policies_.unallocated_tac && allocated_tacs_.empty()) {
    return FailedPreconditionError("the unallocated-TAC policy is on but no TAC was added");
  }
  if (policies_.unknown_imei && known_imeis_.empty()) {
    return FailedPreconditionError("whitelist mode is on but no known IMEI was added");
  }
  auto snapshot = std::shared_ptr<DecisionSnapshot>(new DecisionSnapshot());
  snapshot->version_ = version;
  snapshot->built_unix_seconds_ = built_unix_seconds;
  snapshot->policies_ = policies_;

  SortRows();
  // Keep the best row of each IMEI, in place.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (kept > 0 && rows_[kept - 1].imei_key == rows_[i].imei_key) {
      if (Better(rows_[i], rows_[kept - 1])) rows_[kept - 1] = rows_[i];
    } else {
      rows_[kept++] = rows_[i];
    }
  }
  rows_.resize(kept);
  std::vector<std::uint64_t> keys(kept);
  snapshot->entries_.resize(kept);
  for (std::size_t i = 0; i < kept; ++i) {
    keys[i] = rows_[i].imei_key;
    snapshot->entries_[i] = {rows_[i].block_date, rows_[i].reasons_and_kind};
    if ((rows_[i].reasons_and_kind & kBlacklistedBit) != 0) {
      ++snapshot->blacklisted_count_;
    } else {
      ++snapshot->notified_count_;
    }
  }
  std::vector<Row>().swap(rows_);
  snapshot->listed_ = SortedKeys(std::move(keys));

  std::sort(exception_pairs_.begin(), exception_pairs_.end());
  exception_pairs_.erase(std::unique(exception_pairs_.begin(), exception_pairs_.end()),
                         exception_pairs_.end());
  snapshot->exception_pairs_.reserve(exception_pairs_.size());
  for (const auto& [imei_key, imsi_key] : exception_pairs_) {
    snapshot->exception_pairs_.push_back({imei_key, imsi_key});
  }
  std::sort(allocated_tacs_.begin(), allocated_tacs_.end());
  allocated_tacs_.erase(std::unique(allocated_tacs_.begin(), allocated_tacs_.end()),
                        allocated_tacs_.end());
  allocated_tacs_.shrink_to_fit();
  snapshot->allocated_tacs_ = std::move(allocated_tacs_);
  std::sort(known_imeis_.begin(), known_imeis_.end());
  known_imeis_.erase(std::unique(known_imeis_.begin(), known_imeis_.end()), known_imeis_.end());
  known_imeis_.shrink_to_fit();
  snapshot->known_imeis_ = SortedKeys(std::move(known_imeis_));
  reasons_text_.shrink_to_fit();
  snapshot->reasons_text_ = std::move(reasons_text_);
  snapshot->reasons_offsets_ = std::move(reasons_offsets_);
  return std::shared_ptr<const DecisionSnapshot>(std::move(snapshot));
}

}  // namespace openceir::eir
