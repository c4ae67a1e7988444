// Canonical bundle content, its encoding, and deltas.
//
// State layout ("OCEIRST1"), every number an unsigned LEB128 varint:
//   reasons:    count, then each: length, bytes
//   blacklist:  count, then each: key - previous key, block_date, reasons index
//   notified:   the same
//   exceptions: count, then each: imei key - previous imei key, imsi key
//   "OCEIRST2" only: allocated TACs, then known IMEI keys, each: count, then each key - previous
// Delta layout ("OCEIRDL1"): reasons (its own table), then blacklist removed (keys delta-coded),
// blacklist upserted (as state rows), notified removed, notified upserted, exceptions removed,
// exceptions added (as state rows); "OCEIRDL2" adds allocated TACs removed and added, then known
// IMEIs removed and added (keys delta-coded).
// Content without policy data is written in the version-1 forms, so bundles that carry none keep
// their bytes.
#include "openceir/bundle/bundle_content.h"

#include <algorithm>
#include <map>

namespace openceir::bundle {

namespace {

constexpr std::string_view kStateMagic = "OCEIRST1";
constexpr std::string_view kStateMagic2 = "OCEIRST2";
constexpr std::string_view kDeltaMagic = "OCEIRDL1";
constexpr std::string_view kDeltaMagic2 = "OCEIRDL2";

void PutVarint(std::uint64_t value, std::string& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// Reads varints and strings from encoded bytes, remembering the first error.
class Reader {
 public:
  Reader(std::string_view bytes, std::string_view what) : bytes_(bytes), what_(what) {}

  bool Magic(std::string_view magic) {
    if (bytes_.substr(0, magic.size()) != magic) return Fail("does not start with its magic");
    pos_ = magic.size();
    return true;
  }
  // Version 1 or 2 of a magic (same length); *version2 tells which.
  bool Magic(std::string_view magic1, std::string_view magic2, bool* version2) {
    *version2 = bytes_.substr(0, magic2.size()) == magic2;
    return Magic(*version2 ? magic2 : magic1);
  }
  bool Varint(std::uint64_t* value) {
    *value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) return Fail("ends inside a number");
      const auto byte = static_cast<std::uint8_t>(bytes_[pos_++]);
      *value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return Fail("has a number longer than 64 bits");
  }
  bool Varint32(std::uint32_t* value) {
    std::uint64_t wide = 0;
    if (!Varint(&wide)) return false;
    if (wide > 0xFFFFFFFFu) return Fail("has a 32-bit field out of range");
    *value = static_cast<std::uint32_t>(wide);
    return true;
  }
  // A count that cannot exceed the bytes left (each item takes at least one byte).
  bool Count(std::uint64_t* count) {
    if (!Varint(count)) return false;
    if (*count > bytes_.size() - pos_) return Fail("has a count larger than its size allows");
    return true;
  }
  bool String(std::string* text) {
    std::uint64_t length = 0;
    if (!Varint(&length)) return false;
    if (length > bytes_.size() - pos_) return Fail("ends inside a text");
    text->assign(bytes_.substr(pos_, length));
    pos_ += length;
    return true;
  }
  bool AtEnd() { return pos_ == bytes_.size() || Fail("has bytes after its end"); }
  bool Fail(std::string_view problem) {
    if (error_.empty()) {
      error_ = std::string(what_) + " " + std::string(problem) + " (at byte " +
               std::to_string(pos_) + " of " + std::to_string(bytes_.size()) + ")";
    }
    return false;
  }
  Status status() const { return error_.empty() ? Status::Ok() : InvalidInputError(error_); }

 private:
  std::string_view bytes_;
  std::string_view what_;
  std::size_t pos_ = 0;
  std::string error_;
};

void PutReasons(const std::vector<std::string>& reasons, std::string& out) {
  PutVarint(reasons.size(), out);
  for (const std::string& text : reasons) {
    PutVarint(text.size(), out);
    out.append(text);
  }
}

bool GetReasons(Reader& in, std::vector<std::string>* reasons) {
  std::uint64_t count = 0;
  if (!in.Count(&count)) return false;
  reasons->resize(count);
  for (std::string& text : *reasons) {
    if (!in.String(&text)) return false;
  }
  return true;
}

void PutListed(const std::vector<ListedImei>& rows, std::string& out) {
  PutVarint(rows.size(), out);
  std::uint64_t previous = 0;
  for (const ListedImei& row : rows) {
    PutVarint(row.imei_key - previous, out);
    PutVarint(row.block_date, out);
    PutVarint(row.reasons, out);
    previous = row.imei_key;
  }
}

bool GetListed(Reader& in, std::size_t reasons_count, std::vector<ListedImei>* rows) {
  std::uint64_t count = 0;
  if (!in.Count(&count)) return false;
  rows->resize(count);
  std::uint64_t previous = 0;
  for (std::size_t i = 0; i < count; ++i) {
    ListedImei& row = (*rows)[i];
    std::uint64_t step = 0;
    if (!in.Varint(&step) || !in.Varint32(&row.block_date) || !in.Varint32(&row.reasons)) {
      return false;
    }
    if (i > 0 && step == 0) return in.Fail("repeats an IMEI");
    row.imei_key = previous + step;
    previous = row.imei_key;
    if (row.reasons >= reasons_count) return in.Fail("names a reasons text it does not hold");
  }
  return true;
}

void PutKeys(const std::vector<std::uint64_t>& keys, std::string& out) {
  PutVarint(keys.size(), out);
  std::uint64_t previous = 0;
  for (std::uint64_t key : keys) {
    PutVarint(key - previous, out);
    previous = key;
  }
}

bool GetKeys(Reader& in, std::vector<std::uint64_t>* keys) {
  std::uint64_t count = 0;
  if (!in.Count(&count)) return false;
  keys->resize(count);
  std::uint64_t previous = 0;
  for (std::uint64_t& key : *keys) {
    std::uint64_t step = 0;
    if (!in.Varint(&step)) return false;
    key = previous + step;
    previous = key;
  }
  return true;
}

void PutExceptions(const std::vector<ExceptionKey>& pairs, std::string& out) {
  PutVarint(pairs.size(), out);
  std::uint64_t previous = 0;
  for (const ExceptionKey& pair : pairs) {
    PutVarint(pair.imei_key - previous, out);
    PutVarint(pair.imsi_key, out);
    previous = pair.imei_key;
  }
}

bool GetExceptions(Reader& in, std::vector<ExceptionKey>* pairs) {
  std::uint64_t count = 0;
  if (!in.Count(&count)) return false;
  pairs->resize(count);
  std::uint64_t previous = 0;
  for (ExceptionKey& pair : *pairs) {
    std::uint64_t step = 0;
    if (!in.Varint(&step) || !in.Varint(&pair.imsi_key)) return false;
    pair.imei_key = previous + step;
    previous = pair.imei_key;
  }
  return std::is_sorted(pairs->begin(), pairs->end()) || in.Fail("has unsorted exception pairs");
}

// Keys strictly increasing (policy data sets).
bool GetKeySet(Reader& in, std::vector<std::uint64_t>* keys) {
  std::uint64_t count = 0;
  if (!in.Count(&count)) return false;
  keys->resize(count);
  std::uint64_t previous = 0;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint64_t step = 0;
    if (!in.Varint(&step)) return false;
    if (i > 0 && step == 0) return in.Fail("repeats a policy data key");
    (*keys)[i] = previous + step;
    previous = (*keys)[i];
  }
  return true;
}

bool GetTacs(Reader& in, std::vector<std::uint32_t>* tacs) {
  std::vector<std::uint64_t> keys;
  if (!GetKeySet(in, &keys)) return false;
  if (!keys.empty() && keys.back() > 99'999'999) return in.Fail("has a TAC over 8 digits");
  tacs->assign(keys.begin(), keys.end());
  return true;
}

void PutTacs(const std::vector<std::uint32_t>& tacs, std::string& out) {
  PutKeys(std::vector<std::uint64_t>(tacs.begin(), tacs.end()), out);
}

bool HasPolicyData(const BundleContent& content) {
  return !content.allocated_tacs.empty() || !content.known_imeis.empty();
}

template <typename T>
void SortUniqueKeys(std::vector<T>& keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

// Sorts rows and keeps one an IMEI: the earliest block date (ties: the smaller reasons index).
void SortUnique(std::vector<ListedImei>& rows) {
  std::sort(rows.begin(), rows.end(), [](const ListedImei& a, const ListedImei& b) {
    return std::tie(a.imei_key, a.block_date, a.reasons) <
           std::tie(b.imei_key, b.block_date, b.reasons);
  });
  rows.erase(std::unique(
                 rows.begin(), rows.end(),
                 [](const ListedImei& a, const ListedImei& b) { return a.imei_key == b.imei_key; }),
             rows.end());
}

// Makes `rows` (reasons indexing `from`) index the canonical table: the sorted distinct texts
// all the rows use.
void Canonicalize(const std::vector<std::string>& from, std::vector<ListedImei>& blacklist,
                  std::vector<ListedImei>& notified, std::vector<std::string>* reasons) {
  std::vector<bool> used(from.size(), false);
  for (const auto* rows : {&blacklist, &notified}) {
    for (const ListedImei& row : *rows) used[row.reasons] = true;
  }
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < from.size(); ++i) {
    if (used[i]) order.push_back(i);
  }
  std::sort(order.begin(), order.end(),
            [&from](std::uint32_t a, std::uint32_t b) { return from[a] < from[b]; });
  std::vector<std::uint32_t> remap(from.size(), 0);
  reasons->clear();
  for (std::uint32_t index : order) {
    if (reasons->empty() || reasons->back() != from[index]) reasons->push_back(from[index]);
    remap[index] = static_cast<std::uint32_t>(reasons->size() - 1);
  }
  for (auto* rows : {&blacklist, &notified}) {
    for (ListedImei& row : *rows) row.reasons = remap[row.reasons];
  }
}

}  // namespace

std::uint32_t ContentBuilder::Intern(std::string_view reasons) {
  for (std::uint32_t index : recent_) {
    if (reasons_[index] == reasons) return index;
  }
  // Indices may repeat a text here; Finish() merges them.
  reasons_.emplace_back(reasons);
  const auto index = static_cast<std::uint32_t>(reasons_.size() - 1);
  if (recent_.size() >= 8) recent_.erase(recent_.begin());
  recent_.push_back(index);
  return index;
}

void ContentBuilder::AddBlacklisted(std::uint64_t imei_key, std::uint32_t block_date,
                                    std::string_view reasons) {
  blacklist_.push_back({imei_key, block_date, Intern(reasons)});
}

void ContentBuilder::AddNotified(std::uint64_t imei_key, std::uint32_t block_date,
                                 std::string_view reasons) {
  notified_.push_back({imei_key, block_date, Intern(reasons)});
}

void ContentBuilder::AddException(std::uint64_t imei_key, std::uint64_t imsi_key) {
  exceptions_.push_back({imei_key, imsi_key});
}

void ContentBuilder::AddAllocatedTac(std::uint32_t tac) { allocated_tacs_.push_back(tac); }

void ContentBuilder::AddKnownImei(std::uint64_t imei_key) { known_imeis_.push_back(imei_key); }

BundleContent ContentBuilder::Finish() && {
  BundleContent content;
  // Reasons first become canonical so that "earliest date, then smaller index" is a rule on
  // texts, not on arrival order.
  Canonicalize(reasons_, blacklist_, notified_, &content.reasons);
  SortUnique(blacklist_);
  SortUnique(notified_);
  // Drop notified IMEIs that are blacklisted.
  std::vector<ListedImei> notified;
  notified.reserve(notified_.size());
  std::size_t b = 0;
  for (const ListedImei& row : notified_) {
    while (b < blacklist_.size() && blacklist_[b].imei_key < row.imei_key) ++b;
    if (b < blacklist_.size() && blacklist_[b].imei_key == row.imei_key) continue;
    notified.push_back(row);
  }
  content.blacklist = std::move(blacklist_);
  content.notified = std::move(notified);
  // Dropping rows may have left a reasons text unused.
  std::vector<std::string> reasons = std::move(content.reasons);
  Canonicalize(reasons, content.blacklist, content.notified, &content.reasons);
  std::sort(exceptions_.begin(), exceptions_.end());
  exceptions_.erase(std::unique(exceptions_.begin(), exceptions_.end()), exceptions_.end());
  content.exceptions = std::move(exceptions_);
  SortUniqueKeys(allocated_tacs_);
  SortUniqueKeys(known_imeis_);
  content.allocated_tacs = std::move(allocated_tacs_);
  content.known_imeis = std::move(known_imeis_);
  return content;
}

std::string EncodeState(const BundleContent& content) {
  const bool policy_data = HasPolicyData(content);
  std::string out(policy_data ? kStateMagic2 : kStateMagic);
  out.reserve(16 + content.blacklist.size() * 10 + content.notified.size() * 10 +
              content.exceptions.size() * 12 + content.allocated_tacs.size() * 3 +
              content.known_imeis.size() * 4);
  PutReasons(content.reasons, out);
  PutListed(content.blacklist, out);
  PutListed(content.notified, out);
  PutExceptions(content.exceptions, out);
  if (policy_data) {
    PutTacs(content.allocated_tacs, out);
    PutKeys(content.known_imeis, out);
  }
  return out;
}

Result<BundleContent> DecodeState(std::string_view bytes) {
  Reader in(bytes, "the list state");
  BundleContent content;
  bool version2 = false;
  if (in.Magic(kStateMagic, kStateMagic2, &version2) && GetReasons(in, &content.reasons) &&
      GetListed(in, content.reasons.size(), &content.blacklist) &&
      GetListed(in, content.reasons.size(), &content.notified) &&
      GetExceptions(in, &content.exceptions) &&
      (!version2 ||
       (GetTacs(in, &content.allocated_tacs) && GetKeySet(in, &content.known_imeis))) &&
      in.AtEnd()) {
    return content;
  }
  return in.status();
}

Status AddToSnapshot(const BundleContent& content, eir::SnapshotBuilder& builder) {
  // Rows are packed keys already, the blacklist and the notification list each sorted: the
  // builder takes them as keys and merges the two runs instead of sorting.
  builder.Reserve(content.blacklist.size() + content.notified.size(), content.exceptions.size());
  for (const ListedImei& row : content.blacklist) {
    OPENCEIR_RETURN_IF_ERROR(
        builder.AddBlacklistedKey(row.imei_key, row.block_date, content.reasons[row.reasons]));
  }
  for (const ListedImei& row : content.notified) {
    OPENCEIR_RETURN_IF_ERROR(
        builder.AddNotifiedKey(row.imei_key, row.block_date, content.reasons[row.reasons]));
  }
  for (const ExceptionKey& pair : content.exceptions) {
    OPENCEIR_RETURN_IF_ERROR(builder.AddExceptionPairKey(pair.imei_key, pair.imsi_key));
  }
  char tac[9] = {};
  for (std::uint32_t value : content.allocated_tacs) {
    for (std::size_t i = 8; i-- > 0; value /= 10) tac[i] = static_cast<char>('0' + value % 10);
    OPENCEIR_RETURN_IF_ERROR(builder.AddAllocatedTac(std::string_view(tac, 8)));
  }
  for (std::uint64_t key : content.known_imeis) {
    OPENCEIR_RETURN_IF_ERROR(builder.AddKnownImeiKey(key));
  }
  return Status::Ok();
}

namespace {

// Two-way merge of one list: removed keys, upserted rows (reasons as texts of `delta_reasons`).
void DiffListed(const BundleContent& base, const std::vector<ListedImei>& from,
                const BundleContent& next, const std::vector<ListedImei>& to,
                std::map<std::string, std::uint32_t>& delta_reasons,
                std::vector<std::uint64_t>* removed, std::vector<ListedImei>* upserted,
                std::int64_t* added_count, std::int64_t* changed_count,
                std::int64_t* removed_count) {
  const auto upsert = [&](const ListedImei& row) {
    const std::string& text = next.reasons[row.reasons];
    auto [it, added] =
        delta_reasons.try_emplace(text, static_cast<std::uint32_t>(delta_reasons.size()));
    upserted->push_back({row.imei_key, row.block_date, it->second});
  };
  std::size_t i = 0, j = 0;
  while (i < from.size() || j < to.size()) {
    if (j == to.size() || (i < from.size() && from[i].imei_key < to[j].imei_key)) {
      removed->push_back(from[i++].imei_key);
      ++*removed_count;
    } else if (i == from.size() || to[j].imei_key < from[i].imei_key) {
      upsert(to[j++]);
      ++*added_count;
    } else {
      if (from[i].block_date != to[j].block_date ||
          base.reasons[from[i].reasons] != next.reasons[to[j].reasons]) {
        upsert(to[j]);
        ++*changed_count;
      }
      ++i;
      ++j;
    }
  }
}

void DiffKeySet(const std::vector<std::uint64_t>& base, const std::vector<std::uint64_t>& next,
                std::vector<std::uint64_t>* removed, std::vector<std::uint64_t>* added) {
  std::set_difference(base.begin(), base.end(), next.begin(), next.end(),
                      std::back_inserter(*removed));
  std::set_difference(next.begin(), next.end(), base.begin(), base.end(),
                      std::back_inserter(*added));
}

}  // namespace

ContentDelta Diff(const BundleContent& base, const BundleContent& next, DeltaCounts* counts) {
  ContentDelta delta;
  DeltaCounts local;
  DeltaCounts& c = counts != nullptr ? *counts : local;
  std::map<std::string, std::uint32_t> reasons;
  DiffListed(base, base.blacklist, next, next.blacklist, reasons, &delta.blacklist_removed,
             &delta.blacklist_upserted, &c.blacklist_added, &c.blacklist_changed,
             &c.blacklist_removed);
  DiffListed(base, base.notified, next, next.notified, reasons, &delta.notified_removed,
             &delta.notified_upserted, &c.notified_added, &c.notified_changed, &c.notified_removed);
  delta.reasons.resize(reasons.size());
  for (const auto& [text, index] : reasons) delta.reasons[index] = text;
  std::set_difference(base.exceptions.begin(), base.exceptions.end(), next.exceptions.begin(),
                      next.exceptions.end(), std::back_inserter(delta.exceptions_removed));
  std::set_difference(next.exceptions.begin(), next.exceptions.end(), base.exceptions.begin(),
                      base.exceptions.end(), std::back_inserter(delta.exceptions_added));
  c.exceptions_added = static_cast<std::int64_t>(delta.exceptions_added.size());
  c.exceptions_removed = static_cast<std::int64_t>(delta.exceptions_removed.size());
  const std::vector<std::uint64_t> base_tacs(base.allocated_tacs.begin(),
                                             base.allocated_tacs.end());
  const std::vector<std::uint64_t> next_tacs(next.allocated_tacs.begin(),
                                             next.allocated_tacs.end());
  DiffKeySet(base_tacs, next_tacs, &delta.allocated_tacs_removed, &delta.allocated_tacs_added);
  DiffKeySet(base.known_imeis, next.known_imeis, &delta.known_imeis_removed,
             &delta.known_imeis_added);
  return delta;
}

namespace {

// Applies removes and upserts to one list. Row reasons index `combined` (base's texts first,
// then the delta's at `delta_offset`).
Status ApplyListed(std::string_view list, const std::vector<ListedImei>& from,
                   const std::vector<std::uint64_t>& removed,
                   const std::vector<ListedImei>& upserted, std::uint32_t delta_offset,
                   std::vector<ListedImei>* out) {
  out->reserve(from.size() + upserted.size());
  std::size_t i = 0, r = 0, u = 0;
  while (i < from.size() || u < upserted.size()) {
    const std::uint64_t next_key =
        std::min(i < from.size() ? from[i].imei_key : ~std::uint64_t{0},
                 u < upserted.size() ? upserted[u].imei_key : ~std::uint64_t{0});
    const bool in_base = i < from.size() && from[i].imei_key == next_key;
    const bool is_removed = r < removed.size() && removed[r] == next_key;
    if (r < removed.size() && removed[r] < next_key) {
      return InvalidInputError("the delta removes IMEI key " + std::to_string(removed[r]) +
                               " which is not on the base " + std::string(list));
    }
    if (is_removed) {
      if (!in_base) {
        return InvalidInputError("the delta removes an IMEI not on the base " + std::string(list));
      }
      ++r;
    }
    if (u < upserted.size() && upserted[u].imei_key == next_key) {
      ListedImei row = upserted[u++];
      row.reasons += delta_offset;
      out->push_back(row);
    } else if (in_base && !is_removed) {
      out->push_back(from[i]);
    }
    if (in_base) ++i;
  }
  if (r < removed.size()) {
    return InvalidInputError("the delta removes IMEI key " + std::to_string(removed[r]) +
                             " which is not on the base " + std::string(list));
  }
  return Status::Ok();
}

// base - removed + added; kInvalidInput when a removed key is not in base or an added one is.
Status ApplyKeySet(std::string_view what, const std::vector<std::uint64_t>& base,
                   const std::vector<std::uint64_t>& removed,
                   const std::vector<std::uint64_t>& added, std::vector<std::uint64_t>* out) {
  std::vector<std::uint64_t> kept;
  std::set_difference(base.begin(), base.end(), removed.begin(), removed.end(),
                      std::back_inserter(kept));
  if (kept.size() + removed.size() != base.size()) {
    return InvalidInputError("the delta removes " + std::string(what) + " not in the base");
  }
  std::set_union(kept.begin(), kept.end(), added.begin(), added.end(), std::back_inserter(*out));
  if (out->size() != kept.size() + added.size()) {
    return InvalidInputError("the delta adds " + std::string(what) + " already in the base");
  }
  return Status::Ok();
}

}  // namespace

Result<BundleContent> ApplyDelta(const BundleContent& base, const ContentDelta& delta) {
  std::vector<std::string> combined = base.reasons;
  const auto offset = static_cast<std::uint32_t>(combined.size());
  combined.insert(combined.end(), delta.reasons.begin(), delta.reasons.end());
  for (const auto* rows : {&delta.blacklist_upserted, &delta.notified_upserted}) {
    for (const ListedImei& row : *rows) {
      if (row.reasons >= delta.reasons.size()) {
        return InvalidInputError("the delta names a reasons text it does not hold");
      }
    }
  }
  BundleContent next;
  OPENCEIR_RETURN_IF_ERROR(ApplyListed("blacklist", base.blacklist, delta.blacklist_removed,
                                       delta.blacklist_upserted, offset, &next.blacklist));
  OPENCEIR_RETURN_IF_ERROR(ApplyListed("notification list", base.notified, delta.notified_removed,
                                       delta.notified_upserted, offset, &next.notified));
  Canonicalize(combined, next.blacklist, next.notified, &next.reasons);
  std::vector<ExceptionKey> kept;
  std::set_difference(base.exceptions.begin(), base.exceptions.end(),
                      delta.exceptions_removed.begin(), delta.exceptions_removed.end(),
                      std::back_inserter(kept));
  if (kept.size() + delta.exceptions_removed.size() != base.exceptions.size()) {
    return InvalidInputError("the delta removes an exception pair not in the base");
  }
  std::set_union(kept.begin(), kept.end(), delta.exceptions_added.begin(),
                 delta.exceptions_added.end(), std::back_inserter(next.exceptions));
  std::vector<std::uint64_t> tacs;
  OPENCEIR_RETURN_IF_ERROR(ApplyKeySet(
      "an allocated TAC",
      std::vector<std::uint64_t>(base.allocated_tacs.begin(), base.allocated_tacs.end()),
      delta.allocated_tacs_removed, delta.allocated_tacs_added, &tacs));
  if (!tacs.empty() && tacs.back() > 99'999'999) {
    return InvalidInputError("the delta adds a TAC over 8 digits");
  }
  next.allocated_tacs.assign(tacs.begin(), tacs.end());
  OPENCEIR_RETURN_IF_ERROR(ApplyKeySet("a known IMEI", base.known_imeis, delta.known_imeis_removed,
                                       delta.known_imeis_added, &next.known_imeis));
  return next;
}

std::string EncodeDelta(const ContentDelta& delta) {
  const bool policy_data = !delta.allocated_tacs_removed.empty() ||
                           !delta.allocated_tacs_added.empty() ||
                           !delta.known_imeis_removed.empty() || !delta.known_imeis_added.empty();
  std::string out(policy_data ? kDeltaMagic2 : kDeltaMagic);
  PutReasons(delta.reasons, out);
  PutKeys(delta.blacklist_removed, out);
  PutListed(delta.blacklist_upserted, out);
  PutKeys(delta.notified_removed, out);
  PutListed(delta.notified_upserted, out);
  PutExceptions(delta.exceptions_removed, out);
  PutExceptions(delta.exceptions_added, out);
  if (policy_data) {
    PutKeys(delta.allocated_tacs_removed, out);
    PutKeys(delta.allocated_tacs_added, out);
    PutKeys(delta.known_imeis_removed, out);
    PutKeys(delta.known_imeis_added, out);
  }
  return out;
}

Result<ContentDelta> DecodeDelta(std::string_view bytes) {
  Reader in(bytes, "the delta");
  ContentDelta delta;
  bool version2 = false;
  if (in.Magic(kDeltaMagic, kDeltaMagic2, &version2) && GetReasons(in, &delta.reasons) &&
      GetKeys(in, &delta.blacklist_removed) &&
      GetListed(in, delta.reasons.size(), &delta.blacklist_upserted) &&
      GetKeys(in, &delta.notified_removed) &&
      GetListed(in, delta.reasons.size(), &delta.notified_upserted) &&
      GetExceptions(in, &delta.exceptions_removed) && GetExceptions(in, &delta.exceptions_added) &&
      (!version2 ||
       (GetKeySet(in, &delta.allocated_tacs_removed) &&
        GetKeySet(in, &delta.allocated_tacs_added) && GetKeySet(in, &delta.known_imeis_removed) &&
        GetKeySet(in, &delta.known_imeis_added))) &&
      in.AtEnd()) {
    return delta;
  }
  return in.status();
}

}  // namespace openceir::bundle
