// CsvReader: a restartable record parser over a refillable buffer.
//
// The buffer holds [pos_, end_): the unparsed bytes, pos_ always at the start of a record. A
// record is parsed from pos_ in one go; when the data runs out before its end, the partial
// record is moved to the front of the buffer, more is read, and the record is parsed again from
// its start (each time it has grown by min(its size, one read): about twice in all with the
// default 1 MiB reads). Fields are views into the buffer; a quoted field holding "" is unescaped
// in place once its record is complete. A '\n' sentinel after the data lets the scanning loops
// test one table entry per byte and no bounds.
#include "openceir/csv/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "openceir/csv/utf8.h"

namespace openceir::csv {
namespace {

constexpr std::size_t kDefaultReadBytes = std::size_t{1} << 20;
// The buffer starts small and grows only for records that do not fit (up to the longest record,
// its CRLF and one read): most files never need more, and reads of this size parse as fast.
constexpr std::size_t kInitialCapacity = std::size_t{64} << 10;

// Byte classes; 0 = an ordinary byte that the scanning loops skip.
enum : unsigned char { kPlain = 0, kDelimiter, kQuote, kLf, kCr, kNonAscii };

// Skips 16 bytes at a time while none of them is non-ASCII or one of the four `special` bytes,
// and 16 bytes remain before `stop`. Returns the first such byte or where the last, shorter
// block starts; the table loop goes on from there. Long fields (band lists, names) are the
// bulk of a file's bytes: this makes them cost a few instructions per 16 bytes.
inline const unsigned char* SkipPlainBlocks(const unsigned char* p, const unsigned char* stop,
                                            const char (&special)[4]) {
#if defined(__SSE2__)
  const __m128i a = _mm_set1_epi8(special[0]);
  const __m128i b = _mm_set1_epi8(special[1]);
  const __m128i c = _mm_set1_epi8(special[2]);
  const __m128i d = _mm_set1_epi8(special[3]);
  while (stop - p >= 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, a), _mm_cmpeq_epi8(block, b)),
                     _mm_or_si128(_mm_cmpeq_epi8(block, c), _mm_cmpeq_epi8(block, d)));
    // The sign bit of each byte is set both for a hit and for a non-ASCII byte.
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(hits, block)));
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 16;
  }
#else
  (void)stop;
  (void)special;
#endif
  return p;
}

}  // namespace

class CsvReader::Impl {
 public:
  Impl(io::InputStream* input, char delimiter, QuoteMode quote_mode)
      : input_(input), delimiter_(delimiter) {
    assert(delimiter != '"' && delimiter != '\n' && delimiter != '\r' &&
           static_cast<unsigned char>(delimiter) < 0x80);
    for (int byte = 0x80; byte < 0x100; ++byte) {
      unquoted_[byte] = kNonAscii;
      quoted_[byte] = kNonAscii;
    }
    unquoted_[static_cast<unsigned char>(delimiter)] = kDelimiter;
    constexpr auto kQuoteByte = static_cast<unsigned char>('"');
    constexpr auto kLfByte = static_cast<unsigned char>('\n');
    unquoted_[kQuoteByte] = quoted_[kQuoteByte] = kQuote;
    unquoted_[kLfByte] = quoted_[kLfByte] = kLf;
    unquoted_[static_cast<unsigned char>('\r')] = kCr;
    // A literal quote is an ordinary byte of an unquoted field: the scanning loops skip it like
    // any other (the block skip looks for the delimiter twice instead), so it costs nothing.
    const bool literal = quote_mode == QuoteMode::kLiteralInUnquoted;
    if (literal) unquoted_[kQuoteByte] = kPlain;
    const char unquoted_specials[4] = {delimiter, literal ? delimiter : '"', '\n', '\r'};
    std::copy(unquoted_specials, unquoted_specials + 4, unquoted_specials_);
  }

  Result<bool> Next(CsvRecord* record);
  const std::string& display_name() const { return input_->display_name(); }
  void set_read_bytes(std::size_t bytes) { read_bytes_ = bytes; }
  void set_max_record_bytes(std::size_t bytes) { max_record_bytes_ = bytes; }

 private:
  enum class Outcome { kRecord, kNeedMore, kError };

  // Moves the unparsed bytes to the front, grows the buffer to hold `wanted` bytes of them, and
  // reads once.
  Status Refill(std::size_t wanted);
  Status SkipByteOrderMark();
  bool SkipEmptyLines();  // false when more data is needed to decide
  Outcome ParseRecord(CsvRecord* record);
  Outcome Parse(char* start, char* end, bool at_eof, CsvRecord* record);
  Outcome Fail(const char* where, const char* rule, const std::string& what);
  void Unescape(std::string_view* field);

  io::InputStream* input_;
  char delimiter_;
  unsigned char unquoted_[256] = {};
  unsigned char quoted_[256] = {};
  // The ASCII bytes of each table that are not kPlain, for SkipPlainBlocks.
  char unquoted_specials_[4] = {};
  char quoted_specials_[4] = {'"', '\n', '"', '\n'};
  std::size_t read_bytes_ = kDefaultReadBytes;
  std::size_t max_record_bytes_ = kMaxCsvRecordBytes;

  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;      // bytes of data the buffer can hold (plus one sentinel)
  std::size_t max_capacity_ = 0;  // the longest record with its CRLF, and one read
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool started_ = false;
  std::int64_t line_ = 1;                    // line of the byte at pos_
  Status error_;                             // sticky once set
  std::vector<std::size_t> escaped_fields_;  // indexes of quoted fields holding ""
};

Status CsvReader::Impl::Refill(std::size_t wanted) {
  if (pos_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  assert(wanted <= max_capacity_);
  if (wanted > capacity_) {
    const std::size_t grown = std::min(max_capacity_, std::max(wanted, 2 * capacity_));
    auto bigger = std::make_unique_for_overwrite<char[]>(grown + 1);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = grown;
  }
  const std::size_t want = std::min(read_bytes_, capacity_ - end_);
  assert(want > 0);
  OPENCEIR_ASSIGN_OR_RETURN(std::size_t count, input_->Read(buffer_.get() + end_, want));
  if (count == 0) eof_ = true;
  end_ += count;
  buffer_[end_] = '\n';
  return Status::Ok();
}

Status CsvReader::Impl::SkipByteOrderMark() {
  while (end_ - pos_ < 3 && !eof_) OPENCEIR_RETURN_IF_ERROR(Refill(3));
  if (end_ - pos_ >= 3 && std::memcmp(buffer_.get() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
  return Status::Ok();
}

bool CsvReader::Impl::SkipEmptyLines() {
  while (pos_ < end_) {
    const char c = buffer_[pos_];
    if (c == '\n') {
      pos_ += 1;
    } else if (c == '\r') {
      if (pos_ + 1 == end_) {
        if (!eof_) return false;
        pos_ += 1;  // a lone CR at the very end: an empty last line
        return true;
      }
      if (buffer_[pos_ + 1] != '\n') return true;  // a record starting with CR data
      pos_ += 2;
    } else {
      return true;
    }
    ++line_;
  }
  return true;
}

Result<bool> CsvReader::Impl::Next(CsvRecord* record) {
  if (!error_.ok()) return error_;
  if (!started_) {
    started_ = true;
    // The buffer may grow to the longest record with its CRLF and one read (plus the sentinel).
    max_capacity_ = max_record_bytes_ + 2 + read_bytes_;
    capacity_ = std::min(max_capacity_, kInitialCapacity);
    buffer_ = std::make_unique_for_overwrite<char[]>(capacity_ + 1);
    buffer_[0] = '\n';
    error_ = SkipByteOrderMark();
    if (!error_.ok()) return error_;
  }
  while (true) {
    Outcome outcome = Outcome::kNeedMore;
    if (SkipEmptyLines()) {
      if (pos_ == end_ && eof_) return false;
      if (pos_ < end_) outcome = ParseRecord(record);
    }
    if (outcome == Outcome::kRecord) return true;
    if (outcome == Outcome::kError) return error_;
    // The partial record is parsed again from its start, so read until it has grown by
    // min(its size, one read): the work stays linear when the input returns short reads (a
    // decompressor, a pipe) under long records, instead of one re-scan per short read.
    const std::size_t partial = end_ - pos_;
    const std::size_t wanted = partial + std::max<std::size_t>(1, std::min(partial, read_bytes_));
    do {
      error_ = Refill(wanted);
      if (!error_.ok()) return error_;
    } while (!eof_ && end_ - pos_ < wanted);
  }
}

CsvReader::Impl::Outcome CsvReader::Impl::ParseRecord(CsvRecord* record) {
  // The parse sees at most the longest record plus CRLF: past that it reports the record too
  // long at the same byte whatever the buffer size, before any error further on.
  char* start = buffer_.get() + pos_;
  char* end = buffer_.get() + end_;
  const std::size_t window = max_record_bytes_ + 2;
  if (end_ - pos_ <= window) return Parse(start, end, eof_, record);
  char* limit = start + window;
  const char saved = *limit;
  *limit = '\n';
  Outcome outcome = Parse(start, limit, /*at_eof=*/false, record);
  *limit = saved;
  if (outcome == Outcome::kNeedMore) {
    return Fail(start + max_record_bytes_, "csv_record_too_long",
                fmt::format("record longer than {} bytes", max_record_bytes_));
  }
  return outcome;
}

CsvReader::Impl::Outcome CsvReader::Impl::Fail(const char* where, const char* rule,
                                               const std::string& what) {
  const char* line_start = buffer_.get() + pos_;
  std::int64_t line = line_;
  for (const char* p = line_start; p < where; ++p) {
    if (*p == '\n') {
      ++line;
      line_start = p + 1;
    }
  }
  error_ = InvalidInputError(
      fmt::format("{}:{}:{}: {}: {}", display_name(), line, where - line_start + 1, rule, what));
  return Outcome::kError;
}

void CsvReader::Impl::Unescape(std::string_view* field) {
  // The view points into buffer_, which this reader owns and may rewrite.
  char* out = buffer_.get() + (field->data() - buffer_.get());
  const char* in = out;
  const char* in_end = in + field->size();
  char* write = out;
  while (in < in_end) {
    const char c = *in++;
    *write++ = c;
    if (c == '"') ++in;  // the second quote of a ""
  }
  *field = std::string_view(out, static_cast<std::size_t>(write - out));
}

CsvReader::Impl::Outcome CsvReader::Impl::Parse(char* start, char* end, bool at_eof,
                                                CsvRecord* record) {
  record->fields.clear();
  escaped_fields_.clear();
  std::int64_t newlines = 0;  // line breaks inside quoted fields
  const unsigned char* p = reinterpret_cast<const unsigned char*>(start);
  const unsigned char* const stop = reinterpret_cast<const unsigned char*>(end);
  const char* content_end = nullptr;  // the record's last byte + 1, before its line break
  std::size_t break_bytes = 0;        // 0 (end of file), 1 (LF) or 2 (CRLF)

  auto at = [](const unsigned char* q) { return reinterpret_cast<const char*>(q); };
  auto field_view = [&](const unsigned char* from, const unsigned char* to) {
    return std::string_view(at(from), static_cast<std::size_t>(to - from));
  };
  // Validates the non-ASCII sequence at p and steps over it; false with the outcome on failure.
  auto step_utf8 = [&](Outcome* outcome) {
    const int length = internal::Utf8SequenceLength(p, stop);
    if (length > 0) {
      p += length;
      return true;
    }
    if (length < 0 && !at_eof) {
      *outcome = Outcome::kNeedMore;
    } else {
      *outcome =
          Fail(at(p), "csv_invalid_utf8", fmt::format("byte 0x{:02X} is not valid UTF-8 here", *p));
    }
    return false;
  };

  while (content_end == nullptr) {  // one field per iteration
    if (p < stop && *p == '"') {
      const unsigned char* const open = p++;
      bool escaped = false;
      while (true) {
        p = SkipPlainBlocks(p, stop, quoted_specials_);
        while (quoted_[*p] == kPlain) ++p;
        if (p == stop) {
          if (!at_eof) return Outcome::kNeedMore;
          return Fail(at(open), "csv_unterminated_quote",
                      "quoted field not closed before the end of the file");
        }
        if (*p == '"') {
          if (p + 1 == stop && !at_eof) return Outcome::kNeedMore;
          if (p + 1 < stop && p[1] == '"') {
            escaped = true;
            p += 2;
            continue;
          }
          break;  // the closing quote
        }
        if (*p == '\n') {
          ++newlines;
          ++p;
          continue;
        }
        Outcome outcome = Outcome::kError;
        if (!step_utf8(&outcome)) return outcome;
      }
      if (escaped) escaped_fields_.push_back(record->fields.size());
      record->fields.push_back(field_view(open + 1, p));
      ++p;  // the closing quote
      if (p == stop) {
        if (!at_eof) return Outcome::kNeedMore;
        content_end = at(p);
      } else if (*p == static_cast<unsigned char>(delimiter_)) {
        ++p;
      } else if (*p == '\n') {
        content_end = at(p);
        break_bytes = 1;
      } else if (*p == '\r' && p + 1 == stop) {
        if (!at_eof) return Outcome::kNeedMore;
        content_end = at(p);
        break_bytes = 1;
      } else if (*p == '\r' && p[1] == '\n') {
        content_end = at(p);
        break_bytes = 2;
      } else {
        return Fail(at(p), "csv_stray_quote", "text after the closing quote of a quoted field");
      }
      continue;
    }

    const unsigned char* const field_start = p;
    while (true) {
      p = SkipPlainBlocks(p, stop, unquoted_specials_);
      while (unquoted_[*p] == kPlain) ++p;
      if (p == stop) {
        if (!at_eof) return Outcome::kNeedMore;
        record->fields.push_back(field_view(field_start, p));
        content_end = at(p);
        break;
      }
      const unsigned char kind = unquoted_[*p];
      if (kind == kDelimiter) {
        record->fields.push_back(field_view(field_start, p));
        ++p;
        break;
      }
      if (kind == kLf) {
        record->fields.push_back(field_view(field_start, p));
        content_end = at(p);
        break_bytes = 1;
        break;
      }
      if (kind == kCr) {
        if (p + 1 == stop) {
          if (!at_eof) return Outcome::kNeedMore;
          record->fields.push_back(field_view(field_start, p));
          content_end = at(p);
          break_bytes = 1;
          break;
        }
        if (p[1] == '\n') {
          record->fields.push_back(field_view(field_start, p));
          content_end = at(p);
          break_bytes = 2;
          break;
        }
        ++p;  // a CR that is not a line break is data
        continue;
      }
      if (kind == kQuote) {
        return Fail(at(p), "csv_stray_quote",
                    "quote inside an unquoted field (quote the whole field and double it)");
      }
      Outcome outcome = Outcome::kError;
      if (!step_utf8(&outcome)) return outcome;
    }
  }

  const std::size_t content_bytes = static_cast<std::size_t>(content_end - start);
  if (content_bytes > max_record_bytes_) {
    return Fail(start + max_record_bytes_, "csv_record_too_long",
                fmt::format("record longer than {} bytes", max_record_bytes_));
  }
  for (std::size_t index : escaped_fields_) Unescape(&record->fields[index]);
  record->line = line_;
  line_ += newlines + (break_bytes > 0 ? 1 : 0);
  pos_ += content_bytes + break_bytes;
  return Outcome::kRecord;
}

CsvReader::CsvReader(io::InputStream* input, char delimiter, QuoteMode quote_mode)
    : impl_(std::make_unique<Impl>(input, delimiter, quote_mode)) {}

CsvReader::~CsvReader() = default;

Result<bool> CsvReader::Next(CsvRecord* record) { return impl_->Next(record); }

const std::string& CsvReader::display_name() const { return impl_->display_name(); }

void CsvReader::SetBufferSizeForTest(std::size_t bytes) { impl_->set_read_bytes(bytes); }

void CsvReader::SetMaxRecordBytesForTest(std::size_t bytes) { impl_->set_max_record_bytes(bytes); }

}  // namespace openceir::csv
