// Category names, default shares and the validation of a SimulationSpec.
#include "openceir/simulate/simulation_spec.h"

#include <fmt/format.h>

namespace openceir::simulate {
namespace {

constexpr std::array<std::string_view, kCategoryCount> kCategoryNames = {
    "genuine",     "dual_sim",       "family_shared", "device_swap", "cloned",
    "counterfeit", "malformed",      "rat_2g_on_lte", "stolen",      "stolen_recovered",
    "test_tac",    "inbound_roamer", "sim_box",       "unregistered"};

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

}  // namespace

std::string_view CategoryName(Category category) {
  return kCategoryNames[static_cast<std::size_t>(category)];
}

std::optional<Category> CategoryFromName(std::string_view name) {
  for (std::size_t i = 0; i < kCategoryCount; ++i) {
    if (kCategoryNames[i] == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

CategoryShares DefaultCategoryShares() {
  // Shares of IMEIs. Each detector's share stays far below the 10 % safety cap of the shipped
  // conditions (max_allowed_matching_ratio), so a demo classification is never aborted.
  CategoryShares shares{};
  auto set = [&shares](Category category, double share) {
    shares[static_cast<std::size_t>(category)] = share;
  };
  set(Category::kDualSim, 0.04);
  set(Category::kFamilyShared, 0.03);
  set(Category::kDeviceSwap, 0.04);
  set(Category::kCloned, 0.006);
  set(Category::kCounterfeit, 0.02);
  set(Category::kMalformed, 0.005);
  set(Category::kRat2gOnLte, 0.01);
  set(Category::kStolen, 0.01);
  set(Category::kStolenRecovered, 0.005);
  set(Category::kTestTac, 0.003);
  set(Category::kInboundRoamer, 0.03);
  set(Category::kSimBox, 0.002);
  set(Category::kUnregistered, 0.06);
  double others = 0;
  for (double share : shares) others += share;
  set(Category::kGenuine, 1.0 - others);
  return shares;
}

SimulationSpec SpecForRegion(const config::RegionConfig& region) {
  SimulationSpec spec;
  spec.region_name = region.name;
  if (!region.country_codes.empty()) spec.country_code = region.country_codes.front();
  spec.operators = region.operators;
  return spec;
}

Status ValidateSpec(const SimulationSpec& spec) {
  if (spec.subscribers < 1 || spec.subscribers > 50'000'000) {
    return InvalidInputError(
        fmt::format("subscribers: {} is outside 1..50000000", spec.subscribers));
  }
  if (spec.days < 1 || spec.days > 366) {
    return InvalidInputError(fmt::format("days: {} is outside 1..366", spec.days));
  }
  double others = 0;
  for (std::size_t i = 1; i < kCategoryCount; ++i) {
    const double share = spec.shares[i];
    if (!(share >= 0 && share <= 1)) {
      return InvalidInputError(
          fmt::format("share of {}: {} is outside 0..1", kCategoryNames[i], share));
    }
    others += share;
  }
  if (others > 1.0 + 1e-9) {
    return InvalidInputError(fmt::format(
        "shares: the categories other than genuine add up to {} (more than 1)", others));
  }
  if (!(spec.noise_share >= 0 && spec.noise_share <= 0.04)) {
    return InvalidInputError(fmt::format("noise share: {} is outside 0..0.04", spec.noise_share));
  }
  if (spec.operators.empty() || spec.operators.size() > 20) {
    return InvalidInputError(
        fmt::format("operators: {} given, 1..20 needed (region.operators)", spec.operators.size()));
  }
  for (const auto& op : spec.operators) {
    if (op.id.empty() || op.mcc_mncs.empty()) {
      return InvalidInputError(
          fmt::format("operator '{}': an id and an MCC-MNC are needed", op.id));
    }
    for (const auto& mcc_mnc : op.mcc_mncs) {
      if (!AllDigits(mcc_mnc) || mcc_mnc.size() < 5 || mcc_mnc.size() > 6) {
        return InvalidInputError(
            fmt::format("operator '{}': MCC-MNC '{}' is not 5 or 6 digits", op.id, mcc_mnc));
      }
    }
  }
  if (!AllDigits(spec.country_code) || spec.country_code.size() > 3) {
    return InvalidInputError(fmt::format("country code '{}' is not 1-3 digits", spec.country_code));
  }
  return Status::Ok();
}

}  // namespace openceir::simulate
