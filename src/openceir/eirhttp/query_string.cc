#include "openceir/eirhttp/query_string.h"

namespace openceir::eirhttp {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes `raw` at *out and advances *out past it. On a bad escape the raw text is kept (so
// an error message can quote it) and *ok is false. Either way the text is no longer than raw.
std::string_view DecodeInto(std::string_view raw, char** out, bool* ok) {
  char* begin = *out;
  long n = PercentDecode(raw, begin);
  *ok = n >= 0;
  if (!*ok) {
    raw.copy(begin, raw.size());
    n = static_cast<long>(raw.size());
  }
  *out += n;
  return {begin, static_cast<std::size_t>(n)};
}

}  // namespace

long PercentDecode(std::string_view encoded, char* out) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c != '%') {
      out[n++] = c;
      continue;
    }
    if (i + 2 >= encoded.size()) return -1;
    const int high = HexValue(encoded[i + 1]);
    const int low = HexValue(encoded[i + 2]);
    if (high < 0 || low < 0) return -1;
    out[n++] = static_cast<char>(high * 16 + low);
    i += 2;
  }
  return static_cast<long>(n);
}

bool QueryString::Parse(std::string_view query) {
  count_ = 0;
  // Decoding never makes text longer, so one buffer the size of the query holds every pair;
  // resize() only allocates when a longer query than any before arrives.
  if (decoded_.size() < query.size()) decoded_.resize(query.size());
  char* out = decoded_.data();
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    if (count_ == kMaxParams) return false;
    QueryParam& param = params_[count_++];
    const std::size_t eq = pair.find('=');
    param.has_value = eq != std::string_view::npos;
    const std::string_view raw_name = pair.substr(0, eq);
    const std::string_view raw_value = param.has_value ? pair.substr(eq + 1) : std::string_view();

    param.name = DecodeInto(raw_name, &out, &param.name_ok);
    param.value = DecodeInto(raw_value, &out, &param.value_ok);
  }
  return true;
}

}  // namespace openceir::eirhttp
