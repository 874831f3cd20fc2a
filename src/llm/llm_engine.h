// The LLM naming engine and the hybrid engine, behind core's NamingEngine
// contract. Both start from the offline engine's answer: it supplies the
// candidate names shown to the model and the fallback for every ROI whose
// reply fails validation (then needs_review, with the reason).
//
//   llm    : site, classes and names of every ROI from the model.
//   hybrid : the model only for a site the offline engine is unsure of and
//            for ROIs under the review threshold; the rest stays offline.
//
// RoiDecision::engine says which engine decided each ROI ("llm"/"rules").
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "core/engine/stages.h"
#include "llm/chat_client.h"
#include "llm/naming_rules.h"

namespace roiname::llm {

// The rule of the reason added wherever the offline answer was kept because
// the model's reply failed or could not be had (reports count these).
inline constexpr std::string_view kFallbackRule = "llm-fallback";

struct LlmSiteAnswer {
  SiteDecision decision;
  std::string request_failure;  // not empty when no reply could be had (server down, …)
};

// Stage 1 with the model: the site of `input`, or `offline` (with the
// reason) when the request or the reply fails.
LlmSiteAnswer llm_site(ChatClient& client, const NamingInput& input, const SiteDecision& offline);

// Marks the ROIs at `selected` as kept from the offline engine because the
// LLM could not be reached, with `why` as the reason.
void keep_offline(std::vector<RoiDecision>& decisions, const std::vector<std::size_t>& selected,
                  const std::string& why);

// Stages 2 and 3 with the model for the ROIs at `selected` (indices into
// input.rois); every other ROI keeps its offline decision. `offline` holds
// one decision per input ROI, in input order.
std::vector<RoiDecision> llm_rois(ChatClient& client, const NamingInput& input, const std::string& site,
                                  const std::vector<RoiDecision>& offline, const NamingRules& rules,
                                  const std::vector<std::size_t>& selected);

enum class EngineMode { llm, hybrid };

// Builds the NamingRules of a protocol; empty means naming_rules_for()
// (protocol_rules.h). Tests pass their own.
using NamingRulesFactory = std::function<NamingRules(const Protocol& protocol)>;

// An LLM or hybrid engine over `client` (shared by every structure set of a
// run) with `offline` for candidates and fallback.
std::unique_ptr<NamingEngine> make_llm_engine(EngineMode mode, std::shared_ptr<ChatClient> client,
                                              std::unique_ptr<NamingEngine> offline, NamingRulesFactory rules,
                                              const EngineOptions& options = {});

}  // namespace roiname::llm
