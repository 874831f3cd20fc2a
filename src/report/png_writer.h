// PNG files from 8-bit RGB pixels (libpng).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace roiname::report {

struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width × height × 3, row-major, top row first

  void set(int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b);
};

// The PNG bytes of `image` (for embedding in HTML). Fails when the image is
// malformed.
Result<std::string> encode_png(const RgbImage& image);

// Writes `image` to `file` (through a temporary file renamed into place).
// Fails when the image is malformed or the file cannot be written.
Result<std::filesystem::path> write_png(const RgbImage& image, const std::filesystem::path& file);

}  // namespace roiname::report
