#include "report/png_writer.h"

#include <png.h>

#include <cstdio>
#include <system_error>

namespace roiname::report {

void RgbImage::set(int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  if (x < 0 || y < 0 || x >= width || y >= height) return;
  const std::size_t at = (static_cast<std::size_t>(y) * width + x) * 3;
  pixels[at] = r;
  pixels[at + 1] = g;
  pixels[at + 2] = b;
}

Result<std::string> encode_png(const RgbImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 3)
    return Error{"cannot encode PNG: malformed image"};
  png_image header{};
  header.version = PNG_IMAGE_VERSION;
  header.width = static_cast<png_uint_32>(image.width);
  header.height = static_cast<png_uint_32>(image.height);
  header.format = PNG_FORMAT_RGB;
  // First call sizes the buffer, second fills it.
  png_alloc_size_t size = 0;
  if (png_image_write_to_memory(&header, nullptr, &size, 0, image.pixels.data(), image.width * 3, nullptr) ==
      0) {
    std::string reason = header.message;
    png_image_free(&header);
    return Error{"cannot encode PNG: " + reason};
  }
  std::string bytes(size, '\0');
  if (png_image_write_to_memory(&header, bytes.data(), &size, 0, image.pixels.data(), image.width * 3,
                                nullptr) == 0) {
    std::string reason = header.message;
    png_image_free(&header);
    return Error{"cannot encode PNG: " + reason};
  }
  bytes.resize(size);
  return bytes;
}

Result<std::filesystem::path> write_png(const RgbImage& image, const std::filesystem::path& file) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 3)
    return Error{"cannot write " + file.string() + ": malformed image"};
  const std::filesystem::path temporary = file.string() + ".tmp";

  // libpng's simplified API: no setjmp needed.
  png_image header{};
  header.version = PNG_IMAGE_VERSION;
  header.width = static_cast<png_uint_32>(image.width);
  header.height = static_cast<png_uint_32>(image.height);
  header.format = PNG_FORMAT_RGB;
  if (png_image_write_to_file(&header, temporary.c_str(), 0, image.pixels.data(), image.width * 3, nullptr) ==
      0) {
    std::string reason = header.message;
    png_image_free(&header);
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return Error{"cannot write " + file.string() + ": " + reason};
  }
  std::error_code error;
  std::filesystem::rename(temporary, file, error);
  if (error) return Error{"cannot write " + file.string() + ": " + error.message()};
  return file;
}

}  // namespace roiname::report
