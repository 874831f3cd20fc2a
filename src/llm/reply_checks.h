// Validation of the stage replies. A reply is untrusted: every input ROI
// must be answered exactly once, classes must be one of the four, names must
// pass the protocol, be at most 16 characters and unique ignoring case.
// Each check returns the accepted answers and, for the rest, the problem in
// words (for the repair prompt and the fallback reason).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/decision.h"
#include "llm/naming_rules.h"

namespace roiname::llm {

template <class T>
struct CheckedAnswers {
  std::vector<std::optional<T>> answers;  // per ROI (prompt order); empty when rejected
  std::vector<std::string> roi_problems;  // per ROI; empty when accepted
  std::vector<std::string> problems;      // every problem, for the repair prompt

  bool all_accepted() const { return problems.empty(); }
};

// The site in a stage-1 reply, or the problem.
CheckedAnswers<std::string> check_site_reply(const std::optional<nlohmann::json>& reply);

// The classes in a stage-2 reply for `count` ROIs.
CheckedAnswers<RoiClass> check_class_reply(const std::optional<nlohmann::json>& reply, std::size_t count);

// The names in a stage-3 reply for ROIs of `classes` (prompt order).
// `taken` holds the names other ROIs of the set already have; a name equal
// to one of them, or to another answer, ignoring case, is rejected.
// "unknown" is accepted (the caller flags it for review).
CheckedAnswers<std::string> check_name_reply(const std::optional<nlohmann::json>& reply,
                                             const std::vector<RoiClass>& classes, const NamingRules& rules,
                                             const std::vector<std::string>& taken);

// Rejects, among accepted `answers`, every name that equals (ignoring case)
// a name in `taken` or an earlier accepted answer; "unknown" is exempt.
void reject_duplicate_names(CheckedAnswers<std::string>& answers, const std::vector<std::string>& taken);

}  // namespace roiname::llm
