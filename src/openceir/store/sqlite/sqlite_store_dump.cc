#include "openceir/store/sqlite/sqlite_store_dump.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "openceir/store/sqlite/sqlite_connection.h"

namespace openceir::store {
namespace {

using sqlite::Connection;
using sqlite::Statement;

// A column of a store table and the affinity its declared type gives it.
struct TableColumn {
  std::string name;
  enum class Affinity { kInteger, kReal, kText, kBlob } affinity;
};

// SQLite's affinity rules (section 3.1 of "Datatypes In SQLite") for the types the store uses.
TableColumn::Affinity AffinityOf(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (type.find("INT") != std::string::npos) return TableColumn::Affinity::kInteger;
  if (type.find("CHAR") != std::string::npos || type.find("CLOB") != std::string::npos ||
      type.find("TEXT") != std::string::npos) {
    return TableColumn::Affinity::kText;
  }
  if (type.empty() || type.find("BLOB") != std::string::npos) return TableColumn::Affinity::kBlob;
  return TableColumn::Affinity::kReal;
}

// The columns of `table`, in name order (the dump's order).
Result<std::vector<TableColumn>> ColumnsOf(Connection& db, std::string_view table) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement info,
                            db.Prepare("SELECT name, type FROM pragma_table_info(?1)"));
  OPENCEIR_RETURN_IF_ERROR(info.BindText(1, table));
  std::vector<TableColumn> columns;
  while (true) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, info.Step());
    if (!row) break;
    columns.push_back(
        TableColumn{std::string(info.ColumnText(0)), AffinityOf(std::string(info.ColumnText(1)))});
  }
  if (columns.empty()) {
    return FailedPreconditionError(fmt::format(
        "{}: has no table {}: run `openceir db migrate` on it first", db.path(), table));
  }
  std::sort(columns.begin(), columns.end(),
            [](const TableColumn& a, const TableColumn& b) { return a.name < b.name; });
  return columns;
}

std::string ColumnList(const std::vector<TableColumn>& columns) {
  std::string list;
  for (const TableColumn& column : columns) {
    if (!list.empty()) list += ", ";
    list += fmt::format("\"{}\"", column.name);
  }
  return list;
}

Status ExportTable(Connection& db, const DumpTableSpec& spec, StoreDumpWriter& writer) {
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<TableColumn> columns, ColumnsOf(db, spec.name));
  std::vector<std::string> names;
  for (const TableColumn& column : columns) names.push_back(column.name);
  OPENCEIR_RETURN_IF_ERROR(writer.BeginTable(spec.name, names));
  std::string order_by;
  for (std::string_view column : spec.order_by) {
    if (!order_by.empty()) order_by += ", ";
    order_by += fmt::format("\"{}\"", column);
  }
  OPENCEIR_ASSIGN_OR_RETURN(Statement select,
                            db.Prepare(fmt::format("SELECT {} FROM \"{}\" ORDER BY {}",
                                                   ColumnList(columns), spec.name, order_by)));
  std::vector<std::string> texts(columns.size());
  std::vector<std::optional<std::string_view>> fields(columns.size());
  while (true) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      int index = static_cast<int>(i);
      switch (select.ColumnKind(index)) {
        case Statement::ValueKind::kNull: fields[i] = std::nullopt; continue;
        case Statement::ValueKind::kInteger:
          texts[i] = fmt::format("{}", select.ColumnInt64(index));
          break;
        case Statement::ValueKind::kReal:
          texts[i] = DumpRealText(select.ColumnDouble(index));
          break;
        case Statement::ValueKind::kText: texts[i] = std::string(select.ColumnText(index)); break;
        case Statement::ValueKind::kBlob: texts[i] = DumpBytesText(select.ColumnBlob(index)); break;
      }
      fields[i] = texts[i];
    }
    OPENCEIR_RETURN_IF_ERROR(writer.AddRow(fields));
  }
  return writer.EndTable();
}

// Binds one dump field to parameter `index` as its column's type wants it.
Status BindField(Statement& insert, int index, const TableColumn& column,
                 std::optional<std::string_view> field, std::string* bytes) {
  if (!field) return insert.BindNull(index);
  const char* begin = field->data();
  const char* end = begin + field->size();
  switch (column.affinity) {
    case TableColumn::Affinity::kInteger: {
      std::int64_t value = 0;
      auto [at, error] = std::from_chars(begin, end, value);
      if (error != std::errc() || at != end) {
        return InvalidInputError(
            fmt::format("column {}: \"{}\" is not an integer", column.name, *field));
      }
      return insert.BindInt64(index, value);
    }
    case TableColumn::Affinity::kReal: {
      double value = 0;
      auto [at, error] = std::from_chars(begin, end, value);
      if (error != std::errc() || at != end) {
        return InvalidInputError(
            fmt::format("column {}: \"{}\" is not a number", column.name, *field));
      }
      return insert.BindDouble(index, value);
    }
    case TableColumn::Affinity::kText: return insert.BindStaticText(index, *field);
    case TableColumn::Affinity::kBlob: {
      auto parsed = ParseDumpBytes(*field);
      if (!parsed.ok()) {
        return InvalidInputError(
            fmt::format("column {}: {}", column.name, parsed.status().message()));
      }
      *bytes = std::move(*parsed);
      return insert.BindStaticBlob(index, *bytes);
    }
  }
  return InternalError("unknown affinity");
}

Status ImportTable(Connection& db, const StoreDumpReader& reader, const DumpTableSpec& spec) {
  const DumpTable& dumped = reader.table(spec.name);
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<TableColumn> columns, ColumnsOf(db, spec.name));
  std::vector<std::string> names;
  for (const TableColumn& column : columns) names.push_back(column.name);
  OPENCEIR_RETURN_IF_ERROR(CheckDumpColumns(dumped, names));
  if (spec.seeded) {
    OPENCEIR_RETURN_IF_ERROR(db.ExecScript(fmt::format("DELETE FROM \"{}\"", spec.name)));
  }
  OPENCEIR_ASSIGN_OR_RETURN(Statement any,
                            db.Prepare(fmt::format("SELECT 1 FROM \"{}\" LIMIT 1", spec.name)));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_rows, any.Step());
  if (has_rows) {
    return FailedPreconditionError(fmt::format(
        "{}: table {} has rows: a dump is imported into a new store only", db.path(), spec.name));
  }
  std::string placeholders;
  for (std::size_t i = 1; i <= columns.size(); ++i) {
    placeholders += fmt::format("{}?{}", i == 1 ? "" : ", ", i);
  }
  OPENCEIR_ASSIGN_OR_RETURN(Statement insert,
                            db.Prepare(fmt::format("INSERT INTO \"{}\" ({}) VALUES ({})", spec.name,
                                                   ColumnList(columns), placeholders)));
  std::vector<std::string> bytes(columns.size());
  std::int64_t row_number = 0;
  return reader.ReadTable(spec.name, [&](DumpRow fields) -> Status {
    ++row_number;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      Status bound = BindField(insert, static_cast<int>(i + 1), columns[i], fields[i], &bytes[i]);
      if (!bound.ok()) {
        return InvalidInputError(
            fmt::format("{}.tsv: row {}: {}", spec.name, row_number, bound.message()));
      }
    }
    Status ran = insert.Run();
    if (!ran.ok()) {
      return Status(ran.code(),
                    fmt::format("{}.tsv: row {}: {}", spec.name, row_number, ran.message()));
    }
    return Status::Ok();
  });
}

}  // namespace

Status ExportSqliteStore(const std::string& path, StoreDumpWriter& writer) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return FailedPreconditionError(fmt::format("no store at {}", path));
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<Connection> db, Connection::Open(path));
  // A deferred transaction reads one snapshot of the WAL from its first SELECT to its end.
  OPENCEIR_RETURN_IF_ERROR(db->ExecScript("BEGIN"));
  for (const DumpTableSpec& spec : DumpTables()) {
    Status exported = ExportTable(*db, spec, writer);
    if (!exported.ok()) {
      db->ExecScript("ROLLBACK").IgnoreError();
      return exported;
    }
  }
  return db->ExecScript("COMMIT");
}

Status ImportSqliteStore(const std::string& path, const StoreDumpReader& reader) {
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<Connection> db, Connection::Open(path));
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Transaction> transaction,
                            sqlite::Transaction::Begin(db.get()));
  for (const DumpTableSpec& spec : DumpTables()) {
    OPENCEIR_RETURN_IF_ERROR(ImportTable(*db, reader, spec));
  }
  // Derived: the (month, operator) partitions the summary scan merges (sqlite/README.md).
  OPENCEIR_RETURN_IF_ERROR(
      db->ExecScript("DELETE FROM obs_triplet_partition;"
                     "INSERT INTO obs_triplet_partition (month, operator_id) "
                     "SELECT DISTINCT month, operator_id FROM obs_triplet;"));
  return transaction->Commit();
}

}  // namespace openceir::store
