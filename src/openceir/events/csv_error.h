// Turning a csv::CsvReader error ("<file>:<line>:<column>: <rule>: <what>") into an entry of an
// error list, so that CSV syntax problems are listed like every other problem.
#pragma once

#include <string>

#include "openceir/base/status.h"
#include "openceir/observe/operator_data_error.h"

namespace openceir::events {

// Adds `error` (from CsvReader::Next on a stream named `display_name`) to `errors`, with its
// line, column and rule when the message has that shape, else as a whole-file csv_error.
void AddCsvError(const Status& error, const std::string& display_name,
                 observe::OperatorDataErrors* errors);

}  // namespace openceir::events
