// report.html: one self-contained page a physicist can review (see
// run_report.h). No scripts, no external resources: images are data: URIs.
#include <fmt/core.h>

#include <algorithm>
#include <sstream>

#include "report/run_report.h"
#include "report/run_report_parts.h"

namespace roiname::report {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

constexpr std::string_view kStyle = R"css(
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em;word-break:break-all}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f0f0f0}tr.changed td.new{background:#fff3b0;font-weight:bold}
tr.review td:first-child{border-left:4px solid #d9480f}tr.review{background:#fff4f0}
.error{color:#b00020;font-weight:bold}.contradicts{color:#b00020;font-weight:bold}.consistent{color:#2b8a3e}
.indeterminate{color:#666}figure{display:inline-block;margin:.5em;vertical-align:top;max-width:280px}
figure img{width:256px;image-rendering:pixelated;border:1px solid #999}figcaption{font-size:.85em}
details summary{cursor:pointer}.muted{color:#666;font-size:.9em}
)css";

std::string totals_table(const RunTotals& t, double seconds) {
  std::string out = "<table id=\"totals\">\n";
  auto row = [&](std::string_view key, std::string_view label, const std::string& value) {
    out += fmt::format("<tr data-total=\"{}\"><th>{}</th><td>{}</td></tr>\n", key, label, escape(value));
  };
  row("structure_sets", "Structure sets", std::to_string(t.structure_sets));
  row("rois", "ROIs", std::to_string(t.rois));
  row("renamed", "Renamed", std::to_string(t.renamed));
  row("unchanged", "Unchanged", std::to_string(t.unchanged));
  row("kept_for_review", "Kept (original name) for review", std::to_string(t.kept_for_review));
  row("needs_review", "Need review", std::to_string(t.needs_review));
  row("laterality_contradictions", "Laterality contradictions", std::to_string(t.laterality_contradictions));
  row("errors", "Errors", std::to_string(t.errors));
  row("seconds", "Time", fmt::format("{:.1f} s", seconds));
  return out + "</table>\n";
}

std::string reasons_cell(const std::vector<Reason>& reasons) {
  if (reasons.empty()) return "";
  std::string out = fmt::format("<details><summary>{} reason{}</summary><ul>", reasons.size(),
                                reasons.size() == 1 ? "" : "s");
  for (const Reason& r : reasons)
    out += fmt::format("<li>{}: {} {}</li>", escape(r.stage), escape(r.rule), escape(r.detail));
  return out + "</ul></details>";
}

std::string changes_table(const StructureSetRecord& set) {
  // Review items first, then input order: what needs a human comes first.
  std::vector<const RoiRecord*> rows;
  for (const RoiRecord& roi : set.rois) rows.push_back(&roi);
  std::stable_sort(rows.begin(), rows.end(), [](const RoiRecord* a, const RoiRecord* b) {
    return a->decision.needs_review && !b->decision.needs_review;
  });
  std::string out =
      "<table class=\"changes\">\n<thead><tr><th>#</th><th>Original name</th><th>Name in "
      "copy</th><th>Proposed</th>"
      "<th>Class</th><th>Confidence</th><th>Review</th><th>Laterality</th><th>Reasons</th></tr></"
      "thead>\n<tbody>\n";
  for (const RoiRecord* roi : rows) {
    const RoiDecision& d = roi->decision;
    std::string classes;
    if (roi->action == RoiAction::renamed) classes += "changed";
    if (d.needs_review) classes += classes.empty() ? "review" : " review";
    const std::string laterality =
        roi->laterality ? fmt::format("<span class=\"{0}\">{0}</span>", to_string(roi->laterality->status))
                        : "";
    out += fmt::format(
        "<tr class=\"{}\" data-roi=\"{}\" data-action=\"{}\"><td>{}</td><td class=\"old\">{}</td><td "
        "class=\"new\">{}</td><td>{}</td><td>{}</td><td>{:.2f}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        classes, d.roi_number, to_string(roi->action), d.roi_number, escape(d.original_name),
        escape(roi->written_name), escape(d.standard_name), to_string(d.roi_class), d.confidence,
        d.needs_review ? "yes" : "no", laterality, reasons_cell(d.reasons));
  }
  return out + "</tbody></table>\n";
}

std::string laterality_section(const StructureSetRecord& set) {
  std::string figures;
  for (const RoiRecord& roi : set.rois) {
    if (!roi.laterality) continue;
    const LateralityVerdict& v = *roi.laterality;
    figures += fmt::format("<figure class=\"verdict\" data-roi=\"{}\" data-verdict=\"{}\">", v.roi_number,
                           to_string(v.status));
    if (!roi.image_png.empty())
      figures += fmt::format("<img alt=\"CT slice through {}\" src=\"data:image/png;base64,{}\">",
                             escape(v.roi_name), base64(roi.image_png));
    figures += fmt::format(
        "<figcaption><b>{}</b> (stated {}): <span class=\"{}\">{}</span><br>{}</figcaption></figure>\n",
        escape(v.roi_name), to_string(v.stated_side), to_string(v.status), to_string(v.status),
        escape(v.reason));
  }
  if (figures.empty() && set.laterality_pairs.empty()) return "";
  std::string out = "<h3>Laterality</h3>\n<div class=\"laterality\">\n" + figures + "</div>\n";
  if (!set.laterality_pairs.empty()) {
    out += "<ul class=\"pairs\">";
    for (const PairVerdict& pair : set.laterality_pairs)
      out += fmt::format("<li>{} / {}: <span class=\"{}\">{}</span> — {}</li>", escape(pair.left_name),
                         escape(pair.right_name), to_string(pair.status), to_string(pair.status),
                         escape(pair.reason));
    out += "</ul>\n";
  }
  return out;
}

}  // namespace

namespace parts {

std::string html_head(const RunRecord& run, const RunTotals& totals) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>roiname "
      "report</title>\n";
  out += fmt::format("<style>{}</style>\n</head>\n<body>\n", kStyle);
  out += "<h1>roiname run report</h1>\n";
  out += fmt::format(
      "<p class=\"muted\">roiname {} · protocol {} · engine {} · started {} · output {}{}{}</p>\n",
      escape(run.version), escape(run.protocol), escape(run.engine), escape(run.started_at),
      escape(run.output_dir), run.dry_run ? " · dry run: no copies written" : "",
      run.only_confident ? " · only confident names applied (ROIs needing review keep their names)" : "");
  out += totals_table(totals, run.seconds);
  if (!run.file_errors.empty()) {
    out += "<h2>Files not processed</h2>\n<ul id=\"file-errors\">\n";
    for (const auto& error : run.file_errors)
      out += fmt::format("<li class=\"error\">{}: {}</li>\n", escape(error.file), escape(error.message));
    out += "</ul>\n";
  }
  return out;
}

std::string html_set(const StructureSetRecord& set) {
  std::string out = fmt::format("<section class=\"structure-set\" data-file=\"{}\">\n<h2>{}</h2>\n",
                                escape(set.input_file), escape(set.input_file));
  out += fmt::format(
      "<p>site <b>{}</b> ({:.2f}) · label {} · {} ROIs, {} renamed, {} need review, {} laterality "
      "contradiction{}<br>"
      "copy: {}</p>\n",
      escape(set.site.site), set.site.confidence, escape(set.label), set.rois.size(), set.renamed(),
      set.needs_review(), set.contradictions(), set.contradictions() == 1 ? "" : "s",
      set.output_file.empty() ? "none" : escape(set.output_file));
  if (!set.error.empty()) out += fmt::format("<p class=\"error\">{}</p>\n", escape(set.error));
  out += changes_table(set);
  out += laterality_section(set);
  if (!set.notes.empty()) {
    out += "<ul class=\"notes muted\">";
    for (const auto& note : set.notes) out += "<li>" + escape(note) + "</li>";
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

std::string html_tail() { return "</body>\n</html>\n"; }

}  // namespace parts

std::string run_report_html(const RunRecord& run) {
  std::ostringstream out;
  write_run_report_html(run, out);
  return out.str();
}

void write_run_report_html(const RunRecord& run, std::ostream& stream) {
  stream << parts::html_head(run, run.totals());
  // One structure set at a time: the page is never held whole in memory.
  for (const StructureSetRecord& set : run.sets) stream << parts::html_set(set);
  stream << parts::html_tail();
}

}  // namespace roiname::report
