// The `region` section: country, MCCs and operators with their MCC-MNC pairs.
#include <fmt/format.h>

#include <map>
#include <set>

#include "openceir/config/config_sections.h"
#include "openceir/config/scalar_text.h"

namespace openceir::config::internal {
namespace {

// One MCC-MNC pair as read, with where it came from (for clash messages).
struct PairSeen {
  std::string mcc_mnc;
  std::string operator_id;
  std::string path;
  YAML::Node node;
};

bool IsOperatorId(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// One item of a digit-string list as written.
struct DigitItem {
  std::string value;
  std::size_t index = 0;  // position in the YAML sequence
  YAML::Node node;
};

// Reads a sequence of digit strings of min..max digits; reports bad and repeated items, and an
// empty list.
std::vector<DigitItem> DigitList(MapReader& map, std::string_view key, std::size_t min_digits,
                                 std::size_t max_digits, std::string_view what) {
  std::vector<DigitItem> values;
  const YAML::Node* node = map.Find(key);
  if (node == nullptr) return values;
  const std::string path = map.PathOf(key);
  const std::vector<YAML::Node> items = SequenceItems(map.sink(), *node, path);
  if (items.empty() && (node->IsNull() || node->IsSequence())) {
    map.Problem(key, fmt::format("must list at least one {}", what.substr(what.find(' ') + 1)));
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string value;
    if (!ReadString(map.sink(), items[i], IndexPath(path, i), &value)) continue;
    if (!IsDigits(value, min_digits, max_digits)) {
      map.sink().Add(items[i], IndexPath(path, i), fmt::format("\"{}\" is not {}", value, what));
      continue;
    }
    if (!seen.insert(value).second) {
      map.sink().Add(items[i], IndexPath(path, i), fmt::format("\"{}\" is listed twice", value));
      continue;
    }
    values.push_back({value, i, items[i]});
  }
  return values;
}

std::vector<std::string> Values(const std::vector<DigitItem>& items) {
  std::vector<std::string> values;
  for (const DigitItem& item : items) values.push_back(item.value);
  return values;
}

void ParseOperator(ProblemSink& sink, const YAML::Node& node, const std::string& path,
                   const RegionConfig& region, OperatorConfig* op, std::vector<PairSeen>* pairs) {
  if (node.IsNull()) {
    sink.Add(node, path, "must be a mapping with id, name and mcc_mncs");
    return;
  }
  MapReader map(sink, node, path, {"id", "name", "mcc_mncs"});
  if (!node.IsMap()) return;
  if (map.Require("id") != nullptr && map.String("id", &op->id) && !IsOperatorId(op->id)) {
    map.Problem("id", fmt::format("\"{}\" is not an operator id (1-32 of a-z, 0-9, _)", op->id));
  }
  if (map.Require("name") != nullptr) map.NonEmptyString("name", &op->name);
  if (map.Require("mcc_mncs") == nullptr) return;
  const std::vector<DigitItem> items =
      DigitList(map, "mcc_mncs", 5, 6, "an MCC-MNC (5 or 6 digits)");
  op->mcc_mncs = Values(items);
  for (const DigitItem& item : items) {
    const std::string item_path = IndexPath(map.PathOf("mcc_mncs"), item.index);
    const std::string mcc = item.value.substr(0, 3);
    bool mcc_known = false;
    for (const std::string& m : region.mccs) mcc_known = mcc_known || m == mcc;
    if (!mcc_known) {
      sink.Add(item.node, item_path,
               fmt::format("MCC \"{}\" of \"{}\" is not in region.mccs", mcc, item.value));
    }
    pairs->push_back({item.value, op->id, item_path, item.node});
  }
}

// Two operators (or one) claiming the same pair, or one pair a prefix of another, would make
// the operator of an IMSI ambiguous. Each pair is reported once, against the first earlier pair
// it clashes with; O(n log n) so that alias-repeated lists stay cheap.
void CheckPairClashes(ProblemSink& sink, const std::vector<PairSeen>& pairs) {
  std::map<std::string, std::size_t> earlier;  // pair -> index in `pairs` of its first use
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const PairSeen& b = pairs[i];
    const PairSeen* clash = nullptr;
    auto it = earlier.lower_bound(b.mcc_mnc);  // b itself, or the first pair b is a prefix of
    if (it != earlier.end() && it->first.compare(0, b.mcc_mnc.size(), b.mcc_mnc) == 0) {
      clash = &pairs[it->second];
    }
    for (std::size_t len = 1; clash == nullptr && len < b.mcc_mnc.size(); ++len) {
      auto shorter = earlier.find(b.mcc_mnc.substr(0, len));  // an earlier pair prefixing b
      if (shorter != earlier.end()) clash = &pairs[shorter->second];
    }
    if (clash == nullptr) {
      earlier.emplace(b.mcc_mnc, i);
    } else if (clash->mcc_mnc == b.mcc_mnc) {
      sink.Add(b.node, b.path,
               fmt::format("\"{}\" is also given for operator \"{}\" at {}", b.mcc_mnc,
                           clash->operator_id, clash->path));
    } else {
      sink.Add(b.node, b.path,
               fmt::format("\"{}\" and \"{}\" (operator \"{}\" at {}) are prefixes of each "
                           "other, so an IMSI could match both",
                           b.mcc_mnc, clash->mcc_mnc, clash->operator_id, clash->path));
    }
  }
}

}  // namespace

void ParseRegion(ProblemSink& sink, const YAML::Node& node, RegionConfig* region) {
  MapReader map(sink, node, "region",
                {"name", "country_codes", "mccs", "operators", "exempted_device_types",
                 "msisdn_min_digits", "msisdn_max_digits"});
  if (map.Require("name") != nullptr) map.NonEmptyString("name", &region->name);
  if (map.Require("country_codes") != nullptr) {
    region->country_codes =
        Values(DigitList(map, "country_codes", 1, 3, "a country code (1-3 digits, no '+')"));
  }
  if (map.Require("mccs") != nullptr) {
    region->mccs = Values(DigitList(map, "mccs", 3, 3, "an MCC (3 digits)"));
  }
  map.IntAtLeast("msisdn_min_digits", 1, &region->msisdn_min_digits);
  map.IntAtLeast("msisdn_max_digits", 1, &region->msisdn_max_digits);
  if (region->msisdn_max_digits > 15) {
    map.Problem("msisdn_max_digits", "must be at most 15 (E.164)");
  } else if (region->msisdn_min_digits > region->msisdn_max_digits) {
    map.Problem("msisdn_min_digits",
                fmt::format("must not exceed msisdn_max_digits ({} > {})",
                            region->msisdn_min_digits, region->msisdn_max_digits));
  }
  if (const YAML::Node* types = map.Find("exempted_device_types")) {
    const std::string path = map.PathOf("exempted_device_types");
    const std::vector<YAML::Node> items = SequenceItems(sink, *types, path);
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::string type;
      if (ReadString(sink, items[i], IndexPath(path, i), &type)) {
        region->exempted_device_types.push_back(type);
      }
    }
  }
  const YAML::Node* operators = map.Require("operators");
  if (operators == nullptr) return;
  const std::string path = map.PathOf("operators");
  const std::vector<YAML::Node> items = SequenceItems(sink, *operators, path);
  if (items.empty() && (operators->IsNull() || operators->IsSequence())) {
    map.Problem("operators", "must list at least one operator");
  }
  std::vector<PairSeen> pairs;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    OperatorConfig op;
    const std::string op_path = IndexPath(path, i);
    ParseOperator(sink, items[i], op_path, *region, &op, &pairs);
    if (!op.id.empty() && !ids.insert(op.id).second) {
      sink.Add(items[i], JoinPath(op_path, "id"),
               fmt::format("operator id \"{}\" is used twice", op.id));
    }
    region->operators.push_back(std::move(op));
  }
  CheckPairClashes(sink, pairs);
}

}  // namespace openceir::config::internal
