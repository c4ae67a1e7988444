// A minimal PNG decoder for tests that look at screenshots: 8-bit RGB or RGBA, not interlaced
// (what headless chromium writes). Uses zlib only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace openceir::testing {

struct PngImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint32_t> pixels;  // 0xRRGGBB per pixel, row by row (alpha dropped)
};

// Decodes `bytes`; on failure returns false and says why in `error`.
bool DecodePng(const std::string& bytes, PngImage* image, std::string* error);

}  // namespace openceir::testing
