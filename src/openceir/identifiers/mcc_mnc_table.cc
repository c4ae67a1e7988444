// MccMncTable: validation of the configured MCC-MNCs and IMSI resolution (see the header).
#include "openceir/identifiers/mcc_mnc_table.h"

#include <fmt/format.h>

#include <algorithm>

#include "openceir/identifiers/ascii.h"

namespace openceir::identifiers {

namespace {

// A 5-digit and a 6-digit MCC-MNC can have the same numeric value ("12345" and "012345"), so
// the digit count is part of the key.
std::uint32_t KeyOf(std::string_view digits) {
  std::uint32_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<std::uint32_t>(c - '0');
  return static_cast<std::uint32_t>(digits.size()) * 1'000'000U + value;
}

}  // namespace

Result<MccMncTable> MccMncTable::Create(const std::vector<OperatorMccMnc>& entries) {
  MccMncTable table;
  table.entries_.reserve(entries.size());
  for (const OperatorMccMnc& entry : entries) {
    if (entry.operator_id.empty()) {
      return InvalidInputError(
          fmt::format("MCC-MNC \"{}\" has an empty operator id", entry.mcc_mnc));
    }
    if ((entry.mcc_mnc.size() != 5 && entry.mcc_mnc.size() != 6) || !AllDigits(entry.mcc_mnc)) {
      return InvalidInputError(fmt::format(
          "MCC-MNC \"{}\" of operator \"{}\" must be 5 or 6 decimal digits (MCC of 3, MNC of 2 "
          "or 3)",
          entry.mcc_mnc, entry.operator_id));
    }
    table.entries_.push_back({KeyOf(entry.mcc_mnc), entry.operator_id, entry.mcc_mnc});
  }
  // Sorting by text puts a prefix right before the values it prefixes and duplicates next to
  // each other, so checking neighbours finds every clash.
  std::vector<const Entry*> by_text;
  by_text.reserve(table.entries_.size());
  for (const Entry& entry : table.entries_) by_text.push_back(&entry);
  std::stable_sort(by_text.begin(), by_text.end(),
                   [](const Entry* a, const Entry* b) { return a->mcc_mnc < b->mcc_mnc; });
  for (std::size_t i = 1; i < by_text.size(); ++i) {
    const Entry& a = *by_text[i - 1];
    const Entry& b = *by_text[i];
    if (a.mcc_mnc == b.mcc_mnc) {
      return InvalidInputError(
          a.operator_id == b.operator_id
              ? fmt::format("MCC-MNC \"{}\" is listed twice for operator \"{}\"", a.mcc_mnc,
                            a.operator_id)
              : fmt::format("MCC-MNC \"{}\" is configured for both operator \"{}\" and operator "
                            "\"{}\"",
                            a.mcc_mnc, a.operator_id, b.operator_id));
    }
    if (b.mcc_mnc.compare(0, a.mcc_mnc.size(), a.mcc_mnc) == 0) {
      return InvalidInputError(fmt::format(
          "MCC-MNC \"{}\" of operator \"{}\" is a prefix of MCC-MNC \"{}\" of operator \"{}\"",
          a.mcc_mnc, a.operator_id, b.mcc_mnc, b.operator_id));
    }
  }
  std::sort(table.entries_.begin(), table.entries_.end(),
            [](const Entry& a, const Entry& b) { return a.key < b.key; });
  return table;
}

std::optional<MccMncMatch> MccMncTable::Resolve(std::string_view imsi) const {
  for (std::size_t length : {std::size_t{6}, std::size_t{5}}) {
    if (imsi.size() < length || !AllDigits(imsi.substr(0, length))) continue;
    const std::uint32_t key = KeyOf(imsi.substr(0, length));
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                               [](const Entry& entry, std::uint32_t k) { return entry.key < k; });
    if (it != entries_.end() && it->key == key) {
      const std::string_view mcc_mnc = it->mcc_mnc;
      return MccMncMatch{it->operator_id, mcc_mnc.substr(0, 3), mcc_mnc.substr(3)};
    }
  }
  return std::nullopt;
}

}  // namespace openceir::identifiers
