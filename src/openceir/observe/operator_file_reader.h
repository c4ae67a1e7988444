// Reads an operator data file through three stages on three threads: a reader that fills
// chunks of whole lines from the (possibly compressed) input, a parser that validates them
// (OperatorRowParser), and the caller's thread, which consumes the parsed batches in file order.
// At most a few chunks and batches are in flight, so memory does not grow with the file.
#pragma once

#include <functional>

#include "openceir/base/status.h"
#include "openceir/io/input_file.h"
#include "openceir/observe/chunked_file_reader.h"
#include "openceir/observe/operator_row_parser.h"

namespace openceir::observe {

using ParsedBatchConsumer = std::function<Status(const ParsedBatch& batch)>;

// Parses all of `input` with `parser` (whose errors collect the file's problems) and calls
// `consume` for each batch, in order, on the calling thread. Returns the first I/O error of the
// input or error of `consume` (the pipeline stops there); input problems are not errors here,
// they are in the parser's error list. A line longer than `max_line_bytes` is reported there as
// line_too_long and ends the parse. Calls parser->Finish() after the last chunk. `raw`
// (optional): the SHA-256 of the bytes read, see RawDigest.
Status ReadOperatorFile(io::InputStream* input, OperatorRowParser* parser,
                        const ParsedBatchConsumer& consume,
                        std::size_t max_line_bytes = std::size_t{1} << 20,
                        RawDigest* raw = nullptr);

}  // namespace openceir::observe
