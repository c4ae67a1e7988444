// A published CSV file: a header, then rows with the output options applied to the IMEI (the
// first field): left out when not 14 digits and invalid IMEIs are not wanted, the Luhn check
// digit appended to 14-digit IMEIs when asked. Counts rows and hashes the file at the end.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/lists/list_request.h"
#include "openceir/lists/row_file.h"

namespace openceir::lists {

class OutputCsv {
 public:
  // Creates `path` and writes `header`. Rows keep their first `columns` fields.
  static Result<std::unique_ptr<OutputCsv>> Create(const std::string& path,
                                                   const std::string& header, std::size_t columns,
                                                   const ListOptions& options);

  // Writes one row (field 0: imei_norm), or nothing when the options leave the IMEI out.
  Status Write(const std::vector<std::string>& row);

  // Closes the file and returns its record (name = the file's base name; list, operator_id and
  // change left for the caller). Errors: IoError.
  Result<ListFileRecord> Finish();

  const std::string& path() const { return writer_->path(); }

 private:
  OutputCsv(std::unique_ptr<RowWriter> writer, std::size_t columns, const ListOptions& options)
      : writer_(std::move(writer)), columns_(columns), options_(options) {}

  std::unique_ptr<RowWriter> writer_;
  std::size_t columns_;
  ListOptions options_;
  std::string imei_;
  std::vector<std::string_view> fields_;
};

// Copies every row of the sorted row file `rows_path` to `out`.
Status CopyRows(const std::string& rows_path, OutputCsv& out);

}  // namespace openceir::lists
