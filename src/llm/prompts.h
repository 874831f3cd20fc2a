// The three stage prompts and the repair prompt. One request per stage per
// structure set; each carries only what its stage needs (see docs/llm.md,
// "Prompts"). ROIs are numbered 1..n in the prompt, in the order given.
#pragma once

#include <string>
#include <vector>

#include "core/decision.h"
#include "llm/chat_client.h"
#include "llm/naming_rules.h"

namespace roiname::llm {

// One ROI as a prompt shows it.
struct PromptRoi {
  std::string name;                     // raw name
  std::string interpreted_type;         // may be empty
  RoiClass roi_class = RoiClass::AUX;   // stage 3 only
  std::vector<std::string> candidates;  // stage 3 only
};

// Stage 1: the site of the set from its names (and label/descriptions).
ChatRequest site_request(const std::vector<PromptRoi>& rois, const std::string& context);

// Stage 2: the class of each ROI.
ChatRequest class_request(const std::vector<PromptRoi>& rois, const std::string& site);

// Stage 3: the standard name of each ROI (targets and organs only), with the
// protocol rules, the site's names and each ROI's candidates.
ChatRequest name_request(const std::vector<PromptRoi>& rois, const std::string& site,
                         const NamingRules& rules);

// The same request once more, with the model's previous reply and the list
// of problems found in it.
ChatRequest repair_request(const ChatRequest& original, const std::string& previous_reply,
                           const std::vector<std::string>& problems);

}  // namespace roiname::llm
