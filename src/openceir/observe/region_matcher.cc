#include "openceir/observe/region_matcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "openceir/store/observation_types.h"

namespace openceir::observe {
namespace {

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t ValueOf(std::string_view digits) {
  std::size_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<std::size_t>(c - '0');
  return value;
}

}  // namespace

Result<RegionMatcher> RegionMatcher::Create(const config::Config& config,
                                            std::string_view operator_id) {
  RegionMatcher matcher;
  matcher.operator_id_ = std::string(operator_id);
  std::vector<identifiers::OperatorMccMnc> entries;
  bool found = false;
  for (const config::OperatorConfig& op : config.region.operators) {
    if (op.id == operator_id) found = true;
    for (const std::string& mcc_mnc : op.mcc_mncs) entries.push_back({op.id, mcc_mnc});
  }
  if (!found) {
    return InvalidInputError(
        fmt::format("operator '{}' is not configured (region.operators)", operator_id));
  }
  OPENCEIR_ASSIGN_OR_RETURN(matcher.table_, identifiers::MccMncTable::Create(entries));
  for (const std::string& mcc : config.region.mccs) {
    if (mcc.size() == 3 && AllDigits(mcc)) matcher.region_mcc_[ValueOf(mcc)] = true;
  }
  for (const std::string& cc : config.region.country_codes) {
    if (cc.empty() || cc.size() > 3 || !AllDigits(cc)) continue;
    std::size_t v = ValueOf(cc);
    if (cc.size() == 1) matcher.cc1_[v] = true;
    if (cc.size() == 2) matcher.cc2_[v] = true;
    if (cc.size() == 3) matcher.cc3_[v] = true;
  }
  return matcher;
}

ImsiFacts RegionMatcher::FactsOfImsi(std::string_view imsi) const {
  ImsiFacts facts;
  if (imsi.size() < 3) return facts;
  facts.in_region = region_mcc_[ValueOf(imsi.substr(0, 3))];
  std::optional<identifiers::MccMncMatch> match = table_.Resolve(imsi);
  if (match) {
    facts.imsi_class = store::kImsiLocalSubscriber;
    facts.home_network = match->operator_id == operator_id_;
  } else {
    facts.imsi_class = facts.in_region ? store::kImsiLocalNonMember : store::kImsiInboundRoamer;
  }
  return facts;
}

bool RegionMatcher::MsisdnInRegion(std::string_view msisdn) const {
  if (msisdn.size() >= 1 && cc1_[ValueOf(msisdn.substr(0, 1))]) return true;
  if (msisdn.size() >= 2 && cc2_[ValueOf(msisdn.substr(0, 2))]) return true;
  if (msisdn.size() >= 3 && cc3_[ValueOf(msisdn.substr(0, 3))]) return true;
  return false;
}

}  // namespace openceir::observe
