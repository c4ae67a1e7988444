// The small sections: store, import, list_thresholds, operator_thresholds, amnesty,
// list_generation.
#include <fmt/format.h>

#include <filesystem>
#include <utility>

#include "openceir/base/date.h"
#include "openceir/config/config_sections.h"

namespace openceir::config::internal {
namespace {

// Reference-list names as the CLI spells them (`openceir import <name>`).
const std::vector<std::string_view>& ListNames() {
  static const std::vector<std::string_view> kNames = {
      "gsma-tac", "stolen",     "registration", "pairing",     "golden",
      "barred",   "barred-tac", "subscribers",  "association", "monitoring"};
  return kNames;
}

}  // namespace

void ParseStore(ProblemSink& sink, const YAML::Node& node, const std::string& base_dir,
                StoreConfig* store) {
  MapReader map(sink, node, "store", {"kind", "path", "dsn"});
  if (map.String("kind", &store->kind) && store->kind != "sqlite" && store->kind != "postgresql") {
    map.Problem("kind",
                fmt::format("\"{}\" is not a store kind (sqlite or postgresql)", store->kind));
  }
  map.NonEmptyString("path", &store->path);
  map.String("dsn", &store->dsn);
  if (store->kind == "postgresql" && store->dsn.empty()) {
    map.Problem("dsn", "is required when kind is postgresql");
  }
  // A relative SQLite path means "beside the configuration file"; ":memory:" is SQLite's own.
  const std::filesystem::path path(store->path);
  if (!base_dir.empty() && path.is_relative() && store->path != ":memory:") {
    store->path = (std::filesystem::path(base_dir) / path).lexically_normal().string();
  }
}

void ParseImport(ProblemSink& sink, const YAML::Node& node, ImportConfig* import) {
  MapReader map(sink, node, "import", {"max_listed_errors"});
  map.IntAtLeast("max_listed_errors", 1, &import->max_listed_errors);
}

void ParseListThresholds(ProblemSink& sink, const YAML::Node& node,
                         std::map<std::string, ListImportThresholds>* thresholds) {
  MapReader lists(sink, node, "list_thresholds", ListNames());
  for (const MapReader::Entry& entry : lists.entries()) {
    ListImportThresholds limits;
    MapReader map(sink, entry.value, lists.PathOf(entry.key),
                  {"size_drop_absolute", "size_drop_ratio"});
    map.IntAtLeast("size_drop_absolute", -1, &limits.size_drop_absolute);
    double ratio = 0;
    if (map.Real("size_drop_ratio", &ratio)) {
      if (ratio == -1 || (ratio >= 0 && ratio <= 1)) {
        limits.size_drop_ratio = ratio;
      } else {
        map.Problem("size_drop_ratio",
                    fmt::format("must be a ratio from 0 to 1, or -1 for off (got {})", ratio));
      }
    }
    (*thresholds)[entry.key] = limits;
  }
}

void ParseOperatorThresholds(ProblemSink& sink, const YAML::Node& node, OperatorDataThresholds* t) {
  const std::vector<std::pair<std::string_view, double*>> ratios = {
      {"null_imei", &t->null_imei},
      {"null_imsi", &t->null_imsi},
      {"null_msisdn", &t->null_msisdn},
      {"null_rat", &t->null_rat},
      {"null_combined", &t->null_combined},
      {"unclean_imei", &t->unclean_imei},
      {"unclean_imsi", &t->unclean_imsi},
      {"unclean_combined", &t->unclean_combined},
      {"out_of_region_imsi", &t->out_of_region_imsi},
      {"out_of_region_msisdn", &t->out_of_region_msisdn},
      {"out_of_region_combined", &t->out_of_region_combined},
      {"non_home_network", &t->non_home_network},
      {"historic_imei", &t->historic_imei},
      {"historic_imsi", &t->historic_imsi},
      {"historic_msisdn", &t->historic_msisdn},
      {"leading_zero_suspect", &t->leading_zero_suspect}};
  std::vector<std::string_view> keys = {"historic_min_days"};
  for (const auto& [key, field] : ratios) keys.push_back(key);
  MapReader map(sink, node, "operator_thresholds", keys);
  for (const auto& [key, field] : ratios) map.Ratio(key, field);
  map.IntAtLeast("historic_min_days", 1, &t->historic_min_days);
}

void ParseAmnesty(ProblemSink& sink, const YAML::Node& node, AmnestyConfig* amnesty) {
  MapReader map(sink, node, "amnesty",
                {"enabled", "evaluation_period_end_date", "amnesty_period_end_date"});
  map.Bool("enabled", &amnesty->enabled);
  std::optional<Date> dates[2];
  const std::pair<std::string_view, std::string*> fields[2] = {
      {"evaluation_period_end_date", &amnesty->evaluation_period_end_date},
      {"amnesty_period_end_date", &amnesty->amnesty_period_end_date}};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& [key, out] = fields[i];
    if (amnesty->enabled && map.Require(key) == nullptr) continue;
    if (!map.String(key, out)) continue;
    dates[i] = ParseYyyymmdd(*out);
    if (!dates[i]) map.Problem(key, fmt::format("\"{}\" is not a date (YYYYMMDD)", *out));
  }
  if (dates[0] && dates[1] && *dates[0] > *dates[1]) {
    map.Problem("evaluation_period_end_date",
                fmt::format("must not be after amnesty_period_end_date ({} > {})",
                            amnesty->evaluation_period_end_date, amnesty->amnesty_period_end_date));
  }
}

void ParseListGeneration(ProblemSink& sink, const YAML::Node& node, ListGenerationConfig* lists) {
  MapReader map(
      sink, node, "list_generation",
      {"lookback_days", "restrict_exceptions_list_to_blacklisted_imeis", "generate_check_digit",
       "output_invalid_imeis", "include_barred_imeis_in_exceptions_list"});
  map.IntAtLeast("lookback_days", 1, &lists->lookback_days);
  map.Bool("restrict_exceptions_list_to_blacklisted_imeis",
           &lists->restrict_exceptions_list_to_blacklisted_imeis);
  map.Bool("generate_check_digit", &lists->generate_check_digit);
  map.Bool("output_invalid_imeis", &lists->output_invalid_imeis);
  map.Bool("include_barred_imeis_in_exceptions_list",
           &lists->include_barred_imeis_in_exceptions_list);
}

}  // namespace openceir::config::internal
