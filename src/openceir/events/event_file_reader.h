// Reads an events file through three stages on three threads: a reader that fills
// chunks of whole lines from the (possibly compressed) input, a parser that validates them
// (EventRowParser), and the caller's thread, which consumes the parsed batches in file order.
// At most a few chunks and batches are in flight, so memory does not grow with the file.
#pragma once

#include <functional>

#include "openceir/base/status.h"
#include "openceir/events/event_row_parser.h"
#include "openceir/io/input_file.h"
#include "openceir/observe/chunked_file_reader.h"

namespace openceir::events {

using EventBatchConsumer = std::function<Status(const EventBatch& batch)>;

// Parses all of `input` with `parser` (whose errors collect the file's problems) and calls
// `consume` for each batch, in order, on the calling thread. Returns the first I/O error of the
// input or error of `consume` (the pipeline stops there); input problems are not errors here,
// they are in the parser's error list. A line longer than `max_line_bytes` is reported there as
// line_too_long and ends the parse. Calls parser->Finish() after the last chunk. `raw`
// (optional): the SHA-256 of the bytes read, see RawDigest.
Status ReadEventFile(io::InputStream* input, EventRowParser* parser,
                     const EventBatchConsumer& consume,
                     std::size_t max_line_bytes = std::size_t{1} << 20,
                     observe::RawDigest* raw = nullptr);

}  // namespace openceir::events
