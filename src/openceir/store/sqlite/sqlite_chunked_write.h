// ChunkedWrite: one multi-row statement (INSERT ... VALUES (...), (...), ...) run over many rows
// in chunks, so a large write runs few statements and stays within SQLite's 32766-parameter
// limit. Shared by the observation batch's upserts and the classification run's staging.
//
// Internal to store/sqlite. Not thread-safe (as the connection).
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "openceir/base/fault_point.h"
#include "openceir/base/status.h"
#include "openceir/store/sqlite/sqlite_connection.h"

namespace openceir::store::sqlite {

class ChunkedWrite {
 public:
  // make_sql(n): the statement for n rows of `params` parameters each (row r's first parameter
  // is r * params + 1). `fault_point` is hit after each chunk (crash tests).
  ChunkedWrite(std::size_t chunk_rows, int params, std::function<std::string(std::size_t)> make_sql,
               std::string_view fault_point)
      : chunk_rows_(chunk_rows),
        params_(params),
        make_sql_(std::move(make_sql)),
        fault_point_(fault_point) {}

  // Runs the statement over `rows`, binding each with bind(statement, first_parameter, row)
  // (bound values must stay valid until Write returns). The full-chunk statement is prepared
  // once and kept; a shorter last chunk's is prepared for it. Errors: the first failing
  // statement's; failed_chunk() then names its rows (backed out by SQLite; the chunks before it
  // stay written) and last_error() its SQLite result code.
  template <typename T, typename Bind>
  Status Write(Connection& connection, std::span<const T> rows, Bind bind) {
    for (std::size_t begin = 0; begin < rows.size();) {
      const std::size_t n = std::min(chunk_rows_, rows.size() - begin);
      std::optional<Statement> partial;
      Statement* statement = nullptr;
      if (n == chunk_rows_) {
        if (!full_.has_value()) {
          OPENCEIR_ASSIGN_OR_RETURN(Statement prepared, connection.Prepare(make_sql_(n)));
          full_.emplace(std::move(prepared));
        }
        statement = &*full_;
      } else {
        OPENCEIR_ASSIGN_OR_RETURN(Statement prepared, connection.Prepare(make_sql_(n)));
        partial.emplace(std::move(prepared));
        statement = &*partial;
      }
      for (std::size_t r = 0; r < n; ++r) {
        OPENCEIR_RETURN_IF_ERROR(
            bind(*statement, static_cast<int>(r) * params_ + 1, rows[begin + r]));
      }
      if (Status status = statement->Run(); !status.ok()) {
        failed_chunk_ = {begin, n};
        last_error_ = statement->last_error();
        return status;
      }
      FaultPoint(fault_point_);
      begin += n;
    }
    return Status::Ok();
  }

  // (first row, rows) of the chunk whose statement failed last.
  std::pair<std::size_t, std::size_t> failed_chunk() const { return failed_chunk_; }
  int last_error() const { return last_error_; }
  // Finalizes the kept statement (before its connection's transaction ends).
  void Reset() { full_.reset(); }

 private:
  std::size_t chunk_rows_;
  int params_;
  std::function<std::string(std::size_t)> make_sql_;
  std::string fault_point_;
  std::optional<Statement> full_;
  std::pair<std::size_t, std::size_t> failed_chunk_{0, 0};
  int last_error_ = 0;
};

}  // namespace openceir::store::sqlite
