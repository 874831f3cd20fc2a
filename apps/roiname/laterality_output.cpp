#include "laterality_output.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace roiname::cli {
namespace {

struct Counts {
  int consistent = 0, contradicts = 0, indeterminate = 0, pair_contradictions = 0;
};

Counts count(const std::vector<LateralityOutcome>& outcomes) {
  Counts c;
  for (const auto& outcome : outcomes) {
    if (!outcome.run) continue;
    for (const auto& v : outcome.run->report.verdicts) {
      c.consistent += v.status == LateralityStatus::consistent;
      c.contradicts += v.status == LateralityStatus::contradicts;
      c.indeterminate += v.status == LateralityStatus::indeterminate;
    }
    for (const auto& p : outcome.run->report.pairs)
      c.pair_contradictions += p.status == LateralityStatus::contradicts;
  }
  return c;
}

std::string number(bool measured, double value) { return measured ? fmt::format("{:.1f}", value) : "-"; }

}  // namespace

std::string format_laterality_table(const std::vector<LateralityOutcome>& outcomes) {
  std::string out;
  for (const auto& outcome : outcomes) {
    out += fmt::format("{}{}\n", outcome.file, outcome.label.empty() ? "" : "  [" + outcome.label + "]");
    if (!outcome.run) {
      out += fmt::format("  error: {}\n\n", outcome.error);
      continue;
    }
    const auto& run = *outcome.run;
    out += fmt::format("  images: {}\n", run.ct_summary);
    if (run.report.verdicts.empty())
      out += "  no ROI name states a side\n";
    else
      out += fmt::format("  {:>4}  {:<20} {:<5} {:<13} {:>9} {:>9} {:>9}  {:<16} {}\n", "ROI", "name", "side",
                         "verdict", "centroid", "midline", "distance", "midline from", "review");
    for (const auto& v : run.report.verdicts) {
      out +=
          fmt::format("  {:>4}  {:<20} {:<5} {:<13} {:>9} {:>9} {:>9}  {:<16} {}\n", v.roi_number, v.roi_name,
                      to_string(v.stated_side), to_string(v.status), number(v.measured, v.centroid_x),
                      number(v.measured, v.midline_x), number(v.measured, v.distance_mm),
                      to_string(v.midline_source), v.needs_review ? "yes" : "no");
      if (v.status != LateralityStatus::consistent) out += fmt::format("        {}\n", v.reason);
      if (v.proposed_name) out += fmt::format("        proposed name (not applied): {}\n", *v.proposed_name);
    }
    for (const auto& p : run.report.pairs)
      out +=
          fmt::format("  pair {} / {}: {} ({})\n", p.left_name, p.right_name, to_string(p.status), p.reason);
    for (const auto& note : run.report.notes) out += fmt::format("  note: {}\n", note);
    for (const auto& image : outcome.images) out += fmt::format("  image: {}\n", image);
    out += "\n";
  }
  const Counts c = count(outcomes);
  out += fmt::format(
      "{} structure set(s): {} consistent, {} contradict, {} indeterminate, {} paired contradiction(s)\n",
      outcomes.size(), c.consistent, c.contradicts, c.indeterminate, c.pair_contradictions);
  return out;
}

std::string format_laterality_json(const std::vector<LateralityOutcome>& outcomes) {
  nlohmann::ordered_json sets = nlohmann::ordered_json::array();
  for (const auto& outcome : outcomes) {
    nlohmann::ordered_json set;
    set["file"] = outcome.file;
    set["label"] = outcome.label;
    if (!outcome.run) {
      set["error"] = outcome.error;
      sets.push_back(std::move(set));
      continue;
    }
    const auto& run = *outcome.run;
    set["images"] = run.ct_summary;
    if (run.orientation)
      set["orientation"] = {{"agreement", to_string(run.orientation->agreement)},
                            {"message", run.orientation->message}};
    set["verdicts"] = nlohmann::ordered_json::array();
    for (const auto& v : run.report.verdicts) {
      nlohmann::ordered_json j;
      j["roi_number"] = v.roi_number;
      j["roi_name"] = v.roi_name;
      j["side_from"] = v.side_from;
      j["stated_side"] = to_string(v.stated_side);
      j["verdict"] = to_string(v.status);
      j["needs_review"] = v.needs_review;
      j["reason"] = v.reason;
      if (v.measured) {
        j["centroid_x_mm"] = v.centroid_x;
        j["midline_x_mm"] = v.midline_x;
        j["distance_mm"] = v.distance_mm;
        j["fraction_left"] = v.fraction_left;
        j["x_extent_mm"] = {v.min_x, v.max_x};
        j["centroid_z_mm"] = v.centroid_z;
      }
      j["midline_source"] = to_string(v.midline_source);
      if (v.proposed_name) j["proposed_name"] = *v.proposed_name;
      set["verdicts"].push_back(std::move(j));
    }
    set["pairs"] = nlohmann::ordered_json::array();
    for (const auto& p : run.report.pairs)
      set["pairs"].push_back({{"left", p.left_name},
                              {"right", p.right_name},
                              {"verdict", to_string(p.status)},
                              {"left_x_mm", p.left_x},
                              {"right_x_mm", p.right_x},
                              {"reason", p.reason}});
    set["notes"] = run.report.notes;
    set["png"] = outcome.images;
    sets.push_back(std::move(set));
  }
  const Counts c = count(outcomes);
  nlohmann::ordered_json root;
  root["structure_sets"] = std::move(sets);
  root["summary"] = {{"structure_sets", outcomes.size()},
                     {"consistent", c.consistent},
                     {"contradicts", c.contradicts},
                     {"indeterminate", c.indeterminate},
                     {"paired_contradictions", c.pair_contradictions}};
  return root.dump(2) + "\n";
}

}  // namespace roiname::cli
