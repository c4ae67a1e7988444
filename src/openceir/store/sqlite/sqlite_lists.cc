// Reference lists in the SQLite registry store: scans, lookups and the one-transaction commit of
// an import's changes.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include <algorithm>

#include "openceir/base/fault_point.h"
#include "openceir/store/list_rows.h"
#include "openceir/store/sqlite/sqlite_registry_store_impl.h"
#include "openceir/store/sqlite/sqlite_sql.h"

namespace openceir::store::sqlite {

Status SqliteRegistryStore::VisitRows(const ListSchema& schema, Statement& select,
                                      const ListRowVisitor& visit) {
  ListRow row(schema.columns.size());
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) break;
    for (std::size_t i = 0; i < row.size(); ++i) row[i] = select.ColumnText(static_cast<int>(i));
    OPENCEIR_RETURN_IF_ERROR(visit(row));
  }
  return Status::Ok();
}

Status SqliteRegistryStore::ScanCurrentList(ListKind kind, const ListRowVisitor& visit) {
  const ListSchema& schema = SchemaOf(kind);
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::ListScanCurrent(schema)));
  return VisitRows(schema, select, visit);
}

Status SqliteRegistryStore::ScanCurrentListColumns(ListKind kind,
                                                   std::span<const std::string_view> columns,
                                                   const ListRowVisitor& visit) {
  const ListSchema& schema = SchemaOf(kind);
  // Only names of the schema reach the SQL text.
  OPENCEIR_RETURN_IF_ERROR(ColumnIndexes(schema, columns).status());
  OPENCEIR_ASSIGN_OR_RETURN(Statement select,
                            connection_->Prepare(sql::ListScanCurrentColumns(schema, columns)));
  ListRow row(columns.size());
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return Status::Ok();
    for (std::size_t i = 0; i < row.size(); ++i) row[i] = select.ColumnText(static_cast<int>(i));
    OPENCEIR_RETURN_IF_ERROR(visit(row));
  }
}

Status SqliteRegistryStore::ScanListAsOf(ListKind kind, JobId as_of, const ListRowVisitor& visit) {
  OPENCEIR_RETURN_IF_ERROR(GetJob(as_of).status());  // NotFound for an unknown job
  const ListSchema& schema = SchemaOf(kind);
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::ListScanAsOf(schema)));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, as_of));
  return VisitRows(schema, select, visit);
}

Result<std::int64_t> SqliteRegistryStore::CountCurrentList(ListKind kind) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select,
                            connection_->Prepare(sql::ListCountCurrent(SchemaOf(kind))));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
  return row ? select.ColumnInt64(0) : 0;
}

Result<std::vector<ListRow>> SqliteRegistryStore::FindCurrent(ListKind kind,
                                                              const std::string& first_key) {
  const ListSchema& schema = SchemaOf(kind);
  return FindCurrentBy(kind, std::string(schema.columns[0]), first_key);
}

Result<std::vector<ListRow>> SqliteRegistryStore::FindCurrentBy(ListKind kind,
                                                                const std::string& column,
                                                                const std::string& value) {
  const ListSchema& schema = SchemaOf(kind);
  if (std::find(schema.columns.begin(), schema.columns.end(), column) == schema.columns.end()) {
    return InvalidInputError(fmt::format("list {} has no column '{}'", schema.name, column));
  }
  OPENCEIR_ASSIGN_OR_RETURN(Statement select,
                            connection_->Prepare(sql::ListFindCurrentBy(schema, column)));
  OPENCEIR_RETURN_IF_ERROR(select.BindText(1, value));
  std::vector<ListRow> rows;
  OPENCEIR_RETURN_IF_ERROR(VisitRows(schema, select, [&rows](const ListRow& row) {
    rows.push_back(row);
    return Status::Ok();
  }));
  return rows;
}

Status SqliteRegistryStore::ApplyChanges(JobId id, const ListSchema& schema,
                                         const ListChanges& changes) {
  const int key_size = static_cast<int>(schema.key_size);
  const int column_count = static_cast<int>(schema.columns.size());

  // Row values outlive each step, so they are bound without copying.
  OPENCEIR_ASSIGN_OR_RETURN(Statement end_current,
                            connection_->Prepare(sql::ListEndCurrent(schema)));
  OPENCEIR_RETURN_IF_ERROR(end_current.BindInt64(1, id));
  auto end_row = [&](const ListRow& row, std::string_view change) -> Status {
    for (int i = 0; i < key_size; ++i) {
      OPENCEIR_RETURN_IF_ERROR(end_current.BindStaticText(i + 2, row[static_cast<std::size_t>(i)]));
    }
    OPENCEIR_RETURN_IF_ERROR(end_current.Run());
    FaultPoint("sqlite_commit_row");
    if (connection_->Changes() != 1) {
      return NotFoundError(fmt::format("list {}: cannot {} key ({}): it is not on the list",
                                       schema.name, change, ListKeyText(schema, row)));
    }
    return Status::Ok();
  };

  OPENCEIR_ASSIGN_OR_RETURN(Statement insert, connection_->Prepare(sql::ListInsert(schema, 1)));
  OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(1, id));
  auto already_current = [&](const ListRow& row) {
    return AlreadyExistsError(fmt::format("list {}: cannot add key ({}): it is already on the list",
                                          schema.name, ListKeyText(schema, row)));
  };
  auto insert_row = [&](const ListRow& row) -> Status {
    for (int i = 0; i < column_count; ++i) {
      OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(i + 2, row[static_cast<std::size_t>(i)]));
    }
    Status status = insert.Run();
    if (!status.ok()) {
      return insert.last_error() == SQLITE_CONSTRAINT_UNIQUE ? already_current(row) : status;
    }
    FaultPoint("sqlite_commit_row");
    return Status::Ok();
  };
  for (const ListRow* row : SortedByListKey(schema, changes.removed)) {
    OPENCEIR_RETURN_IF_ERROR(end_row(*row, "remove"));
  }
  for (const ListRow* row : SortedByListKey(schema, changes.updated)) {
    OPENCEIR_RETURN_IF_ERROR(end_row(*row, "update"));
    OPENCEIR_RETURN_IF_ERROR(insert_row(*row));
  }
  return InsertAdded(id, schema, SortedByListKey(schema, changes.added), insert_row);
}

Status SqliteRegistryStore::InsertAdded(JobId id, const ListSchema& schema,
                                        const std::vector<const ListRow*>& rows,
                                        const std::function<Status(const ListRow&)>& insert_row) {
  // Full batches go through one multi-row INSERT; the rest row by row.
  const std::size_t column_count = schema.columns.size();
  std::size_t next = 0;
  if (rows.size() >= kInsertBatchRows) {
    OPENCEIR_ASSIGN_OR_RETURN(Statement batch,
                              connection_->Prepare(sql::ListInsert(schema, kInsertBatchRows)));
    OPENCEIR_RETURN_IF_ERROR(batch.BindInt64(1, id));
    for (; next + kInsertBatchRows <= rows.size(); next += kInsertBatchRows) {
      for (std::size_t r = 0; r < kInsertBatchRows; ++r) {
        const ListRow& row = *rows[next + r];
        for (std::size_t c = 0; c < column_count; ++c) {
          OPENCEIR_RETURN_IF_ERROR(
              batch.BindStaticText(static_cast<int>(2 + r * column_count + c), row[c]));
        }
      }
      Status status = batch.Run();
      if (!status.ok()) {
        if (batch.last_error() != SQLITE_CONSTRAINT_UNIQUE) return status;
        // SQLite backed the failed statement out; replaying its rows one by one names the key.
        for (std::size_t r = 0; r < kInsertBatchRows; ++r) {
          OPENCEIR_RETURN_IF_ERROR(insert_row(*rows[next + r]));
        }
        return status;
      }
      for (std::size_t r = 0; r < kInsertBatchRows; ++r) FaultPoint("sqlite_commit_row");
    }
  }
  for (; next < rows.size(); ++next) OPENCEIR_RETURN_IF_ERROR(insert_row(*rows[next]));
  return Status::Ok();
}

Status SqliteRegistryStore::CommitListChanges(JobId id, ListKind kind, const ListChanges& changes,
                                              const JobCounts& counts) {
  const ListSchema& schema = SchemaOf(kind);
  OPENCEIR_RETURN_IF_ERROR(CheckListChanges(schema, changes));

  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunning(id));

  // History stays linear only if a list's changes commit in job order: a job that started
  // before another job changed this list computed its changes against a stale list.
  OPENCEIR_ASSIGN_OR_RETURN(Statement head, connection_->Prepare(sql::kGetListHead));
  OPENCEIR_RETURN_IF_ERROR(head.BindText(1, schema.table));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_head, head.Step());
  if (has_head && head.ColumnInt64(0) > id) {
    return AbortedError(fmt::format("job {} cannot change list {}: newer job {} changed it first",
                                    id, schema.name, head.ColumnInt64(0)));
  }
  head.Reset();

  OPENCEIR_RETURN_IF_ERROR(ApplyChanges(id, schema, changes));

  OPENCEIR_ASSIGN_OR_RETURN(Statement set_head, connection_->Prepare(sql::kSetListHead));
  OPENCEIR_RETURN_IF_ERROR(set_head.BindText(1, schema.table));
  OPENCEIR_RETURN_IF_ERROR(set_head.BindInt64(2, id));
  OPENCEIR_RETURN_IF_ERROR(set_head.Run());

  OPENCEIR_ASSIGN_OR_RETURN(Statement end_job, connection_->Prepare(sql::kEndJob));
  OPENCEIR_RETURN_IF_ERROR(end_job.BindInt64(1, id));
  OPENCEIR_RETURN_IF_ERROR(end_job.BindText(2, JobOutcomeName(JobOutcome::kSucceeded)));
  OPENCEIR_RETURN_IF_ERROR(end_job.BindInt64(3, clock_->Now()));
  OPENCEIR_RETURN_IF_ERROR(end_job.BindInt64(4, counts.rows_read));
  OPENCEIR_RETURN_IF_ERROR(end_job.BindInt64(5, counts.added));
  OPENCEIR_RETURN_IF_ERROR(end_job.BindInt64(6, counts.removed));
  OPENCEIR_RETURN_IF_ERROR(end_job.BindInt64(7, counts.changed));
  OPENCEIR_RETURN_IF_ERROR(end_job.BindInt64(8, counts.unchanged));
  OPENCEIR_RETURN_IF_ERROR(end_job.BindText(9, ""));
  OPENCEIR_RETURN_IF_ERROR(end_job.Run());

  FaultPoint("sqlite_before_commit");
  return transaction->Commit();
}

}  // namespace openceir::store::sqlite
