// The PostgreSQL observation store: connecting, schema versions, migrations, import records and
// point reads (see pg_observation_store_impl.h).
#include "openceir/store/postgresql/pg_observation_store.h"

#include <fmt/format.h>

#include <bit>
#include <cstring>

#include "openceir/store/observation_checks.h"
#include "openceir/store/postgresql/pg_observation_sql.h"
#include "openceir/store/postgresql/pg_observation_store_impl.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"
#include "openceir/store/postgresql/pg_schema.h"

namespace openceir::store {

Result<std::unique_ptr<ObservationStore>> OpenPgObservationStore(const std::string& dsn,
                                                                 const Clock* clock) {
  OPENCEIR_ASSIGN_OR_RETURN(auto connection, postgresql::PgConnection::Open(dsn));
  return std::unique_ptr<ObservationStore>(
      new postgresql::PgObservationStore(dsn, std::move(connection), clock));
}

namespace postgresql {
namespace {

// Reads an import from the columns of obs_sql::kFindImport / kListImports (binary results).
Result<ObservationImport> ReadImport(const PgResult& rows, int row) {
  ObservationImport import;
  OPENCEIR_ASSIGN_OR_RETURN(import.job_id, rows.Int64(row, 0));
  OPENCEIR_ASSIGN_OR_RETURN(import.kind, ObservationImportKindFromName(rows.Text(row, 1)));
  import.operator_id = std::string(rows.Text(row, 2));
  import.file_sha256 = std::string(rows.Text(row, 3));
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t first_day, rows.Int64(row, 4));
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t last_day, rows.Int64(row, 5));
  import.first_day = Date{static_cast<std::int32_t>(first_day)};
  import.last_day = Date{static_cast<std::int32_t>(last_day)};
  OPENCEIR_ASSIGN_OR_RETURN(import.rows, rows.Int64(row, 6));
  return import;
}

}  // namespace

std::string ByteaHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex = "\\x";
  hex.reserve(2 + 2 * bytes.size());
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0xf]);
  }
  return hex;
}

double Float64(const PgResult& result, int row, int column) {
  const std::string_view bytes = result.Text(row, column);
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 8 && i < bytes.size(); ++i) {
    bits = (bits << 8) | static_cast<std::uint8_t>(bytes[i]);  // network byte order
  }
  return std::bit_cast<double>(bits);
}

std::string TextArray(std::span<const std::string> values) {
  std::string array = "{";
  for (const std::string& value : values) {
    if (array.size() > 1) array += ',';
    array += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') array += '\\';
      array += c;
    }
    array += '"';
  }
  array += '}';
  return array;
}

Result<PgConnection*> PgObservationStore::ScanConnection() {
  if (scan_connection_ == nullptr) {
    OPENCEIR_ASSIGN_OR_RETURN(scan_connection_, PgConnection::Open(dsn_));
  }
  return scan_connection_.get();
}

Result<int> PgObservationStore::SchemaVersion() {
  PgSchema schema(connection_.get(), std::string(obs_sql::kObservationVersionTable),
                  obs_sql::ObservationMigrations(), clock_);
  return schema.Version();
}

Status PgObservationStore::Migrate() {
  PgSchema schema(connection_.get(), std::string(obs_sql::kObservationVersionTable),
                  obs_sql::ObservationMigrations(), clock_);
  if (schema.latest() != LatestSchemaVersion()) {
    return InternalError(
        fmt::format("the PostgreSQL observation store has {} migrations but this build expects "
                    "schema version {}",
                    schema.latest(), LatestSchemaVersion()));
  }
  return schema.Migrate();
}

Result<std::unique_ptr<ObservationBatch>> PgObservationStore::BeginBatch() {
  OPENCEIR_ASSIGN_OR_RETURN(auto connection, PgConnection::Open(dsn_));
  OPENCEIR_RETURN_IF_ERROR(connection->ExecScript(obs_sql::kCreateStagingTables));
  return std::unique_ptr<ObservationBatch>(new PgObservationBatch(std::move(connection), clock_));
}

Result<std::optional<ObservationImport>> PgObservationStore::FindImport(
    ObservationImportKind kind, const std::string& operator_id, const std::string& sha256) {
  OPENCEIR_ASSIGN_OR_RETURN(
      PgResult rows,
      Run(*connection_, obs_sql::kFindImport,
          PgParams().Text(ObservationImportKindName(kind)).Text(operator_id).Text(sha256),
          PgFormat::kBinary));
  if (rows.rows() == 0) return std::optional<ObservationImport>();
  OPENCEIR_ASSIGN_OR_RETURN(ObservationImport import, ReadImport(rows, 0));
  return std::optional<ObservationImport>(std::move(import));
}

Result<std::vector<ObservationImport>> PgObservationStore::ListImports(
    ObservationImportKind kind, const std::string& operator_id, Date first, Date last) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows, Run(*connection_, obs_sql::kListImports,
                                               PgParams()
                                                   .Text(ObservationImportKindName(kind))
                                                   .Text(operator_id)
                                                   .Int64(first.days)
                                                   .Int64(last.days),
                                               PgFormat::kBinary));
  std::vector<ObservationImport> imports;
  for (int row = 0; row < rows.rows(); ++row) {
    OPENCEIR_ASSIGN_OR_RETURN(ObservationImport import, ReadImport(rows, row));
    imports.push_back(std::move(import));
  }
  return imports;
}

Result<std::optional<NetworkImei>> PgObservationStore::FindNetworkImei(
    const std::string& imei_norm) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows, Run(*connection_, obs_sql::kFindNetworkImei,
                                               PgParams().Text(imei_norm), PgFormat::kBinary));
  if (rows.rows() == 0) return std::optional<NetworkImei>();
  NetworkImei imei;
  imei.imei_norm = imei_norm;
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t first_seen, rows.Int64(0, 0));
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t last_seen, rows.Int64(0, 1));
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t rat_mask, rows.Int64(0, 2));
  imei.first_seen = Date{static_cast<std::int32_t>(first_seen)};
  imei.last_seen = Date{static_cast<std::int32_t>(last_seen)};
  imei.rat_mask = static_cast<RatMask>(rat_mask);
  return std::optional<NetworkImei>(std::move(imei));
}

Result<std::int64_t> PgObservationStore::CountRows(std::string_view sql) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows, Run(*connection_, sql, {}, PgFormat::kBinary));
  return rows.Int64(0, 0);
}

Result<std::int64_t> PgObservationStore::CountNetworkImeis() {
  return CountRows(obs_sql::kCountNetworkImeis);
}

Result<std::int64_t> PgObservationStore::CountCells() { return CountRows(obs_sql::kCountCells); }

}  // namespace postgresql
}  // namespace openceir::store
