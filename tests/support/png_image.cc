#include "tests/support/png_image.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>

namespace openceir::testing {
namespace {

std::uint32_t BigEndian32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

int Paeth(int a, int b, int c) {
  int p = a + b - c;
  int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

}  // namespace

bool DecodePng(const std::string& bytes, PngImage* image, std::string* error) {
  static const unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < 8 || std::memcmp(data, kSignature, 8) != 0) {
    *error = "not a PNG file";
    return false;
  }
  std::size_t pos = 8;
  int colour_type = -1;
  std::string idat;
  while (pos + 12 <= bytes.size()) {
    std::uint32_t length = BigEndian32(data + pos);
    std::string type(bytes, pos + 4, 4);
    if (pos + 12 + length > bytes.size()) break;
    const unsigned char* chunk = data + pos + 8;
    if (type == "IHDR") {
      image->width = static_cast<int>(BigEndian32(chunk));
      image->height = static_cast<int>(BigEndian32(chunk + 4));
      if (chunk[8] != 8 || chunk[12] != 0) {
        *error = "only 8-bit, non-interlaced PNGs are supported";
        return false;
      }
      colour_type = chunk[9];
    } else if (type == "IDAT") {
      idat.append(reinterpret_cast<const char*>(chunk), length);
    } else if (type == "IEND") {
      break;
    }
    pos += 12 + length;
  }
  if (colour_type != 2 && colour_type != 6) {
    *error =
        "only RGB and RGBA PNGs are supported (colour type " + std::to_string(colour_type) + ")";
    return false;
  }
  const std::size_t channels = colour_type == 6 ? 4 : 3;
  const std::size_t stride = channels * static_cast<std::size_t>(image->width);
  std::vector<unsigned char> raw((stride + 1) * static_cast<std::size_t>(image->height));
  uLongf raw_size = raw.size();
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(idat.data()), idat.size()) !=
          Z_OK ||
      raw_size != raw.size()) {
    *error = "the image data does not inflate to the expected size";
    return false;
  }
  std::vector<unsigned char> previous(stride, 0), row(stride);
  image->pixels.clear();
  image->pixels.reserve(static_cast<std::size_t>(image->width) *
                        static_cast<std::size_t>(image->height));
  for (int y = 0; y < image->height; ++y) {
    const unsigned char* line = raw.data() + static_cast<std::size_t>(y) * (stride + 1);
    const int filter = line[0];
    for (std::size_t x = 0; x < stride; ++x) {
      int a = x >= channels ? row[x - channels] : 0;
      int b = previous[x];
      int c = x >= channels ? previous[x - channels] : 0;
      int value = line[1 + x];
      switch (filter) {
        case 0: break;
        case 1: value += a; break;
        case 2: value += b; break;
        case 3: value += (a + b) / 2; break;
        case 4: value += Paeth(a, b, c); break;
        default: *error = "bad PNG filter " + std::to_string(filter); return false;
      }
      row[x] = static_cast<unsigned char>(value & 0xff);
    }
    for (int x = 0; x < image->width; ++x) {
      const unsigned char* p = row.data() + static_cast<std::size_t>(x) * channels;
      image->pixels.push_back((std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2]);
    }
    previous.swap(row);
  }
  return true;
}

}  // namespace openceir::testing
