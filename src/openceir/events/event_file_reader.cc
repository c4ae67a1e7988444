#include "openceir/events/event_file_reader.h"

#include "openceir/observe/chunked_file_reader.h"

namespace openceir::events {

Status ReadEventFile(io::InputStream* input, EventRowParser* parser,
                     const EventBatchConsumer& consume, std::size_t max_line_bytes,
                     observe::RawDigest* raw) {
  return observe::ReadChunkedFile<EventRowParser, EventBatch>(input, parser, consume,
                                                              max_line_bytes, raw);
}

}  // namespace openceir::events
