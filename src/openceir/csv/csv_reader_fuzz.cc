// libFuzzer target: CsvReader must give exactly the records, or the error, of the whole-string
// reference parse, whatever the buffer size, the read sizes of the input and the record limit.
//
// Input layout: byte 0 picks the reading (bits 0-2: bytes per read 1..7, or 4096 when 7; bit 3:
// '|' instead of ','; bits 4-5: input reads capped at 1, 2 or 3 bytes, or uncapped; bit 6:
// QuoteMode::kLiteralInUnquoted instead of kStrict), byte 1 the
// record limit (1..64 bytes, or the default 1 MiB when 0xFF); the rest is the CSV text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "openceir/csv/csv_reader.h"
#include "openceir/csv/csv_reference_parse.h"
#include "openceir/io/memory_input_stream.h"

namespace {

using openceir::csv::CsvReader;
using openceir::csv::CsvRecord;
using openceir::csv::test_support::ReferenceParse;
using openceir::csv::test_support::ReferenceRecord;

void Report(const char* what, std::string_view text, std::size_t index) {
  std::fprintf(stderr, "csv_reader_fuzz: %s (record %zu) for %zu bytes of text\n", what, index,
               text.size());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t mode = data[0];
  const std::size_t read_bytes = (mode & 7) == 7 ? 4096 : 1 + (mode & 7);
  const char delimiter = (mode & 8) != 0 ? '|' : ',';
  const std::size_t caps[] = {std::numeric_limits<std::size_t>::max(), 1, 2, 3};
  const std::size_t max_read = caps[(mode >> 4) & 3];
  const openceir::csv::QuoteMode quote_mode = (mode & 0x40) != 0
                                                  ? openceir::csv::QuoteMode::kLiteralInUnquoted
                                                  : openceir::csv::QuoteMode::kStrict;
  const std::size_t max_record =
      data[1] == 0xFF ? openceir::csv::kMaxCsvRecordBytes : 1 + data[1] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);

  const ReferenceParse expected = openceir::csv::test_support::ParseReference(
      text, delimiter, "fuzz.csv", max_record, quote_mode);

  auto input = openceir::io::MemoryInputStream::View(text, "fuzz.csv", max_read);
  CsvReader reader(&input, delimiter, quote_mode);
  reader.SetBufferSizeForTest(read_bytes);
  if (max_record != openceir::csv::kMaxCsvRecordBytes) reader.SetMaxRecordBytesForTest(max_record);

  CsvRecord record;
  std::size_t index = 0;
  while (true) {
    openceir::Result<bool> more = reader.Next(&record);
    if (!more.ok()) {
      if (more.status().message() != expected.error) {
        std::fprintf(stderr, "reader: %s\nreference: %s\n", more.status().message().c_str(),
                     expected.error.c_str());
        Report("different error", text, index);
      }
      if (index != expected.records.size()) Report("error after too few records", text, index);
      openceir::Result<bool> again = reader.Next(&record);
      if (again.ok() || again.status().message() != expected.error) {
        Report("error not sticky", text, index);
      }
      return 0;
    }
    if (!*more) {
      if (!expected.error.empty()) {
        std::fprintf(stderr, "reference: %s\n", expected.error.c_str());
        Report("reader ended without the error", text, index);
      }
      if (index != expected.records.size()) Report("different record count", text, index);
      openceir::Result<bool> again = reader.Next(&record);
      if (!again.ok() || *again) Report("end not sticky", text, index);
      return 0;
    }
    if (index >= expected.records.size()) Report("extra record", text, index);
    const ReferenceRecord& want = expected.records[index];
    if (record.line != want.line) Report("different line", text, index);
    if (record.fields.size() != want.fields.size()) Report("different field count", text, index);
    for (std::size_t k = 0; k < want.fields.size(); ++k) {
      if (record.fields[k] != want.fields[k]) Report("different field", text, index);
    }
    ++index;
  }
}
