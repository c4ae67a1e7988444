// List history in the SQLite registry store: recording a list generation in one transaction,
// reading it back.
#include <fmt/format.h>
#include <sqlite3.h>

#include <map>
#include <string>

#include "openceir/base/fault_point.h"
#include "openceir/store/sqlite/sqlite_list_history_sql.h"
#include "openceir/store/sqlite/sqlite_registry_store_impl.h"

namespace openceir::store::sqlite {
namespace {

std::int64_t YyyymmddNumber(Date date) { return std::stoll(FormatYyyymmdd(date)); }

Status RequireClassificationRun(Connection& connection, JobId run) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection.Prepare(sql::kClassificationRunExists));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, run));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select.Step());
  if (!has_row || select.ColumnInt64(0) == 0) {
    return NotFoundError(fmt::format("run {} is not a committed classification run", run));
  }
  return Status::Ok();
}

std::string GenerationName(JobId run, Date list_date) {
  return fmt::format("the lists of run {} for {}", run, FormatYyyymmdd(list_date));
}

}  // namespace

Status SqliteRegistryStore::RecordListGeneration(const ListGenerationRecord& record,
                                                 const RecordedPieceSource& pieces) {
  const std::int64_t list_date = YyyymmddNumber(record.list_date);
  std::map<std::string, std::int64_t> expected;  // file -> next piece index
  for (const RecordedRowFile& file : record.files) {
    if (!expected.emplace(file.name, 0).second) {
      return InvalidInputError(fmt::format("row file {} is named twice", file.name));
    }
  }

  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireClassificationRun(*connection_, record.run));
  if (record.base_run) {
    OPENCEIR_RETURN_IF_ERROR(RequireClassificationRun(*connection_, *record.base_run));
  }
  OPENCEIR_ASSIGN_OR_RETURN(Statement insert, connection_->Prepare(sql::kInsertListGeneration));
  OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(1, record.run));
  OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(2, list_date));
  if (record.base_run) {
    OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(3, *record.base_run));
  } else {
    OPENCEIR_RETURN_IF_ERROR(insert.BindNull(3));
  }
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(4, record.options_json));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(5, record.operators_json));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(6, record.manifest_json));
  OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(7, clock_->Now()));
  if (Status status = insert.Run(); !status.ok()) {
    if (insert.last_error() == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return AlreadyExistsError(
          fmt::format("{} are recorded already", GenerationName(record.run, record.list_date)));
    }
    return status;
  }

  OPENCEIR_ASSIGN_OR_RETURN(Statement insert_file,
                            connection_->Prepare(sql::kInsertListGenerationFile));
  for (const RecordedRowFile& file : record.files) {
    OPENCEIR_RETURN_IF_ERROR(insert_file.BindInt64(1, record.run));
    OPENCEIR_RETURN_IF_ERROR(insert_file.BindInt64(2, list_date));
    OPENCEIR_RETURN_IF_ERROR(insert_file.BindStaticText(3, file.name));
    OPENCEIR_RETURN_IF_ERROR(insert_file.BindInt64(4, file.bytes));
    OPENCEIR_RETURN_IF_ERROR(insert_file.BindStaticText(5, file.sha256));
    OPENCEIR_RETURN_IF_ERROR(insert_file.BindStaticText(6, file.codec));
    OPENCEIR_RETURN_IF_ERROR(insert_file.BindInt64(7, file.pieces));
    OPENCEIR_RETURN_IF_ERROR(insert_file.Run());
  }

  OPENCEIR_ASSIGN_OR_RETURN(Statement insert_piece,
                            connection_->Prepare(sql::kInsertListGenerationPiece));
  OPENCEIR_RETURN_IF_ERROR(insert_piece.BindInt64(1, record.run));
  OPENCEIR_RETURN_IF_ERROR(insert_piece.BindInt64(2, list_date));
  RecordedPiece piece;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has_piece, pieces(&piece));
    if (!has_piece) break;
    auto next = expected.find(piece.file);
    if (next == expected.end() || next->second != piece.index) {
      return InvalidInputError(
          fmt::format("piece {} of row file {} is not expected there", piece.index, piece.file));
    }
    ++next->second;
    OPENCEIR_RETURN_IF_ERROR(insert_piece.BindStaticText(3, piece.file));
    OPENCEIR_RETURN_IF_ERROR(insert_piece.BindInt64(4, piece.index));
    OPENCEIR_RETURN_IF_ERROR(insert_piece.BindStaticBlob(5, piece.bytes));
    OPENCEIR_RETURN_IF_ERROR(insert_piece.Run());
  }
  for (const RecordedRowFile& file : record.files) {
    if (expected[file.name] != file.pieces) {
      return InvalidInputError(fmt::format("row file {}: {} pieces given, {} declared", file.name,
                                           expected[file.name], file.pieces));
    }
  }

  FaultPoint("list_generation_before_commit");
  return transaction->Commit();
}

Result<std::optional<ListGenerationRecord>> SqliteRegistryStore::FindListGeneration(
    JobId run, Date list_date) {
  const std::int64_t date = YyyymmddNumber(list_date);
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kGetListGeneration));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, run));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(2, date));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select.Step());
  if (!has_row) return std::optional<ListGenerationRecord>();
  ListGenerationRecord record;
  record.run = run;
  record.list_date = list_date;
  if (!select.ColumnIsNull(0)) record.base_run = select.ColumnInt64(0);
  record.options_json.assign(select.ColumnText(1));
  record.operators_json.assign(select.ColumnText(2));
  record.manifest_json.assign(select.ColumnText(3));
  record.recorded_at = select.ColumnInt64(4);

  OPENCEIR_ASSIGN_OR_RETURN(Statement files, connection_->Prepare(sql::kListGenerationFiles));
  OPENCEIR_RETURN_IF_ERROR(files.BindInt64(1, run));
  OPENCEIR_RETURN_IF_ERROR(files.BindInt64(2, date));
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has_file, files.Step());
    if (!has_file) break;
    RecordedRowFile file;
    file.name.assign(files.ColumnText(0));
    file.bytes = files.ColumnInt64(1);
    file.sha256.assign(files.ColumnText(2));
    file.codec.assign(files.ColumnText(3));
    file.pieces = files.ColumnInt64(4);
    record.files.push_back(std::move(file));
  }
  return std::optional<ListGenerationRecord>(std::move(record));
}

Status SqliteRegistryStore::ScanRecordedPieces(JobId run, Date list_date, const std::string& file,
                                               const RecordedPieceVisitor& visit) {
  const std::int64_t date = YyyymmddNumber(list_date);
  OPENCEIR_ASSIGN_OR_RETURN(Statement exists, connection_->Prepare(sql::kListGenerationFileExists));
  OPENCEIR_RETURN_IF_ERROR(exists.BindInt64(1, run));
  OPENCEIR_RETURN_IF_ERROR(exists.BindInt64(2, date));
  OPENCEIR_RETURN_IF_ERROR(exists.BindStaticText(3, file));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_file, exists.Step());
  if (!has_file) {
    return NotFoundError(
        fmt::format("{} have no recorded row file {}", GenerationName(run, list_date), file));
  }
  const std::int64_t pieces = exists.ColumnInt64(0);

  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kListGenerationPieces));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, run));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(2, date));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(3, file));
  std::int64_t next = 0;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) break;
    if (select.ColumnInt64(0) != next) break;
    ++next;
    OPENCEIR_RETURN_IF_ERROR(visit(select.ColumnBlob(1)));
  }
  if (next != pieces) {
    return InternalError(fmt::format("{}: row file {} has {} of its {} pieces",
                                     GenerationName(run, list_date), file, next, pieces));
  }
  return Status::Ok();
}

}  // namespace openceir::store::sqlite
