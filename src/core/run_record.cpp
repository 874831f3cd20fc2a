#include "core/run_record.h"

namespace roiname {

std::string_view to_string(RoiAction action) {
  switch (action) {
    case RoiAction::renamed:
      return "renamed";
    case RoiAction::unchanged:
      return "unchanged";
    case RoiAction::kept_for_review:
      return "kept_for_review";
  }
  return "unchanged";
}

int StructureSetRecord::renamed() const {
  int count = 0;
  for (const auto& roi : rois) count += roi.action == RoiAction::renamed ? 1 : 0;
  return count;
}

int StructureSetRecord::needs_review() const {
  int count = 0;
  for (const auto& roi : rois) count += roi.decision.needs_review ? 1 : 0;
  return count;
}

int StructureSetRecord::contradictions() const {
  int count = 0;
  for (const auto& roi : rois)
    count += roi.laterality && roi.laterality->status == LateralityStatus::contradicts ? 1 : 0;
  return count;
}

void RunTotals::add(const StructureSetRecord& set) {
  ++structure_sets;
  if (!set.error.empty()) ++errors;
  for (const auto& roi : set.rois) {
    ++rois;
    renamed += roi.action == RoiAction::renamed ? 1 : 0;
    unchanged += roi.action == RoiAction::unchanged ? 1 : 0;
    kept_for_review += roi.action == RoiAction::kept_for_review ? 1 : 0;
    needs_review += roi.decision.needs_review ? 1 : 0;
  }
  laterality_contradictions += set.contradictions();
}

RunTotals RunRecord::totals() const {
  RunTotals totals;
  totals.errors = static_cast<int>(file_errors.size());
  for (const auto& set : sets) totals.add(set);
  return totals;
}

}  // namespace roiname
