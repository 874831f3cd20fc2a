#include "core/laterality/laterality_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace roiname {
namespace {

std::string mm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Midline {
  double x = 0;
  MidlineSource source = MidlineSource::none;
};

// Centre of the External's x-extent on each of its slices that lie within
// the ROI's z range (half a slice beyond each end), averaged.
std::optional<double> midline_from_external(const geometry::RoiGeometry& external,
                                            const geometry::RoiGeometry& roi) {
  if (!external.has_closed_contours || std::abs(external.stacking_axis.z) < 0.99) return {};
  double margin = 0;
  for (const auto& slice : external.slices) margin = std::max(margin, slice.thickness / 2);
  double sum = 0;
  int count = 0;
  for (const auto& slice : external.slices) {
    const double z = slice.position * (external.stacking_axis.z > 0 ? 1 : -1);
    if (z < roi.min_z - margin || z > roi.max_z + margin) continue;
    sum += (slice.min_x + slice.max_x) / 2;
    ++count;
  }
  if (count == 0) return {};
  return sum / count;
}

// Body centres on up to 9 images spread over the ROI's slices.
std::optional<double> midline_from_ct(BodyMidlineSource& ct, const geometry::RoiGeometry& roi) {
  std::vector<double> zs;
  if (roi.has_closed_contours && std::abs(roi.stacking_axis.z) > 0.99) {
    for (const auto& slice : roi.slices) zs.push_back(slice.position * (roi.stacking_axis.z > 0 ? 1 : -1));
  } else {
    for (int i = 0; i <= 8; ++i) zs.push_back(roi.min_z + (roi.max_z - roi.min_z) * i / 8.0);
  }
  std::sort(zs.begin(), zs.end());
  zs.erase(std::unique(zs.begin(), zs.end()), zs.end());
  constexpr std::size_t kSamples = 9;
  std::vector<double> picked;
  if (zs.size() <= kSamples) {
    picked = zs;
  } else {
    for (std::size_t i = 0; i < kSamples; ++i) picked.push_back(zs[i * (zs.size() - 1) / (kSamples - 1)]);
  }
  double sum = 0;
  int count = 0;
  for (double z : picked)
    if (std::optional<double> x = ct.body_center_x(z)) {
      sum += *x;
      ++count;
    }
  if (count == 0) return {};
  return sum / count;
}

bool has_geometry(const geometry::RoiGeometry& g) { return g.has_closed_contours || g.has_points; }

}  // namespace

std::string_view to_string(LateralityStatus status) {
  switch (status) {
    case LateralityStatus::consistent:
      return "consistent";
    case LateralityStatus::contradicts:
      return "contradicts";
    case LateralityStatus::indeterminate:
      return "indeterminate";
  }
  return "indeterminate";
}

std::string_view to_string(MidlineSource source) {
  switch (source) {
    case MidlineSource::external_contour:
      return "external_contour";
    case MidlineSource::ct_body_mask:
      return "ct_body_mask";
    case MidlineSource::mean_of_rois:
      return "mean_of_rois";
    case MidlineSource::none:
      return "none";
  }
  return "none";
}

std::string_view to_string(Placement placement) {
  switch (placement) {
    case Placement::left:
      return "left";
    case Placement::right:
      return "right";
    case Placement::both:
      return "both";
    case Placement::unknown:
      return "unknown";
  }
  return "unknown";
}

bool LateralityReport::any_contradiction() const {
  return std::any_of(verdicts.begin(), verdicts.end(),
                     [](const LateralityVerdict& v) { return v.status == LateralityStatus::contradicts; }) ||
         std::any_of(pairs.begin(), pairs.end(),
                     [](const PairVerdict& p) { return p.status == LateralityStatus::contradicts; });
}

std::vector<RoiShape> roi_shapes(const StructureSet& set,
                                 const std::map<int, std::vector<Contour>>& contours) {
  std::vector<RoiShape> shapes;
  for (const Roi& roi : set.rois) {
    RoiShape shape{roi.number, roi.name, "", roi.interpreted_type, {}};
    if (auto found = contours.find(roi.number); found != contours.end())
      shape.geometry = geometry::measure_roi(found->second);
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

bool is_external(const RoiShape& roi, bool any_typed_external) {
  if (any_typed_external) return roi.interpreted_type == "EXTERNAL";
  const std::string name = lower(roi.name);
  return name == "body" || name == "external" || name == "outline" || name == "skin" || name == "patient" ||
         name == "body contour" || name == "external contour";
}

LateralityReport check_laterality(const std::vector<RoiShape>& rois, BodyMidlineSource* ct,
                                  const LateralityOptions& options, bool coordinates_trusted) {
  LateralityReport report;

  // Midline evidence available for the whole set.
  const bool any_typed_external = std::any_of(rois.begin(), rois.end(), [](const RoiShape& r) {
    return r.interpreted_type == "EXTERNAL" && r.geometry.has_closed_contours;
  });
  const RoiShape* external = nullptr;
  for (const RoiShape& roi : rois)
    if (is_external(roi, any_typed_external) && roi.geometry.has_closed_contours) {
      external = &roi;
      break;
    }
  std::optional<double> mean_of_rois;
  {
    double sum = 0;
    int count = 0;
    for (const RoiShape& roi : rois)
      if (has_geometry(roi.geometry)) {
        sum += roi.geometry.centroid.x;
        ++count;
      }
    if (count >= 2) mean_of_rois = sum / count;
  }
  // The best midline evidence for one ROI.
  auto midline_for = [&](const RoiShape& roi) {
    const geometry::RoiGeometry& g = roi.geometry;
    Midline midline;
    if (external != nullptr && external != &roi) {
      if (auto x = midline_from_external(external->geometry, g))
        midline = {*x, MidlineSource::external_contour};
    }
    if (midline.source == MidlineSource::none && ct != nullptr) {
      if (auto x = midline_from_ct(*ct, g)) midline = {*x, MidlineSource::ct_body_mask};
    }
    if (midline.source == MidlineSource::none && mean_of_rois)
      midline = {*mean_of_rois, MidlineSource::mean_of_rois};
    return midline;
  };

  // Per ROI that states a side.
  for (const RoiShape& roi : rois) {
    std::optional<SideMention> side;
    std::string side_from;
    if (!roi.standard_name.empty() && (side = stated_side(roi.standard_name))) side_from = roi.standard_name;
    if (!side && (side = stated_side(roi.name))) side_from = roi.name;
    if (!side) continue;

    LateralityVerdict verdict;
    verdict.roi_number = roi.number;
    verdict.roi_name = roi.name;
    verdict.side_from = side_from;
    verdict.stated_side = side->side;
    const geometry::RoiGeometry& g = roi.geometry;

    if (!has_geometry(g)) {
      verdict.reason = "no contours to measure";
    } else {
      const Midline midline = midline_for(roi);

      verdict.centroid_x = g.centroid.x;
      verdict.centroid_z = g.centroid.z;
      verdict.min_x = g.min_x;
      verdict.max_x = g.max_x;
      verdict.midline_source = midline.source;
      if (midline.source == MidlineSource::none) {
        verdict.reason = "no midline evidence (no External contour, no CT, fewer than 2 contoured ROIs)";
      } else {
        verdict.measured = true;
        verdict.midline_x = midline.x;
        verdict.distance_mm = g.centroid.x - midline.x;
        verdict.fraction_left = geometry::volume_fraction_left_of(g, midline.x);
        const double minority = std::min(verdict.fraction_left, 1 - verdict.fraction_left);
        const bool lies_left = verdict.distance_mm > 0;
        const std::string numbers = "centroid x " + mm(g.centroid.x) + " mm, midline x " + mm(midline.x) +
                                    " mm (" + std::string(to_string(midline.source)) + "), " +
                                    mm(std::abs(verdict.distance_mm)) + " mm to the patient's " +
                                    (lies_left ? "left" : "right");
        if (std::abs(verdict.distance_mm) < options.tolerance_mm) {
          verdict.reason = "within " + mm(options.tolerance_mm) + " mm of the midline: " + numbers;
        } else if (minority >= options.crossing_fraction) {
          verdict.reason =
              "crosses the midline (" + mm(100 * verdict.fraction_left) + "% of the volume left): " + numbers;
        } else if (lies_left == (side->side == Side::left)) {
          verdict.status = LateralityStatus::consistent;
          verdict.reason = "lies on the " + std::string(to_string(side->side)) + " as named: " + numbers;
        } else {
          verdict.status = LateralityStatus::contradicts;
          verdict.reason = "named " + std::string(to_string(side->side)) + " but lies on the patient's " +
                           (lies_left ? "left" : "right") + ": " + numbers;
        }
      }
    }
    verdict.needs_review = verdict.status != LateralityStatus::consistent;
    if (!coordinates_trusted) {
      verdict.needs_review = true;
      verdict.reason += "; image orientation and patient position disagree, so the coordinates need checking";
    }
    if (verdict.status == LateralityStatus::contradicts && options.propose_side_fix)
      verdict.proposed_name = mirrored_name(side_from);
    report.verdicts.push_back(std::move(verdict));
  }

  // Paired organs named without side: which side do they lie on?
  for (const RoiShape& roi : rois) {
    if (std::find(options.place_rois.begin(), options.place_rois.end(), roi.number) ==
        options.place_rois.end())
      continue;
    PlacementFinding finding{roi.number, Placement::unknown, ""};
    const geometry::RoiGeometry& g = roi.geometry;
    const Midline midline = has_geometry(g) ? midline_for(roi) : Midline{};
    if (!has_geometry(g)) {
      finding.reason = "no contours to measure";
    } else if (midline.source == MidlineSource::none) {
      finding.reason = "no midline evidence";
    } else {
      const double distance = g.centroid.x - midline.x;
      const double fraction_left = geometry::volume_fraction_left_of(g, midline.x);
      const double minority = std::min(fraction_left, 1 - fraction_left);
      const std::string numbers = "centroid x " + mm(g.centroid.x) + " mm, midline x " + mm(midline.x) +
                                  " mm (" + std::string(to_string(midline.source)) + "), " +
                                  mm(100 * fraction_left) + "% of the volume left";
      // Both sides: a good share of the volume, and reaching well into each
      // side (not a small organ on the midline).
      const bool spans =
          g.min_x < midline.x - options.tolerance_mm && g.max_x > midline.x + options.tolerance_mm;
      if (minority >= options.crossing_fraction && spans) {
        finding.placement = Placement::both;
        finding.reason = "spans both sides: " + numbers;
      } else if (std::abs(distance) < options.tolerance_mm || minority >= options.crossing_fraction) {
        finding.reason = "on the midline: " + numbers;
      } else {
        finding.placement = distance > 0 ? Placement::left : Placement::right;
        finding.reason =
            "lies on the patient's " + std::string(to_string(finding.placement)) + ": " + numbers;
      }
    }
    if (!coordinates_trusted && finding.placement != Placement::unknown) {
      finding.placement = Placement::unknown;
      finding.reason += "; image orientation and patient position disagree, so the side is not used";
    }
    report.placements.push_back(std::move(finding));
  }

  // Pairs: a left and a right ROI whose names differ only by the side word
  // (or one is the other truncated, as 16-character limits do).
  for (std::size_t i = 0; i < report.verdicts.size(); ++i) {
    LateralityVerdict& left = report.verdicts[i];
    if (left.stated_side != Side::left) continue;
    const std::string left_key = side_free_key(left.side_from);
    for (std::size_t j = 0; j < report.verdicts.size(); ++j) {
      LateralityVerdict& right = report.verdicts[j];
      if (right.stated_side != Side::right) continue;
      const std::string right_key = side_free_key(right.side_from);
      const std::string& shorter = left_key.size() <= right_key.size() ? left_key : right_key;
      const std::string& longer = left_key.size() <= right_key.size() ? right_key : left_key;
      const bool same_organ =
          left_key == right_key ||
          (shorter.size() >= 5 && longer.size() - shorter.size() <= 3 && longer.starts_with(shorter));
      if (!same_organ || left_key.empty()) continue;
      const auto& lg = std::find_if(rois.begin(), rois.end(), [&](const RoiShape& r) {
                         return r.number == left.roi_number;
                       })->geometry;
      const auto& rg = std::find_if(rois.begin(), rois.end(), [&](const RoiShape& r) {
                         return r.number == right.roi_number;
                       })->geometry;
      if (!has_geometry(lg) || !has_geometry(rg)) continue;
      PairVerdict pair{left.roi_number,
                       right.roi_number,
                       left.roi_name,
                       right.roi_name,
                       LateralityStatus::indeterminate,
                       lg.centroid.x,
                       rg.centroid.x,
                       ""};
      const double separation = lg.centroid.x - rg.centroid.x;
      const std::string numbers = "'" + left.roi_name + "' x " + mm(lg.centroid.x) + " mm, '" +
                                  right.roi_name + "' x " + mm(rg.centroid.x) + " mm";
      if (separation >= options.tolerance_mm) {
        pair.status = LateralityStatus::consistent;
        pair.reason = "left one lies left of the right one: " + numbers;
      } else if (separation <= -options.tolerance_mm) {
        pair.status = LateralityStatus::contradicts;
        pair.reason = "left one lies right of the right one: " + numbers;
        left.needs_review = right.needs_review = true;
      } else {
        pair.reason = "centroids within " + mm(options.tolerance_mm) + " mm of each other: " + numbers;
      }
      report.pairs.push_back(std::move(pair));
    }
  }

  // Say which evidence the midline came from.
  if (external == nullptr && !report.verdicts.empty())
    report.notes.push_back("no External/BODY contour: midline from the CT or the ROIs");
  for (MidlineSource source :
       {MidlineSource::external_contour, MidlineSource::ct_body_mask, MidlineSource::mean_of_rois}) {
    const auto used =
        std::count_if(report.verdicts.begin(), report.verdicts.end(),
                      [&](const LateralityVerdict& v) { return v.measured && v.midline_source == source; });
    if (used > 0)
      report.notes.push_back("midline from " + std::string(to_string(source)) + " for " +
                             std::to_string(used) + " ROI(s)");
  }
  return report;
}

}  // namespace roiname
