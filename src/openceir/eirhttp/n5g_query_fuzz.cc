// libFuzzer target for the query parser and the N5g-eir query checks: no crash on any input,
// and the invariants the resources rely on: decoding never grows the text, re-encoding every
// decoded parameter and parsing again gives the same parameters, an accepted IMEI PEI has its
// 15 or 16 digits, and a refusal always names a cause and a parameter.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/eirhttp/n5g_query.h"
#include "openceir/eirhttp/query_string.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

void AppendEncoded(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out->push_back('%');
    out->push_back(kHex[byte >> 4]);
    out->push_back(kHex[byte & 0xF]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace openceir::eirhttp;  // NOLINT(google-build-using-namespace)
  const std::string_view raw(reinterpret_cast<const char*>(data), size);

  QueryString query;
  if (!query.Parse(raw)) return 0;
  std::size_t decoded_bytes = 0;
  std::string encoded;
  std::vector<std::pair<std::string, std::string>> params;
  for (const QueryParam& param : query) {
    decoded_bytes += param.name.size() + param.value.size();
    Require(!param.name.empty() || param.has_value);
    if (!param.name_ok || !param.value_ok) continue;
    if (param.name.empty() && param.value.empty()) continue;  // "=" re-encodes to nothing
    params.emplace_back(param.name, param.value);
    if (!encoded.empty()) encoded.push_back('&');
    AppendEncoded(param.name, &encoded);
    encoded.push_back('=');
    AppendEncoded(param.value, &encoded);
  }
  Require(decoded_bytes <= raw.size());

  QueryString again;
  Require(again.Parse(encoded));
  Require(again.size() == params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    Require(again[i].name_ok && again[i].value_ok);
    Require(again[i].name == params[i].first && again[i].value == params[i].second);
  }

  N5gQuery n5g;
  Problem problem;
  if (ParseN5gQuery(query, &n5g, &problem)) {
    if (n5g.pei_form == PeiForm::kImei) Require(n5g.imei.size() == 15);
    if (n5g.pei_form == PeiForm::kImeiSv) Require(n5g.imei.size() == 16);
    if (n5g.imsi) Require(n5g.imsi->size() >= 5 && n5g.imsi->size() <= 15);
  } else {
    Require(problem.status == 400 && !problem.cause.empty() && !problem.reason.empty());
  }
  return 0;
}
