#include "openceir/observe/operator_file_reader.h"

#include "openceir/observe/chunked_file_reader.h"

namespace openceir::observe {

Status ReadOperatorFile(io::InputStream* input, OperatorRowParser* parser,
                        const ParsedBatchConsumer& consume, std::size_t max_line_bytes,
                        RawDigest* raw) {
  parser->set_max_line_bytes(max_line_bytes);
  return ReadChunkedFile<OperatorRowParser, ParsedBatch>(input, parser, consume, max_line_bytes,
                                                         raw);
}

}  // namespace openceir::observe
