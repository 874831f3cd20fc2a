// The offline rules engine as a NamingEngine: stage 1 (site) and stages 2–3
// (class and name) for every ROI, then the rules that need the whole set:
// the nasopharynx/breast PTV seed rule and unique names.
#pragma once

#include "core/engine/catalog.h"
#include "core/engine/lexicon.h"
#include "core/engine/rules.h"
#include "core/engine/stages.h"

namespace roiname {

class RulesEngine final : public NamingEngine, public SiteStage, public RoiStage {
 public:
  // Uses the embedded lexicon and TG-263 table.
  explicit RulesEngine(const EngineOptions& options = {});
  RulesEngine(const Lexicon& lexicon, const NameCatalog& catalog, const EngineOptions& options);

  std::string_view engine_name() const override { return "rules"; }
  StructureSetDecision decide(const NamingInput& input, const Protocol& protocol) const override;
  SiteDecision decide_site(const NamingInput& input) const override;
  RoiDecision decide_roi(const NamingInput& input, std::size_t index, const SiteDecision& site,
                         const Protocol& protocol) const override;

  // Same as decide() with the default TG-263 protocol.
  StructureSetDecision decide_tg263(const NamingInput& input) const;

 private:
  RoiDecision decide_one(const NamingInput& input, std::size_t index, const std::string& site,
                         const std::string& treated_side = "") const;
  void apply_set_rules(StructureSetDecision& decision) const;

  const Lexicon& lexicon_;
  const NameCatalog& catalog_;
  EngineOptions options_;
  RulesSettings settings_;
};

}  // namespace roiname
