// Minimal JSON text building into a caller-owned std::string, for the few small documents this
// server answers with (N5g-eir ProblemDetails, the REST check answer). Appending into a string
// that is reused across requests allocates nothing once its capacity has grown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace openceir::eirhttp {

// Appends `text` as a JSON string literal (quotes included), escaping '"', '\\' and control
// characters; bytes >= 0x80 are copied as they are (the input is expected to be UTF-8).
void AppendJsonString(std::string_view text, std::string* out);

// Appends the decimal form of `value`.
void AppendJsonInt(std::int64_t value, std::string* out);

}  // namespace openceir::eirhttp
