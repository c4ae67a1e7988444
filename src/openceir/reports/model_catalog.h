// ModelCatalog: the brand and model of a TAC, from the GSMA TAC database, for the top-models
// figures and the gsma-not-found report.
//
// Brand is the GSMA `brand_name` (kept in the row's extra columns), else the manufacturer.
// TACs of one (brand, model) share one model id, so models are counted, not TACs. Holds
// 8 bytes per TAC plus the distinct names. Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::reports {

struct DeviceModel {
  std::string brand;
  std::string model;
};

class ModelCatalog {
 public:
  ModelCatalog() = default;
  // The current GSMA TAC database of `registry`.
  static Result<ModelCatalog> Load(store::RegistryStore& registry);
  // Adds one TAC (8 digits; others are ignored). For loading and tests.
  void AddTac(std::string_view tac, const std::string& brand, const std::string& model);

  // The model id of the IMEI's TAC (its first 8 characters); nullopt when the IMEI does not
  // start with 8 digits or the TAC is not in the database.
  std::optional<std::uint32_t> ModelOf(std::string_view imei_norm) const;
  const DeviceModel& model(std::uint32_t id) const { return models_[id]; }
  std::size_t model_count() const { return models_.size(); }

 private:
  void Sort() const;

  std::vector<DeviceModel> models_;
  mutable std::vector<std::pair<std::uint32_t, std::uint32_t>> tacs_;  // (tac, model id)
  mutable bool sorted_ = true;
  std::unordered_map<std::string, std::uint32_t> model_index_;  // "brand\nmodel" -> id
};

// The TAC of an IMEI as a number, when it starts with 8 digits.
std::optional<std::uint32_t> TacOf(std::string_view imei_norm);

}  // namespace openceir::reports
