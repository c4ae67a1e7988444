#include "openceir/reports/model_catalog.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace openceir::reports {

std::optional<std::uint32_t> TacOf(std::string_view imei_norm) {
  if (imei_norm.size() < 8) return std::nullopt;
  std::uint32_t tac = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    char c = imei_norm[i];
    if (c < '0' || c > '9') return std::nullopt;
    tac = tac * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return tac;
}

void ModelCatalog::AddTac(std::string_view tac_text, const std::string& brand,
                          const std::string& model) {
  if (tac_text.size() != 8) return;
  std::optional<std::uint32_t> tac = TacOf(tac_text);
  if (!tac) return;
  std::string key = brand + '\n' + model;
  auto [it, inserted] =
      model_index_.try_emplace(brand + '\n' + model, static_cast<std::uint32_t>(models_.size()));
  if (inserted) models_.push_back({brand, model});
  const std::uint32_t id = it->second;
  if (!tacs_.empty() && tacs_.back().first >= *tac) sorted_ = false;
  tacs_.emplace_back(*tac, id);
}

Result<ModelCatalog> ModelCatalog::Load(store::RegistryStore& registry) {
  ModelCatalog catalog;
  const store::ListSchema& schema = store::SchemaOf(store::ListKind::kGsmaTac);
  auto column = [&](std::string_view name) {
    return static_cast<std::size_t>(std::find(schema.columns.begin(), schema.columns.end(), name) -
                                    schema.columns.begin());
  };
  const std::size_t manufacturer = column("manufacturer");
  const std::size_t model_name = column("model_name");
  const std::size_t extra = column("extra");
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanCurrentList(store::ListKind::kGsmaTac, [&](const store::ListRow& row) {
        std::string brand;
        if (!row[extra].empty()) {
          nlohmann::json json = nlohmann::json::parse(row[extra], nullptr, false);
          if (json.is_object()) {
            auto it = json.find("brand_name");
            if (it != json.end() && it->is_string()) brand = it->get<std::string>();
          }
        }
        if (brand.empty()) brand = row[manufacturer];
        catalog.AddTac(row[0], brand, row[model_name]);
        return Status::Ok();
      }));
  catalog.Sort();
  return catalog;
}

void ModelCatalog::Sort() const {
  if (sorted_) return;
  std::stable_sort(tacs_.begin(), tacs_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  sorted_ = true;
}

std::optional<std::uint32_t> ModelCatalog::ModelOf(std::string_view imei_norm) const {
  std::optional<std::uint32_t> tac = TacOf(imei_norm);
  if (!tac) return std::nullopt;
  Sort();
  auto it =
      std::lower_bound(tacs_.begin(), tacs_.end(), *tac,
                       [](const auto& entry, std::uint32_t key) { return entry.first < key; });
  if (it == tacs_.end() || it->first != *tac) return std::nullopt;
  return it->second;
}

}  // namespace openceir::reports
