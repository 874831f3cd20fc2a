// roiname check-laterality PATH... : does every ROI whose name states a side
// lie on that side of the patient? Exit 1 when one does not.
#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <cmath>
#include <filesystem>

#include "commands.h"
#include "dicom/ct_pixels.h"
#include "dicom/scan.h"
#include "laterality_output.h"
#include "report/png_writer.h"
#include "report/slice_render.h"

namespace roiname::cli {
namespace {

struct CheckLateralityCli {
  std::vector<std::string> paths;
  std::string format = "table";
  bool propose_side_fix = false;
  bool raw_names_only = false;
  std::string png_dir;
  double tolerance_mm = 5;
};

std::string file_safe(std::string_view text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
  return out.substr(0, 40);
}

// One PNG per measured lateral ROI: the CT slice nearest its centroid with
// its contours, the midline and the centroid drawn.
std::vector<std::string> write_images(const dicom::LateralityRun& run, const ImageSeries* series,
                                      const std::filesystem::path& dir, std::size_t set_index,
                                      std::vector<std::string>& notes) {
  std::vector<std::string> written;
  if (series == nullptr || series->modality != "CT") {
    notes.push_back("no CT: no images written");
    return written;
  }
  for (const auto& verdict : run.report.verdicts) {
    if (!verdict.measured) continue;
    const auto index = dicom::slice_near_z(*series, verdict.centroid_z);
    if (!index) {
      notes.push_back("no CT slice at z " + fmt::format("{:.1f}", verdict.centroid_z) + " for " +
                      verdict.roi_name);
      continue;
    }
    auto image = dicom::read_hu_image(series->slices[*index].file);
    if (!image) {
      notes.push_back(image.error().message);
      continue;
    }
    report::RenderOptions options;
    options.marker = Point3{verdict.centroid_x, 0, verdict.centroid_z};
    options.vertical_line_x = verdict.midline_x;
    report::Overlay overlay;
    overlay.color = verdict.status == LateralityStatus::contradicts
                        ? std::array<std::uint8_t, 3>{255, 40, 40}
                        : std::array<std::uint8_t, 3>{40, 220, 40};
    for (const auto& shape : run.shapes) {
      if (shape.number != verdict.roi_number) continue;
      const double image_z = image->pixel_position((image->rows - 1) / 2.0, (image->columns - 1) / 2.0).z;
      for (const auto& slice : shape.geometry.slices)
        if (std::abs(slice.position * (shape.geometry.stacking_axis.z < 0 ? -1 : 1) - image_z) <=
            slice.thickness / 2)
          for (const auto& polygon : slice.polygons) overlay.polygons.push_back(polygon.points);
      // The marker sits in the image plane: put its y on the ROI's centroid.
      options.marker = Point3{verdict.centroid_x, shape.geometry.centroid.y, image_z};
    }
    options.overlays.push_back(std::move(overlay));
    const auto file = dir / fmt::format("{:02}_roi{}_{}.png", set_index + 1, verdict.roi_number,
                                        file_safe(verdict.roi_name));
    auto result = report::write_png(report::render_slice(*image, options), file);
    if (result)
      written.push_back(file.string());
    else
      notes.push_back(result.error().message);
  }
  return written;
}

}  // namespace

Action define_check_laterality(CLI::App& app) {
  auto cli = std::make_shared<CheckLateralityCli>();
  app.add_option("PATH", cli->paths, "DICOM files or folders (RTSTRUCTs and their CT, searched recursively)")
      ->required()
      ->check(CLI::ExistingPath);
  app.add_option("--format", cli->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_str("table");
  app.add_flag("--propose-side-fix", cli->propose_side_fix,
               "For each contradiction, propose the mirrored name (never applied; the ROI stays flagged)");
  app.add_flag(
      "--raw-names-only", cli->raw_names_only,
      "Read sides from the ROI names as written only, not also from the rules engine's standard names");
  app.add_option("--png-dir", cli->png_dir,
                 "Write a PNG of the CT slice through each lateral ROI's centroid here");
  app.add_option("--tolerance", cli->tolerance_mm,
                 "Centroids closer than this to the midline are indeterminate (mm)")
      ->check(CLI::Range(0.0, 100.0))
      ->default_str("5");
  return [cli] {
    const std::vector<std::filesystem::path> roots(cli->paths.begin(), cli->paths.end());
    const ScanResult scan = dicom::scan_paths(roots);
    LateralityOptions options;
    options.propose_side_fix = cli->propose_side_fix;
    options.tolerance_mm = cli->tolerance_mm;
    options.use_standard_names = !cli->raw_names_only;
    if (!cli->png_dir.empty()) {
      std::error_code error;
      std::filesystem::create_directories(cli->png_dir, error);
      if (error) {
        fmt::print(stderr, "roiname: cannot create {}: {}\n", cli->png_dir, error.message());
        return int{kExitUsage};
      }
    }

    std::vector<LateralityOutcome> outcomes;
    bool failed = !scan.errors.empty();
    for (std::size_t i = 0; i < scan.structure_sets.size(); ++i) {
      const StructureSet& set = scan.structure_sets[i];
      const ImageSeries* series = nullptr;
      for (const auto& candidate : scan.image_series)
        if (candidate.series_instance_uid == scan.image_links[i].series_instance_uid) series = &candidate;
      LateralityOutcome outcome{set.file, set.label, {}, "", {}};
      auto run = dicom::check_structure_set_laterality(set, series, options);
      if (!run) {
        outcome.error = run.error().message;
        failed = true;
      } else {
        outcome.run = std::move(*run);
        if (!cli->png_dir.empty())
          outcome.images = write_images(*outcome.run, series, cli->png_dir, i, outcome.run->report.notes);
        failed |= outcome.run->report.any_contradiction();
        // The contours are the heavy part and are not printed: free them now
        // so that memory grows only by the verdicts of each set.
        std::vector<RoiShape>().swap(outcome.run->shapes);
      }
      outcomes.push_back(std::move(outcome));
    }

    fmt::print("{}",
               cli->format == "json" ? format_laterality_json(outcomes) : format_laterality_table(outcomes));
    for (const auto& error : scan.errors) fmt::print(stderr, "error: {}: {}\n", error.file, error.message);
    if (scan.structure_sets.empty()) fmt::print(stderr, "roiname: no RT Structure Set found\n");
    return int{failed ? kExitFailure : kExitOk};
  };
}

}  // namespace roiname::cli
