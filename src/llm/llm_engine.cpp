#include "llm/llm_engine.h"

#include <algorithm>

#include <fmt/core.h>

#include "llm/prompts.h"
#include "llm/protocol_rules.h"
#include "llm/reply_checks.h"

namespace roiname::llm {

namespace {

constexpr double kLlmConfidence = 0.75;    // a validated answer the offline engine did not give
constexpr double kAgreedConfidence = 0.9;  // both engines gave the same answer

// Sends `request`, checks the reply, and when something is wrong sends one
// repair request listing the problems; keeps, per ROI, the first accepted
// answer. Sets `failure` when no reply could be had at all.
template <class T, class Check>
CheckedAnswers<T> ask_with_repair(ChatClient& client, const ChatRequest& request, const Check& check,
                                  std::string& failure) {
  auto reply = client.complete(request);
  if (!reply) {
    failure = reply.error().message;
    return {};
  }
  CheckedAnswers<T> checked = check(reply->object);
  if (checked.all_accepted()) return checked;
  auto repaired = client.complete(repair_request(request, reply->content, checked.problems));
  if (!repaired) return checked;  // the first reply's accepted answers still stand
  const CheckedAnswers<T> second = check(repaired->object);
  for (std::size_t i = 0; i < checked.answers.size() && i < second.answers.size(); ++i)
    if (!checked.answers[i] && second.answers[i]) {
      checked.answers[i] = second.answers[i];
      checked.roi_problems[i].clear();
    }
  return checked;
}

std::string set_context(const NamingInput& input) {
  std::string context;
  for (const auto* part : {&input.structure_set_label, &input.study_description, &input.series_description})
    if (!part->empty()) context += (context.empty() ? "" : " / ") + *part;
  return context;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Why no reply could be had: the open breaker's message as it stands (it
// says the model was not asked), else the request's failure.
std::string failure_reason(const std::string& failure) {
  if (failure.starts_with(kNotAsked)) return failure;
  return "LLM request failed: " + failure;
}

void fall_back(RoiDecision& decision, const char* stage, const std::string& why) {
  decision.needs_review = true;
  decision.engine = "rules";
  decision.reasons.push_back({stage, std::string(kFallbackRule), "offline answer kept: " + why});
}

}  // namespace

void keep_offline(std::vector<RoiDecision>& decisions, const std::vector<std::size_t>& selected,
                  const std::string& why) {
  for (std::size_t index : selected) fall_back(decisions[index], "class", why);
}

LlmSiteAnswer llm_site(ChatClient& client, const NamingInput& input, const SiteDecision& offline) {
  std::vector<PromptRoi> rois;
  for (const auto& roi : input.rois) rois.push_back({roi.name, roi.interpreted_type, RoiClass::AUX, {}});
  std::string failure;
  const auto checked =
      ask_with_repair<std::string>(client, site_request(rois, set_context(input)), check_site_reply, failure);
  SiteDecision decision = offline;
  if (!failure.empty() || checked.answers.empty() || !checked.answers[0]) {
    const std::string why = !failure.empty()               ? failure_reason(failure)
                            : checked.roi_problems.empty() ? std::string("no answer")
                                                           : checked.roi_problems[0];
    decision.reasons.push_back({"site", std::string(kFallbackRule), "offline site kept: " + why});
    return {decision, failure};
  }
  const std::string& site = *checked.answers[0];
  decision.confidence =
      site == offline.site ? std::max(offline.confidence, kAgreedConfidence) : kLlmConfidence;
  decision.reasons.push_back(
      {"site", "llm",
       fmt::format("{} answered {} (offline engine: {})", client.config().model, site, offline.site)});
  decision.site = site;
  return {decision, ""};
}

std::vector<RoiDecision> llm_rois(ChatClient& client, const NamingInput& input, const std::string& site,
                                  const std::vector<RoiDecision>& offline, const NamingRules& rules,
                                  const std::vector<std::size_t>& selected) {
  std::vector<RoiDecision> decisions = offline;
  if (selected.empty()) return decisions;
  const std::string& model = client.config().model;

  // Stage 2: classes.
  std::vector<PromptRoi> prompt_rois;
  for (std::size_t index : selected)
    prompt_rois.push_back({input.rois[index].name, input.rois[index].interpreted_type, RoiClass::AUX, {}});
  std::string failure;
  const auto classes = ask_with_repair<RoiClass>(
      client, class_request(prompt_rois, site),
      [&](const std::optional<nlohmann::json>& reply) { return check_class_reply(reply, selected.size()); },
      failure);
  if (!failure.empty()) {
    keep_offline(decisions, selected, failure_reason(failure));
    return decisions;
  }

  // Selected AUX/DOSE ROIs keep a name now (NAMING.md §4); TV/OAR go to stage 3.
  std::vector<std::size_t> to_name;
  for (std::size_t k = 0; k < selected.size(); ++k) {
    RoiDecision& decision = decisions[selected[k]];
    const RoiDecision& before = offline[selected[k]];
    if (!classes.answers[k]) {
      fall_back(decision, "class", classes.roi_problems[k]);
      continue;
    }
    decision.roi_class = *classes.answers[k];
    decision.reasons.push_back({"class", "llm",
                                fmt::format("{} answered {} (offline engine: {})", model,
                                            to_string(decision.roi_class), to_string(before.roi_class))});
    if (decision.roi_class == RoiClass::TV || decision.roi_class == RoiClass::OAR) {
      to_name.push_back(selected[k]);
      continue;
    }
    const bool same_class = decision.roi_class == before.roi_class;
    const std::string& raw = input.rois[selected[k]].name;
    decision.standard_name = same_class        ? before.standard_name
                             : rules.kept_name ? rules.kept_name(raw, decision.roi_class)
                                               : raw;
    decision.engine = "llm";
    // An agreed class does not supply the name the offline engine lacked.
    decision.needs_review = decision.standard_name == kUnknownName;
    decision.confidence = decision.needs_review ? 0.0
                          : same_class          ? std::max(before.confidence, kAgreedConfidence)
                                                : kLlmConfidence;
  }
  if (to_name.empty()) return decisions;

  // Stage 3: names, unique against every ROI not being named here.
  std::vector<bool> naming(input.rois.size(), false);
  for (std::size_t index : to_name) naming[index] = true;
  std::vector<std::string> taken;
  for (std::size_t i = 0; i < decisions.size(); ++i)
    if (!naming[i] && decisions[i].standard_name != kUnknownName) taken.push_back(decisions[i].standard_name);

  std::vector<PromptRoi> name_rois;
  std::vector<RoiClass> name_classes;
  for (std::size_t index : to_name) {
    PromptRoi roi{input.rois[index].name, "", decisions[index].roi_class, {}};
    const RoiDecision& before = offline[index];
    if (roi.roi_class == RoiClass::OAR && rules.candidates)
      roi.candidates = rules.candidates(input, index, site, before);
    else if (before.roi_class == RoiClass::TV && before.standard_name != kUnknownName)
      roi.candidates = {before.standard_name};  // targets: the grammar, not a table, names them
    name_rois.push_back(std::move(roi));
    name_classes.push_back(decisions[index].roi_class);
  }
  auto names = ask_with_repair<std::string>(
      client, name_request(name_rois, site, rules),
      [&](const std::optional<nlohmann::json>& reply) {
        return check_name_reply(reply, name_classes, rules, taken);
      },
      failure);
  if (!failure.empty()) {
    for (std::size_t index : to_name) fall_back(decisions[index], "name", failure_reason(failure));
    return decisions;
  }
  reject_duplicate_names(names, taken);  // a repaired answer may repeat an accepted one

  for (std::size_t k = 0; k < to_name.size(); ++k) {
    RoiDecision& decision = decisions[to_name[k]];
    const RoiDecision& before = offline[to_name[k]];
    if (!names.answers[k]) {
      // The offline name is only a fallback for the class it was made for.
      if (decision.roi_class != before.roi_class) decision.roi_class = before.roi_class;
      decision.standard_name = before.standard_name;
      fall_back(decision, "name", names.roi_problems[k]);
      continue;
    }
    const std::string& name = *names.answers[k];
    decision.standard_name = name;
    decision.engine = "llm";
    decision.reasons.push_back(
        {"name", "llm",
         fmt::format("{} answered {} (offline engine: {})", model, name, before.standard_name)});
    if (name == kUnknownName) {
      decision.confidence = 0.0;
      decision.needs_review = true;
      continue;
    }
    const bool agreed = lower(name) == lower(before.standard_name) && decision.roi_class == before.roi_class;
    decision.confidence = agreed ? std::max(before.confidence, kAgreedConfidence) : kLlmConfidence;
    decision.needs_review = false;
  }
  return decisions;
}

namespace {

class LlmNamingEngine final : public NamingEngine {
 public:
  LlmNamingEngine(EngineMode mode, std::shared_ptr<ChatClient> client, std::unique_ptr<NamingEngine> offline,
                  NamingRulesFactory rules, const EngineOptions& options)
      : mode_(mode),
        client_(std::move(client)),
        offline_(std::move(offline)),
        rules_(rules ? std::move(rules) : NamingRulesFactory(naming_rules_for)),
        options_(options) {}

  std::string_view engine_name() const override { return mode_ == EngineMode::llm ? "llm" : "hybrid"; }

  StructureSetDecision decide(const NamingInput& input, const Protocol& protocol) const override {
    StructureSetDecision result = offline_->decide(input, protocol);
    if (input.rois.empty()) return result;

    // Stage 1. A user's site hint wins; hybrid asks only when unsure.
    const bool unsure_site =
        result.site.site == "unknown" || result.site.confidence < options_.review_threshold;
    std::string unreachable;
    if (!input.site_hint && (mode_ == EngineMode::llm || unsure_site)) {
      auto [site, failure] = llm_site(*client_, input, result.site);
      unreachable = failure;
      if (site.site != result.site.site) {
        // Re-read the names knowing the site: better candidates and fallbacks.
        NamingInput hinted = input;
        hinted.site_hint = site.site;
        result = offline_->decide(hinted, protocol);
      }
      result.site = std::move(site);
    }

    // Stages 2 and 3.
    std::vector<std::size_t> selected;
    for (std::size_t i = 0; i < input.rois.size(); ++i) {
      const RoiDecision& decision = result.rois[i];
      if (mode_ == EngineMode::llm || decision.needs_review ||
          decision.confidence < options_.review_threshold)
        selected.push_back(i);
    }
    if (unreachable.empty())
      result.rois = llm_rois(*client_, input, result.site.site, result.rois, rules_(protocol), selected);
    else  // the server is down: do not pay the retries twice more
      keep_offline(result.rois, selected, failure_reason(unreachable));
    for (auto& decision : result.rois)
      if (decision.confidence < options_.review_threshold || decision.standard_name == kUnknownName)
        decision.needs_review = true;
    return result;
  }

 private:
  EngineMode mode_;
  std::shared_ptr<ChatClient> client_;
  std::unique_ptr<NamingEngine> offline_;
  NamingRulesFactory rules_;
  EngineOptions options_;
};

}  // namespace

std::unique_ptr<NamingEngine> make_llm_engine(EngineMode mode, std::shared_ptr<ChatClient> client,
                                              std::unique_ptr<NamingEngine> offline, NamingRulesFactory rules,
                                              const EngineOptions& options) {
  return std::make_unique<LlmNamingEngine>(mode, std::move(client), std::move(offline), std::move(rules),
                                           options);
}

}  // namespace roiname::llm
