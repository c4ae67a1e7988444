// List history in the PostgreSQL registry store: recording a list generation in one
// transaction, reading it back. Pieces are bytea, sent as hex text and read back binary.
#include <fmt/format.h>

#include <map>
#include <string>

#include "openceir/base/fault_point.h"
#include "openceir/store/postgresql/pg_advisory_lock.h"
#include "openceir/store/postgresql/pg_registry_sql.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store::postgresql {
namespace {

Status RequireClassificationRun(PgConnection& connection, JobId run) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult count,
                            Run(connection, sql::kClassificationRunExists, PgParams().Int64(run)));
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t runs, count.Int64(0, 0));
  if (runs == 0) {
    return NotFoundError(fmt::format("run {} is not a committed classification run", run));
  }
  return Status::Ok();
}

std::string GenerationName(JobId run, Date list_date) {
  return fmt::format("the lists of run {} for {}", run, FormatYyyymmdd(list_date));
}

// bytea's hex input form: "\x" then two lower-case hex digits a byte.
void HexBytea(std::string_view bytes, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out.assign("\\x");
  out.reserve(2 + 2 * bytes.size());
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0xf]);
  }
}

}  // namespace

Status PgRegistryStore::RecordListGeneration(const ListGenerationRecord& record,
                                             const RecordedPieceSource& pieces) {
  const std::int64_t list_date = YyyymmddOf(record.list_date);
  std::map<std::string, std::int64_t> expected;  // file -> next piece index
  for (const RecordedRowFile& file : record.files) {
    if (!expected.emplace(file.name, 0).second) {
      return InvalidInputError(fmt::format("row file {} is named twice", file.name));
    }
  }

  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult locked,
                            Run(*connection_, sql::kTryListRunLock,
                                PgParams().Int64(AdvisoryLockKey(sql::kListRunLock))));
  if (locked.Text(0, 0) != "t") {
    return AbortedError(
        "another list run is being recorded by another process: run `openceir lists` again "
        "when it has finished");
  }
  OPENCEIR_RETURN_IF_ERROR(RequireClassificationRun(*connection_, record.run));
  if (record.base_run) {
    OPENCEIR_RETURN_IF_ERROR(RequireClassificationRun(*connection_, *record.base_run));
  }
  PgParams generation;
  generation.Int64(record.run).Int64(list_date);
  if (record.base_run) {
    generation.Int64(*record.base_run);
  } else {
    generation.Null();
  }
  generation.Text(record.options_json)
      .Text(record.operators_json)
      .Text(record.manifest_json)
      .Int64(clock_->Now());
  if (Status status = Run(*connection_, sql::kInsertListGeneration, generation).status();
      !status.ok()) {
    if (SqlStateOf(status) == "23505") {
      return AlreadyExistsError(
          fmt::format("{} are recorded already", GenerationName(record.run, record.list_date)));
    }
    return status;
  }

  for (const RecordedRowFile& file : record.files) {
    OPENCEIR_RETURN_IF_ERROR(Run(*connection_, sql::kInsertListGenerationFile,
                                 PgParams()
                                     .Int64(record.run)
                                     .Int64(list_date)
                                     .Text(file.name)
                                     .Int64(file.bytes)
                                     .Text(file.sha256)
                                     .Text(file.codec)
                                     .Int64(file.pieces))
                                 .status());
  }

  RecordedPiece piece;
  std::string hex;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has_piece, pieces(&piece));
    if (!has_piece) break;
    auto next = expected.find(piece.file);
    if (next == expected.end() || next->second != piece.index) {
      return InvalidInputError(
          fmt::format("piece {} of row file {} is not expected there", piece.index, piece.file));
    }
    ++next->second;
    HexBytea(piece.bytes, hex);
    OPENCEIR_RETURN_IF_ERROR(Run(*connection_, sql::kInsertListGenerationPiece,
                                 PgParams()
                                     .Int64(record.run)
                                     .Int64(list_date)
                                     .Text(piece.file)
                                     .Int64(piece.index)
                                     .Text(hex))
                                 .status());
  }
  for (const RecordedRowFile& file : record.files) {
    if (expected[file.name] != file.pieces) {
      return InvalidInputError(fmt::format("row file {}: {} pieces given, {} declared", file.name,
                                           expected[file.name], file.pieces));
    }
  }

  FaultPoint("list_generation_before_commit");
  return transaction.Commit();
}

Result<std::optional<ListGenerationRecord>> PgRegistryStore::FindListGeneration(JobId run,
                                                                                Date list_date) {
  const std::int64_t date = YyyymmddOf(list_date);
  OPENCEIR_ASSIGN_OR_RETURN(PgResult found, Run(*connection_, sql::kGetListGeneration,
                                                PgParams().Int64(run).Int64(date)));
  if (found.rows() == 0) return std::optional<ListGenerationRecord>();
  ListGenerationRecord record;
  record.run = run;
  record.list_date = list_date;
  if (!found.IsNull(0, 0)) {
    OPENCEIR_ASSIGN_OR_RETURN(record.base_run, found.Int64(0, 0));
  }
  record.options_json.assign(found.Text(0, 1));
  record.operators_json.assign(found.Text(0, 2));
  record.manifest_json.assign(found.Text(0, 3));
  OPENCEIR_ASSIGN_OR_RETURN(record.recorded_at, found.Int64(0, 4));

  OPENCEIR_ASSIGN_OR_RETURN(PgResult files, Run(*connection_, sql::kListGenerationFiles,
                                                PgParams().Int64(run).Int64(date)));
  for (int r = 0; r < files.rows(); ++r) {
    RecordedRowFile& file = record.files.emplace_back();
    file.name.assign(files.Text(r, 0));
    OPENCEIR_ASSIGN_OR_RETURN(file.bytes, files.Int64(r, 1));
    file.sha256.assign(files.Text(r, 2));
    file.codec.assign(files.Text(r, 3));
    OPENCEIR_ASSIGN_OR_RETURN(file.pieces, files.Int64(r, 4));
  }
  return std::optional<ListGenerationRecord>(std::move(record));
}

Status PgRegistryStore::ScanRecordedPieces(JobId run, Date list_date, const std::string& file,
                                           const RecordedPieceVisitor& visit) {
  const std::int64_t date = YyyymmddOf(list_date);
  OPENCEIR_ASSIGN_OR_RETURN(PgResult exists, Run(*connection_, sql::kListGenerationFileExists,
                                                 PgParams().Int64(run).Int64(date).Text(file)));
  if (exists.rows() == 0) {
    return NotFoundError(
        fmt::format("{} have no recorded row file {}", GenerationName(run, list_date), file));
  }
  OPENCEIR_ASSIGN_OR_RETURN(const std::int64_t pieces, exists.Int64(0, 0));
  // One piece a round trip: a piece is megabytes, so memory holds one.
  for (std::int64_t index = 0; index < pieces; ++index) {
    OPENCEIR_ASSIGN_OR_RETURN(
        PgResult piece,
        Run(*connection_, sql::kListGenerationPiece,
            PgParams().Int64(run).Int64(date).Text(file).Int64(index), PgFormat::kBinary));
    if (piece.rows() == 0) {
      return InternalError(fmt::format("{}: row file {} has {} of its {} pieces",
                                       GenerationName(run, list_date), file, index, pieces));
    }
    OPENCEIR_RETURN_IF_ERROR(visit(piece.Text(0, 0)));
  }
  return Status::Ok();
}

}  // namespace openceir::store::postgresql
