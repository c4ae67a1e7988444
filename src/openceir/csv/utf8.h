// UTF-8 validation of one multi-byte sequence, for the CSV reader's non-ASCII slow path.
#pragma once

#include <cstddef>

namespace openceir::csv::internal {

// The length (2..4) of the well-formed UTF-8 sequence starting at `p` (whose first byte is
// >= 0x80), 0 when it is ill-formed (stray continuation byte, overlong form, surrogate, above
// U+10FFFF, 0xF5..0xFF), or -1 when it is well-formed so far but `end` cuts it short.
// Requires p < end.
inline int Utf8SequenceLength(const unsigned char* p, const unsigned char* end) {
  const unsigned char lead = p[0];
  int length = 0;
  unsigned char low = 0x80;  // allowed range of the second byte
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  for (int i = 1; i < length; ++i) {
    if (p + i == end) return -1;
    const unsigned char byte = p[i];
    if (byte < (i == 1 ? low : 0x80) || byte > (i == 1 ? high : 0xBF)) return 0;
  }
  return length;
}

}  // namespace openceir::csv::internal
