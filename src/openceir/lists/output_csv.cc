// OutputCsv: the output options, row by row.
#include "openceir/lists/output_csv.h"

#include <filesystem>

#include "openceir/identifiers/imei.h"

namespace openceir::lists {

Result<std::unique_ptr<OutputCsv>> OutputCsv::Create(const std::string& path,
                                                     const std::string& header, std::size_t columns,
                                                     const ListOptions& options) {
  OPENCEIR_ASSIGN_OR_RETURN(auto writer, RowWriter::Create(path, /*sha256=*/true));
  OPENCEIR_RETURN_IF_ERROR(writer->WriteRaw(header + "\n"));
  return std::unique_ptr<OutputCsv>(new OutputCsv(std::move(writer), columns, options));
}

Status OutputCsv::Write(const std::vector<std::string>& row) {
  const std::string& imei_norm = row[0];
  bool digits14 = identifiers::IsDigits14(imei_norm);
  if (!options_.output_invalid_imeis && !digits14) return Status::Ok();
  fields_.clear();
  if (options_.append_check_digit && digits14) {
    imei_ = identifiers::AppendLuhn(imei_norm);
    fields_.push_back(imei_);
  } else {
    fields_.push_back(imei_norm);
  }
  for (std::size_t i = 1; i < columns_ && i < row.size(); ++i) fields_.push_back(row[i]);
  return writer_->Write(fields_);
}

Result<ListFileRecord> OutputCsv::Finish() {
  OPENCEIR_RETURN_IF_ERROR(writer_->Close());
  ListFileRecord record;
  record.name = std::filesystem::path(writer_->path()).filename().string();
  record.rows = writer_->rows();
  record.bytes = writer_->bytes();
  record.sha256 = writer_->sha256_hex();
  return record;
}

Status CopyRows(const std::string& rows_path, OutputCsv& out) {
  OPENCEIR_ASSIGN_OR_RETURN(auto reader, RowReader::Open(rows_path));
  std::vector<std::string> row;
  while (true) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has, reader->Next(&row));
    if (!has) return Status::Ok();
    OPENCEIR_RETURN_IF_ERROR(out.Write(row));
  }
}

}  // namespace openceir::lists
