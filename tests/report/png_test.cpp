#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "report/png_writer.h"
#include "report/slice_render.h"
#include "support/test_support.h"

namespace roiname::report {
namespace {

geometry::HuImage water_disc() {
  geometry::HuImage image;
  image.rows = image.columns = 64;
  image.position = {-63, -63, 0};
  image.row_spacing = image.column_spacing = 2;
  image.hu.assign(64 * 64, -1000);
  for (int r = 0; r < 64; ++r)
    for (int c = 0; c < 64; ++c)
      if ((r - 32) * (r - 32) + (c - 32) * (c - 32) < 400) image.hu[r * 64 + c] = 40;
  return image;
}

TEST(SliceRender, WindowMapsHuToGreyAndContoursAreDrawn) {
  RenderOptions options;
  // A square contour around patient x ∈ [1, 21], y ∈ [-9, 11] → columns 32..42, rows 27..37.
  options.overlays.push_back({{{{1, -9, 0}, {21, -9, 0}, {21, 11, 0}, {1, 11, 0}}}, {255, 0, 0}});
  const RgbImage out = render_slice(water_disc(), options);
  ASSERT_EQ(out.width, 64);
  auto pixel = [&](int x, int y) { return &out.pixels[(static_cast<std::size_t>(y) * 64 + x) * 3]; };
  EXPECT_EQ(pixel(0, 0)[0], 0);      // air, below the window
  EXPECT_EQ(pixel(30, 30)[1], 127);  // water at the level: mid grey
  EXPECT_EQ(pixel(32, 27)[0], 255);  // contour corner in red
  EXPECT_EQ(pixel(32, 27)[1], 0);
  EXPECT_EQ(pixel(37, 32)[0], pixel(37, 32)[1]);  // inside the contour: grey
}

TEST(PngWriter, WritesAValidPngAndRejectsMalformedImages) {
  testing::TempDir dir;
  const RgbImage out = render_slice(water_disc(), {});
  auto written = write_png(out, dir.path() / "slice.png");
  ASSERT_TRUE(written.ok()) << written.error().message;
  std::ifstream in(dir.path() / "slice.png", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "slice.png.tmp"));

  RgbImage bad;
  bad.width = 3;
  bad.height = 3;
  EXPECT_FALSE(write_png(bad, dir.path() / "bad.png").ok());
  EXPECT_FALSE(write_png(out, dir.path() / "no" / "such" / "dir.png").ok());
}

}  // namespace
}  // namespace roiname::report
