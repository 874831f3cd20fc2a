#include "core/engine/evaluation.h"

#include <algorithm>
#include <map>

#include <charconv>
#include <set>

#include "core/engine/catalog.h"

namespace roiname {
namespace {

struct Outcome {
  bool class_ok = false, name_ok = false, site_ok = false, error = false, flagged = false;
  bool counts_renaming = false, counts_target = false;
};

Outcome judge(const LabelledName& label, const SiteDecision& site, const RoiDecision& decision,
              const NameComparer& same_name) {
  Outcome o;
  o.flagged = decision.needs_review;
  o.class_ok = decision.roi_class == label.roi_class;
  o.site_ok = site.site == label.site;
  o.counts_renaming = label.roi_class == RoiClass::TV || label.roi_class == RoiClass::OAR;
  o.counts_target = label.roi_class == RoiClass::TV;
  if (label.standard_name == kUnknownName) {
    // "must go to review": right when the tool abstains.
    o.name_ok = o.flagged || decision.standard_name == kUnknownName;
    o.error = !o.name_ok;
    return o;
  }
  o.name_ok =
      o.class_ok &&
      (o.counts_renaming ? same_name(label.roi_class, label.standard_name, decision.standard_name) : true);
  o.error = !o.class_ok || !o.name_ok;
  return o;
}

void add(EvalFigures& f, const Outcome& o, double weight) {
  f.class_accuracy.total += weight;
  f.class_accuracy.correct += o.class_ok ? weight : 0;
  f.site.total += weight;
  f.site.correct += o.site_ok ? weight : 0;
  if (o.counts_renaming) {
    f.renaming.total += weight;
    f.renaming.correct += o.name_ok ? weight : 0;
  }
  if (o.counts_target) {
    f.targets.total += weight;
    f.targets.correct += o.name_ok ? weight : 0;
  }
  f.rows += weight;
  f.flagged += o.flagged ? weight : 0;
  f.errors += o.error ? weight : 0;
  f.errors_flagged += (o.error && o.flagged) ? weight : 0;
}

}  // namespace

Result<std::vector<LabelledName>> parse_labelled_csv(std::string_view text) {
  std::vector<LabelledName> rows;
  std::map<std::string, std::size_t> column;
  std::size_t start = 0;
  int line_number = 0;
  if (text.starts_with("\xEF\xBB\xBF")) start = 3;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty() || line == "\r") continue;
    std::vector<std::string> fields = split_csv_line(line);
    if (column.empty()) {
      for (std::size_t i = 0; i < fields.size(); ++i) column[fields[i]] = i;
      for (const char* required : {"raw_name", "class", "standard_name"})
        if (column.count(required) == 0)
          return Error{std::string("labelled CSV: missing column '") + required + "'"};
      continue;
    }
    auto field = [&](const char* name) -> std::string {
      auto it = column.find(name);
      return it != column.end() && it->second < fields.size() ? fields[it->second] : std::string();
    };
    LabelledName row;
    row.raw_name = field("raw_name");
    row.site = field("site");
    row.standard_name = field("standard_name");
    row.notes = field("notes");
    row.source = field("source");
    for (const char* name : {"structure_set", "set", "case"})
      if (row.structure_set.empty()) row.structure_set = field(name);
    auto roi_class = parse_roi_class(field("class"));
    if (!roi_class)
      return Error{"labelled CSV line " + std::to_string(line_number) + ": unknown class '" + field("class") +
                   "'"};
    row.roi_class = *roi_class;
    std::string count = field("count");
    if (!count.empty()) {
      double value = 1;
      auto [p, ec] = std::from_chars(count.data(), count.data() + count.size(), value);
      (void)p;
      if (ec != std::errc() || value < 0)
        return Error{"labelled CSV line " + std::to_string(line_number) + ": bad count"};
      row.count = value;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

EvalReport evaluate(const std::vector<LabelledName>& rows, const SetDecider& decide,
                    const NameComparer& same_name) {
  EvalReport report;
  std::set<std::string> seen;
  struct Scored {
    double confidence, weight;
    bool error_if_unflagged, unknown_label, unknown_name;
  };
  std::vector<Scored> scored;

  // Structure sets in order of first appearance.
  std::vector<std::vector<std::size_t>> sets;
  std::map<std::string, std::size_t> set_of;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].structure_set.empty()) {
      sets.push_back({i});
      continue;
    }
    auto [it, inserted] = set_of.emplace(rows[i].structure_set, sets.size());
    if (inserted) sets.emplace_back();
    sets[it->second].push_back(i);
  }
  std::vector<std::pair<SiteDecision, RoiDecision>> decided(rows.size());
  for (const auto& members : sets) {
    std::vector<std::string> names;
    for (std::size_t i : members) names.push_back(rows[i].raw_name);
    auto [site, decisions] = decide(names);
    for (std::size_t k = 0; k < members.size(); ++k)
      decided[members[k]] = {site, k < decisions.size() ? decisions[k] : RoiDecision{}};
  }

  std::vector<bool> row_error(rows.size(), false);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const LabelledName& label = rows[i];
    const auto& [site, decision] = decided[i];
    Outcome o = judge(label, site, decision, same_name);
    row_error[i] = o.error;
    add(report.per_instance, o, label.count);
    if (seen.insert(label.raw_name).second) add(report.per_unique, o, 1);
    add(report.per_source[label.source], o, label.count);
    add(report.per_class[std::string(to_string(label.roi_class))], o, label.count);
    report.confusion[std::string(to_string(label.roi_class))][std::string(to_string(decision.roi_class))] +=
        label.count;
    if (o.error) report.errors.push_back({label, decision, site.site});
    if (!o.error && decision.needs_review && label.standard_name != kUnknownName)
      report.flagged_right.push_back({label, decision, site.site});
    // For the curve: would this row be an error if it were not flagged?
    RoiDecision unflagged = decision;
    unflagged.needs_review = false;
    Outcome raw = judge(label, site, unflagged, same_name);
    scored.push_back({decision.confidence, label.count, raw.error, label.standard_name == kUnknownName,
                      decision.standard_name == kUnknownName});
  }
  for (const auto& members : sets) {
    ++report.structure_sets.total;
    if (std::none_of(members.begin(), members.end(), [&](std::size_t i) { return row_error[i]; }))
      ++report.structure_sets.correct;
  }
  for (int step = 0; step <= 20; ++step) {
    double threshold = step * 0.05;
    double total = 0, flagged = 0, errors = 0, errors_flagged = 0, unflagged = 0, unflagged_ok = 0;
    for (const Scored& s : scored) {
      bool flag = s.confidence < threshold || s.unknown_name;
      bool error = s.error_if_unflagged && !flag;  // unknown labels: right when flagged
      bool was_error = s.unknown_label ? !flag : s.error_if_unflagged;
      total += s.weight;
      flagged += flag ? s.weight : 0;
      errors += was_error ? s.weight : 0;
      errors_flagged += (was_error && flag) ? s.weight : 0;
      if (!flag) {
        unflagged += s.weight;
        unflagged_ok += error ? 0 : s.weight;
      }
    }
    report.curve.push_back({threshold, total == 0 ? 0 : flagged / total,
                            errors == 0 ? 1 : errors_flagged / errors,
                            unflagged == 0 ? 1 : unflagged_ok / unflagged});
  }
  return report;
}

}  // namespace roiname
