// Reference lists in the PostgreSQL registry store: scans, lookups and the one-transaction commit
// of an import's changes (removed and updated keys ended row by row, added rows by COPY).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "openceir/base/fault_point.h"
#include "openceir/store/list_rows.h"
#include "openceir/store/postgresql/pg_copy_in.h"
#include "openceir/store/postgresql/pg_registry_sql.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store::postgresql {
namespace {

// Streams `sql`'s rows (the schema's columns) to `visit`, one row in memory.
Status VisitRows(PgConnection& connection, const ListSchema& schema, std::string_view sql,
                 const PgParams& params, const ListRowVisitor& visit) {
  ListRow row(schema.columns.size());
  return ScanWithCursor(connection, sql, params, [&](const PgResult& rows, int r) {
    for (std::size_t i = 0; i < row.size(); ++i) row[i].assign(rows.Text(r, static_cast<int>(i)));
    return visit(row);
  });
}

}  // namespace

Status PgRegistryStore::ScanCurrentList(ListKind kind, const ListRowVisitor& visit) {
  const ListSchema& schema = SchemaOf(kind);
  OPENCEIR_ASSIGN_OR_RETURN(PgConnection * scans, ScanConnection());
  return VisitRows(*scans, schema, sql::ListScanCurrent(schema), {}, visit);
}

Status PgRegistryStore::ScanListAsOf(ListKind kind, JobId as_of, const ListRowVisitor& visit) {
  OPENCEIR_RETURN_IF_ERROR(GetJob(as_of).status());  // NotFound for an unknown job
  const ListSchema& schema = SchemaOf(kind);
  OPENCEIR_ASSIGN_OR_RETURN(PgConnection * scans, ScanConnection());
  return VisitRows(*scans, schema, sql::ListScanAsOf(schema), PgParams().Int64(as_of), visit);
}

Result<std::int64_t> PgRegistryStore::CountCurrentList(ListKind kind) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult count,
                            Run(*connection_, sql::ListCountCurrent(SchemaOf(kind))));
  return count.Int64(0, 0);
}

Result<std::vector<ListRow>> PgRegistryStore::FindCurrent(ListKind kind,
                                                          const std::string& first_key) {
  const ListSchema& schema = SchemaOf(kind);
  return FindCurrentBy(kind, std::string(schema.columns[0]), first_key);
}

Result<std::vector<ListRow>> PgRegistryStore::FindCurrentBy(ListKind kind,
                                                            const std::string& column,
                                                            const std::string& value) {
  const ListSchema& schema = SchemaOf(kind);
  if (std::find(schema.columns.begin(), schema.columns.end(), column) == schema.columns.end()) {
    return InvalidInputError(fmt::format("list {} has no column '{}'", schema.name, column));
  }
  OPENCEIR_ASSIGN_OR_RETURN(
      PgResult found,
      Run(*connection_, sql::ListFindCurrentBy(schema, column), PgParams().Text(value)));
  std::vector<ListRow> rows(static_cast<std::size_t>(found.rows()));
  for (int r = 0; r < found.rows(); ++r) {
    ListRow& row = rows[static_cast<std::size_t>(r)];
    for (std::size_t i = 0; i < schema.columns.size(); ++i) {
      row.emplace_back(found.Text(r, static_cast<int>(i)));
    }
  }
  return rows;
}

Status PgRegistryStore::ApplyChanges(JobId id, const ListSchema& schema,
                                     const ListChanges& changes) {
  // The keys to end, removed then updated, in key order (stable: a key both removed and updated
  // is refused as an update, as ending it twice would be).
  struct Ending {
    const ListRow* row;
    std::string_view change;
  };
  std::vector<Ending> ending;
  for (const ListRow* row : SortedByListKey(schema, changes.removed))
    ending.push_back({row, "remove"});
  for (const ListRow* row : SortedByListKey(schema, changes.updated))
    ending.push_back({row, "update"});
  auto key_less = [key_size = schema.key_size](const Ending& a, const Ending& b) {
    for (std::size_t i = 0; i < key_size; ++i) {
      int order = (*a.row)[i].compare((*b.row)[i]);
      if (order != 0) return order < 0;
    }
    return false;
  };
  std::stable_sort(ending.begin(), ending.end(), key_less);
  auto not_on_list = [&](const Ending& key) {
    return NotFoundError(fmt::format("list {}: cannot {} key ({}): it is not on the list",
                                     schema.name, key.change, ListKeyText(schema, *key.row)));
  };
  for (std::size_t i = 1; i < ending.size(); ++i) {
    if (!key_less(ending[i - 1], ending[i])) return not_on_list(ending[i]);
  }

  if (!ending.empty()) {
    // One COPY and one UPDATE for all the keys, instead of a round trip a key.
    OPENCEIR_RETURN_IF_ERROR(connection_->ExecScript(sql::ListCreateEnding(schema)));
    OPENCEIR_ASSIGN_OR_RETURN(PgCopyIn keys,
                              PgCopyIn::Start(connection_.get(), sql::kEndingTable,
                                              schema.columns.subspan(0, schema.key_size)));
    for (const Ending& key : ending) {
      for (std::size_t i = 0; i < schema.key_size; ++i) keys.AddText((*key.row)[i]);
      OPENCEIR_RETURN_IF_ERROR(keys.EndRow());
    }
    OPENCEIR_RETURN_IF_ERROR(keys.Finish().status());
    // Without statistics the planner guesses the temp table's size; a large delta then gets a
    // nested loop instead of a merge or hash join.
    OPENCEIR_RETURN_IF_ERROR(connection_->ExecScript(fmt::format("ANALYZE {}", sql::kEndingTable)));
    OPENCEIR_ASSIGN_OR_RETURN(PgResult missing,
                              Run(*connection_, sql::ListFirstEndingNotCurrent(schema)));
    if (missing.rows() > 0) {
      ListRow key;
      for (std::size_t i = 0; i < schema.key_size; ++i) {
        key.emplace_back(missing.Text(0, static_cast<int>(i)));
      }
      auto found = std::lower_bound(ending.begin(), ending.end(), Ending{&key, ""}, key_less);
      return not_on_list(found != ending.end() ? *found : Ending{&key, "end"});
    }
    OPENCEIR_ASSIGN_OR_RETURN(PgResult ended,
                              Run(*connection_, sql::ListEndEnding(schema), PgParams().Int64(id)));
    FaultPoint("pg_commit_ended");
    if (ended.affected_rows() != static_cast<std::int64_t>(ending.size())) {
      return InternalError(fmt::format("list {}: ended {} rows for {} keys", schema.name,
                                       ended.affected_rows(), ending.size()));
    }
  }

  std::vector<const ListRow*> updated = SortedByListKey(schema, changes.updated);
  // The new rows of updated keys and the added rows, in one COPY: the partial unique index of
  // current keys refuses a key already current (or given twice), naming it.
  std::vector<const ListRow*> added = SortedByListKey(schema, changes.added);
  if (added.empty() && updated.empty()) return Status::Ok();
  std::vector<std::string_view> columns(schema.columns.begin(), schema.columns.end());
  columns.push_back("start_job");
  OPENCEIR_ASSIGN_OR_RETURN(PgCopyIn copy,
                            PgCopyIn::Start(connection_.get(), schema.table, columns));
  for (const auto* rows : {&updated, &added}) {
    for (const ListRow* row : *rows) {
      for (const std::string& value : *row) copy.AddText(value);
      copy.AddInt64(id);
      OPENCEIR_RETURN_IF_ERROR(copy.EndRow());
      FaultPoint("pg_commit_row");
    }
  }
  Result<std::int64_t> copied = copy.Finish();
  if (!copied.ok()) {
    if (SqlStateOf(copied.status()) == "23505") {
      return AlreadyExistsError(fmt::format("list {}: cannot add a key already on the list: {}",
                                            schema.name, copied.status().message()));
    }
    return copied.status();
  }
  return Status::Ok();
}

Status PgRegistryStore::CommitListChanges(JobId id, ListKind kind, const ListChanges& changes,
                                          const JobCounts& counts) {
  const ListSchema& schema = SchemaOf(kind);
  OPENCEIR_RETURN_IF_ERROR(CheckListChanges(schema, changes));

  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunningJob(*connection_, id));
  // History stays linear only if a list's changes commit in job order: a job that started
  // before another job changed this list computed its changes against a stale list. The head's
  // row lock also makes a concurrent commit to the same list wait for this one.
  OPENCEIR_RETURN_IF_ERROR(
      AdvanceHead(*connection_, schema.table, id, fmt::format("list {}", schema.name)));
  OPENCEIR_RETURN_IF_ERROR(ApplyChanges(id, schema, changes));
  OPENCEIR_RETURN_IF_ERROR(
      EndRunningJob(*connection_, id, JobOutcome::kSucceeded, clock_->Now(), counts, ""));
  FaultPoint("pg_before_commit");
  return transaction.Commit();
}

}  // namespace openceir::store::postgresql
