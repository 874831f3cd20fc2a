// report.html as a real browser sees it: `roiname run` on a CT phantom with
// lateral ROIs (one drawn on the wrong side), then headless Chromium renders
// the page and the test asserts on the DOM it dumps.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "dicom/fixtures/fixture_writer.h"
#include "support/test_support.h"

namespace roiname {
namespace {

namespace fs = std::filesystem;
using roiname::testing::run_roiname;
using roiname::testing::run_shell;
using roiname::testing::shell_quote;
using roiname::testing::TempDir;

std::vector<Contour> box(double x0, double x1, double y0, double y1) {
  std::vector<Contour> contours;
  for (double z : {-5.0, 0.0, 5.0})
    contours.push_back({"CLOSED_PLANAR", {{x0, y0, z}, {x1, y0, z}, {x1, y1, z}, {x0, y1, z}}});
  return contours;
}

// A CT phantom (a water box, x -100..100) and a structure set drawn on it.
void write_phantom(const fs::path& folder) {
  dicom::fixtures::CtSeriesFixture ct;
  ct.hounsfield = [](const Point3& p) { return std::abs(p.x) < 100 && std::abs(p.y) < 80 ? 0.0 : -1000.0; };
  auto series = dicom::fixtures::write_ct_series(ct, folder / "ct");
  ASSERT_TRUE(series.ok()) << series.error().message;
  dicom::fixtures::RtstructFixture rs;
  rs.referenced_image_uids = series->sop_instance_uids;
  auto roi = [&](int number, std::string name, std::vector<Contour> contours, std::string type = "ORGAN") {
    dicom::fixtures::FixtureRoi r;
    r.number = number;
    r.name = std::move(name);
    r.contours = std::move(contours);
    r.interpreted_type = std::move(type);
    rs.rois.push_back(r);
  };
  roi(1, "BODY", box(-100, 100, -80, 80), "EXTERNAL");
  roi(2, "Lt Parotid", box(40, 60, -10, 10));  // on the left: consistent
  roi(3, "Rt Kidney", box(40, 60, 20, 40));    // also on the left: contradicts
  roi(4, "spinal cord", box(-5, 5, 30, 40));
  roi(5, "zz blob 7", box(-20, -10, 0, 10));
  ASSERT_TRUE(dicom::fixtures::write_rtstruct(rs, folder / "rs" / "rs.dcm").ok());
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlReportInBrowser, ChromiumRendersTablesVerdictsAndImages) {
  if (run_shell("command -v chromium").exit_code != 0)
    GTEST_SKIP() << "chromium is not installed (Debian package 'chromium', listed in scripts/packages.txt)";
  TempDir dir;
  write_phantom(dir.path() / "in");
  if (HasFatalFailure()) return;
  const fs::path out = dir.path() / "out";
  const auto run =
      run_roiname("run " + shell_quote((dir.path() / "in").string()) + " --out " + shell_quote(out.string()));
  ASSERT_LE(run.exit_code, 1) << run.err;

  const fs::path profile = dir.path() / "chromium-profile";
  const auto rendered = run_shell(
      "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
      "--disable-component-update --disable-sync --no-first-run --user-data-dir=" +
      shell_quote(profile.string()) + " --dump-dom " +
      shell_quote("file://" + (out / "report.html").string()) + " 2>/dev/null");
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  const std::string& dom = rendered.out;
  ASSERT_NE(dom.find("<title>roiname report</title>"), std::string::npos) << dom.substr(0, 500);

  // Run totals.
  EXPECT_NE(dom.find("<tr data-total=\"structure_sets\"><th>Structure sets</th><td>1</td></tr>"),
            std::string::npos);
  EXPECT_NE(
      dom.find(
          "<tr data-total=\"laterality_contradictions\"><th>Laterality contradictions</th><td>1</td></tr>"),
      std::string::npos);
  // One structure set, its table with five rows; review items come first.
  EXPECT_EQ(count(dom, "<section class=\"structure-set\""), 1);
  const std::size_t body = dom.find("<tbody>");
  ASSERT_NE(body, std::string::npos);
  const std::regex row("<tr class=\"([^\"]*)\" data-roi=\"(\\d+)\" data-action=\"([a-z_]+)\">");
  std::vector<std::string> classes;
  for (std::sregex_iterator it(dom.begin() + static_cast<long>(body), dom.end(), row), end; it != end; ++it)
    classes.push_back((*it)[1]);
  ASSERT_EQ(classes.size(), 5u);
  bool seen_plain = false;
  for (const auto& c : classes) {
    const bool review = c.find("review") != std::string::npos;
    EXPECT_FALSE(review && seen_plain) << "a review row after a row that needs none";
    seen_plain = seen_plain || !review;
  }
  // Changed names are highlighted: the renamed rows carry "changed".
  EXPECT_GE(count(dom, "class=\"changed"), 2);
  EXPECT_NE(dom.find(">Parotid_L</td>"), std::string::npos);
  // Laterality: a figure per lateral ROI, each with its CT slice embedded.
  EXPECT_NE(dom.find("data-roi=\"3\" data-verdict=\"contradicts\""), std::string::npos);
  EXPECT_NE(dom.find("data-roi=\"2\" data-verdict=\"consistent\""), std::string::npos);
  EXPECT_EQ(count(dom, "<img alt=\"CT slice through"), 2);
  EXPECT_EQ(count(dom, "src=\"data:image/png;base64,iVBORw0KGgo"), 2);
  // Self-contained: nothing fetched from elsewhere.
  EXPECT_EQ(dom.find("src=\"http"), std::string::npos);
  EXPECT_EQ(dom.find("href=\"http"), std::string::npos);
}

}  // namespace
}  // namespace roiname
