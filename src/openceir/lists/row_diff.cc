// DiffRowFiles: a two-way merge.
#include "openceir/lists/row_diff.h"

#include <memory>

#include "openceir/lists/row_file.h"

namespace openceir::lists {

Status DiffRowFiles(const std::string& old_path, const std::string& new_path, std::size_t key_size,
                    const RowCallback& added, const RowCallback& removed,
                    const RowCallback& changed) {
  std::unique_ptr<RowReader> old_reader;
  if (!old_path.empty()) {
    OPENCEIR_ASSIGN_OR_RETURN(old_reader, RowReader::Open(old_path));
  }
  OPENCEIR_ASSIGN_OR_RETURN(auto new_reader, RowReader::Open(new_path));
  std::vector<std::string> old_row, new_row;
  bool has_old = false;
  if (old_reader) {
    OPENCEIR_ASSIGN_OR_RETURN(has_old, old_reader->Next(&old_row));
  }
  OPENCEIR_ASSIGN_OR_RETURN(bool has_new, new_reader->Next(&new_row));
  while (has_old || has_new) {
    int order = !has_old ? 1 : !has_new ? -1 : CompareKeys(old_row, new_row, key_size);
    if (order < 0) {
      OPENCEIR_RETURN_IF_ERROR(removed(old_row));
      OPENCEIR_ASSIGN_OR_RETURN(has_old, old_reader->Next(&old_row));
    } else if (order > 0) {
      OPENCEIR_RETURN_IF_ERROR(added(new_row));
      OPENCEIR_ASSIGN_OR_RETURN(has_new, new_reader->Next(&new_row));
    } else {
      if (old_row != new_row) OPENCEIR_RETURN_IF_ERROR(changed(new_row));
      OPENCEIR_ASSIGN_OR_RETURN(has_old, old_reader->Next(&old_row));
      OPENCEIR_ASSIGN_OR_RETURN(has_new, new_reader->Next(&new_row));
    }
  }
  return Status::Ok();
}

}  // namespace openceir::lists
