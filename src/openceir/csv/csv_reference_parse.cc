// The reference CSV parse: one pass over the whole text with explicit positions.
#include "openceir/csv/csv_reference_parse.h"

#include <fmt/format.h>

namespace openceir::csv::test_support {
namespace {

constexpr int kEnd = -1;  // end of the text

class Reference {
 public:
  Reference(std::string_view text, char delimiter, const std::string& name, std::size_t max,
            QuoteMode quote_mode)
      : text_(text), delimiter_(delimiter), name_(name), max_(max), quote_mode_(quote_mode) {}

  ReferenceParse Run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") body_ = 3;
    std::size_t i = body_;
    while (result_.error.empty()) {
      // Empty lines.
      if (i < text_.size() && text_[i] == '\n') {
        ++i;
        continue;
      }
      if (text_.substr(i, 2) == "\r\n" || (i + 1 == text_.size() && text_[i] == '\r')) {
        i += text_.substr(i, 2) == "\r\n" ? 2u : 1u;
        continue;
      }
      if (i >= text_.size()) break;
      i = Record(i);
    }
    return result_;
  }

 private:
  // The byte at k of the record starting at `start`, kEnd at the end of the text; sets
  // too_long_ when the reader could not look that far (beyond the longest record + CRLF).
  int At(std::size_t k) {
    if (k >= start_ + max_ + 2 && text_.size() > start_ + max_ + 2) {
      too_long_ = true;
      return kEnd;
    }
    if (k >= text_.size()) return kEnd;
    return static_cast<unsigned char>(text_[k]);
  }

  void Error(std::size_t where, const char* rule, const std::string& what) {
    if (too_long_) {
      where = start_ + max_;
      rule = "csv_record_too_long";
    }
    std::int64_t line = 1;
    std::size_t line_start = body_;
    for (std::size_t k = 0; k < where; ++k) {
      if (text_[k] == '\n') {
        ++line;
        line_start = k + 1;
      }
    }
    const std::string message = too_long_ ? fmt::format("record longer than {} bytes", max_) : what;
    result_.error =
        fmt::format("{}:{}:{}: {}: {}", name_, line, where - line_start + 1, rule, message);
  }

  // Unicode 3-7: well-formed byte sequences. Returns the length, or 0 with an error set.
  std::size_t Utf8(std::size_t k) {
    const int lead = At(k);
    struct Range {
      int low, high;
    };
    std::vector<Range> follow;
    if (lead >= 0xC2 && lead <= 0xDF) follow = {{0x80, 0xBF}};
    if (lead == 0xE0) follow = {{0xA0, 0xBF}, {0x80, 0xBF}};
    if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
      follow = {{0x80, 0xBF}, {0x80, 0xBF}};
    }
    if (lead == 0xED) follow = {{0x80, 0x9F}, {0x80, 0xBF}};
    if (lead == 0xF0) follow = {{0x90, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}};
    if (lead >= 0xF1 && lead <= 0xF3) follow = {{0x80, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}};
    if (lead == 0xF4) follow = {{0x80, 0x8F}, {0x80, 0xBF}, {0x80, 0xBF}};
    bool ok = !follow.empty();
    for (std::size_t n = 0; ok && n < follow.size(); ++n) {
      const int byte = At(k + 1 + n);
      ok = byte >= follow[n].low && byte <= follow[n].high;
    }
    if (!ok) {
      Error(k, "csv_invalid_utf8", fmt::format("byte 0x{:02X} is not valid UTF-8 here", lead));
      return 0;
    }
    return 1 + follow.size();
  }

  // Length of the line break at k (1 or 2), or 0 when there is none. A CR at the very end
  // counts as a line break.
  std::size_t LineBreak(std::size_t k) {
    if (At(k) == '\n') return 1;
    if (At(k) == '\r') {
      const int next = At(k + 1);
      if (next == '\n') return 2;
      if (next == kEnd && !too_long_) return 1;
    }
    return 0;
  }

  // Parses the record at `start`; returns where the next one starts.
  std::size_t Record(std::size_t start) {
    start_ = start;
    too_long_ = false;
    ReferenceRecord record;
    record.line = 1;
    for (std::size_t k = 0; k < start; ++k) record.line += text_[k] == '\n' ? 1 : 0;
    std::size_t i = start;
    std::size_t brk = 0;
    while (true) {
      std::string field;
      if (At(i) == '"') {
        const std::size_t open = i++;
        while (true) {
          const int c = At(i);
          if (c == kEnd) {
            Error(open, "csv_unterminated_quote",
                  "quoted field not closed before the end of the file");
            return text_.size();
          }
          if (c == '"') {
            if (At(i + 1) == '"') {
              field += '"';
              i += 2;
              continue;
            }
            if (too_long_) {
              Error(i, "", "");
              return text_.size();
            }
            ++i;
            break;
          }
          if (c >= 0x80) {
            const std::size_t n = Utf8(i);
            if (n == 0) return text_.size();
            field.append(text_.substr(i, n));
            i += n;
            continue;
          }
          field += static_cast<char>(c);
          ++i;
        }
        record.fields.push_back(field);
        if (At(i) == delimiter_) {
          ++i;
          continue;
        }
        brk = LineBreak(i);
        if (brk > 0 || (At(i) == kEnd && !too_long_)) break;
        if (too_long_) {
          Error(i, "", "");
        } else {
          Error(i, "csv_stray_quote", "text after the closing quote of a quoted field");
        }
        return text_.size();
      }
      while (true) {
        const int c = At(i);
        if (too_long_) {
          Error(i, "", "");
          return text_.size();
        }
        if (c == kEnd || c == delimiter_ || (brk = LineBreak(i)) > 0) break;
        if (too_long_) {
          Error(i, "", "");
          return text_.size();
        }
        // Only the first byte of a field opens a quoted field; later quotes are an error or,
        // in the literal mode, data like any other ASCII byte.
        if (c == '"' && quote_mode_ == QuoteMode::kStrict) {
          Error(i, "csv_stray_quote",
                "quote inside an unquoted field (quote the whole field and double it)");
          return text_.size();
        }
        if (c >= 0x80) {
          const std::size_t n = Utf8(i);
          if (n == 0) return text_.size();
          field.append(text_.substr(i, n));
          i += n;
          continue;
        }
        field += static_cast<char>(c);
        ++i;
      }
      record.fields.push_back(field);
      if (At(i) == delimiter_) {
        ++i;
        continue;
      }
      break;
    }
    if (i - start > max_) {
      too_long_ = true;
      Error(i, "", "");
      return text_.size();
    }
    result_.records.push_back(record);
    return i + brk;
  }

  std::string_view text_;
  char delimiter_;
  std::string name_;
  std::size_t max_;
  QuoteMode quote_mode_;
  std::size_t body_ = 0;
  std::size_t start_ = 0;
  bool too_long_ = false;
  ReferenceParse result_;
};

}  // namespace

ReferenceParse ParseReference(std::string_view text, char delimiter,
                              const std::string& display_name, std::size_t max_record_bytes,
                              QuoteMode quote_mode) {
  return Reference(text, delimiter, display_name, max_record_bytes, quote_mode).Run();
}

}  // namespace openceir::csv::test_support
