// The query of a request URI, split into name=value pairs and percent-decoded (RFC 3986).
//
// Allocation-free once warm: the decoded text lives in one buffer owned by the QueryString, and
// the parameters are views into it, so a QueryString reused across requests keeps its capacity.
// '+' is a literal plus (RFC 3986), not a space as in HTML forms.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace openceir::eirhttp {

struct QueryParam {
  std::string_view name;
  std::string_view value;
  bool name_ok = true;    // false: the name had a bad percent escape ("%4", "%zz")
  bool value_ok = true;   // false: the value had a bad percent escape
  bool has_value = true;  // false: "name" with no '=' at all
};

class QueryString {
 public:
  // More parameters than any of our resources takes; a query with more is refused whole.
  static constexpr std::size_t kMaxParams = 16;

  // Splits `query` (the text after '?', without the '#fragment') on '&' and decodes each
  // pair. Empty pairs ("a=1&&b=2") are skipped. Returns false when there are more than
  // kMaxParams pairs; the parameters are then unspecified. Invalidates views from earlier calls.
  bool Parse(std::string_view query);

  std::size_t size() const { return count_; }
  const QueryParam& operator[](std::size_t i) const { return params_[i]; }
  const QueryParam* begin() const { return params_.data(); }
  const QueryParam* end() const { return params_.data() + count_; }

 private:
  std::string decoded_;
  std::array<QueryParam, kMaxParams> params_{};
  std::size_t count_ = 0;
};

// Decodes percent escapes of `encoded` into `out` (which must have room for encoded.size()
// chars). Returns the decoded length, or -1 on a malformed escape.
long PercentDecode(std::string_view encoded, char* out);

}  // namespace openceir::eirhttp
