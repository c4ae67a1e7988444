// Recording list generations and reading them back (list_history.h).
#include "openceir/lists/list_history.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "openceir/lists/recorded_rows.h"
#include "openceir/lists/row_file.h"

namespace openceir::lists {
namespace {

constexpr char kNotificationPrefix[] = "notifications/";

Status DamagedRecord(const std::string& what, const std::string& json) {
  return InternalError(fmt::format("recorded {} are not readable: {}", what, json));
}

// Reads a boolean or integer member without throwing; false when absent or of another type.
bool GetBool(const nlohmann::json& object, const char* key, bool* out) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_boolean()) return false;
  *out = it->get<bool>();
  return true;
}

bool GetInt(const nlohmann::json& object, const char* key, int* out) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return false;
  *out = it->get<int>();
  return true;
}

}  // namespace

std::string OptionsJson(const ListOptions& options) {
  nlohmann::ordered_json json;
  json["lookback_days"] = options.lookback_days;
  json["restrict_exceptions_list_to_blacklisted_imeis"] =
      options.restrict_exceptions_to_blacklisted;
  json["generate_check_digit"] = options.append_check_digit;
  json["output_invalid_imeis"] = options.output_invalid_imeis;
  json["include_barred_imeis_in_exceptions_list"] = options.include_barred_in_exceptions;
  return json.dump();
}

std::string OperatorsJson(const std::vector<config::OperatorConfig>& operators) {
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const config::OperatorConfig& op : operators) {
    json.push_back({{"id", op.id}, {"mcc_mncs", op.mcc_mncs}});
  }
  return json.dump();
}

Result<ListOptions> OptionsFromJson(const std::string& json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  ListOptions options;
  if (parsed.is_discarded() || !parsed.is_object() ||
      !GetInt(parsed, "lookback_days", &options.lookback_days) ||
      !GetBool(parsed, "restrict_exceptions_list_to_blacklisted_imeis",
               &options.restrict_exceptions_to_blacklisted) ||
      !GetBool(parsed, "generate_check_digit", &options.append_check_digit) ||
      !GetBool(parsed, "output_invalid_imeis", &options.output_invalid_imeis) ||
      !GetBool(parsed, "include_barred_imeis_in_exceptions_list",
               &options.include_barred_in_exceptions)) {
    return DamagedRecord("list options", json);
  }
  return options;
}

Result<std::vector<config::OperatorConfig>> OperatorsFromJson(const std::string& json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_array()) return DamagedRecord("operators", json);
  std::vector<config::OperatorConfig> operators;
  for (const nlohmann::json& item : parsed) {
    auto id = item.is_object() ? item.find("id") : item.end();
    auto mcc_mncs = item.is_object() ? item.find("mcc_mncs") : item.end();
    if (id == item.end() || !id->is_string() || mcc_mncs == item.end() || !mcc_mncs->is_array()) {
      return DamagedRecord("operators", json);
    }
    config::OperatorConfig op;
    op.id = id->get<std::string>();
    for (const nlohmann::json& mcc_mnc : *mcc_mncs) {
      if (!mcc_mnc.is_string()) return DamagedRecord("operators", json);
      op.mcc_mncs.push_back(mcc_mnc.get<std::string>());
    }
    operators.push_back(std::move(op));
  }
  return operators;
}

std::string NotificationFileName(const std::string& operator_id) {
  return kNotificationPrefix + operator_id;
}

Status RecordGeneration(store::RegistryStore& registry, store::ListGenerationRecord record,
                        const std::map<std::string, std::string>& notifications,
                        const std::string& work_dir) {
  std::vector<CompressedRows> compressed;
  for (const auto& [operator_id, path] : notifications) {  // map order: files in name order
    OPENCEIR_ASSIGN_OR_RETURN(
        CompressedRows rows,
        CompressRows(path, NotificationFileName(operator_id),
                     fmt::format("{}/recorded_notifications_{}.zst", work_dir, operator_id)));
    record.files.push_back(rows.file);
    compressed.push_back(std::move(rows));
  }
  PieceReader reader(&compressed);
  return registry.RecordListGeneration(
      record, [&reader](store::RecordedPiece* piece) { return reader.Next(piece); });
}

Result<std::map<std::string, std::string>> RestoreNotifications(
    store::RegistryStore& registry, const store::ListGenerationRecord& record,
    const std::vector<config::OperatorConfig>& operators, const std::string& work_dir) {
  std::map<std::string, std::string> paths;
  for (const config::OperatorConfig& op : operators) {
    const std::string path = fmt::format("{}/notifications_{}.rows", work_dir, op.id);
    const std::string name = NotificationFileName(op.id);
    const store::RecordedRowFile* file = nullptr;
    for (const store::RecordedRowFile& recorded : record.files) {
      if (recorded.name == name) file = &recorded;
    }
    if (file == nullptr) {
      OPENCEIR_ASSIGN_OR_RETURN(auto empty, RowWriter::Create(path));
      OPENCEIR_RETURN_IF_ERROR(empty->Close());
    } else {
      OPENCEIR_RETURN_IF_ERROR(RestoreRows(
          *file,
          [&](const store::RecordedPieceVisitor& visit) {
            return registry.ScanRecordedPieces(record.run, record.list_date, name, visit);
          },
          path));
    }
    paths[op.id] = path;
  }
  return paths;
}

}  // namespace openceir::lists
