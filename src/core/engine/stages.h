// The naming stages as interfaces, so that the offline rules engine, an LLM
// engine and a hybrid of both are interchangeable behind one contract.
//
//   stage 1  SiteStage  : all names of a structure set → one site (NAMING.md §5)
//   stage 2+3 RoiStage  : one ROI, with the set as context → class and name
//   NamingEngine        : the three stages over a whole structure set
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "core/decision.h"
#include "core/engine/naming_input.h"

namespace roiname {

struct Protocol;  // core/nomenclature/protocol.h: the naming protocol (TG-263 or custom)

// Settings shared by every engine.
struct EngineOptions {
  double review_threshold = 0.5;  // needs_review when confidence < this
};

class SiteStage {
 public:
  virtual ~SiteStage() = default;
  // The site of the structure set; "unknown" with low confidence when the
  // evidence is weak. A site hint in the input wins.
  virtual SiteDecision decide_site(const NamingInput& input) const = 0;
};

class RoiStage {
 public:
  virtual ~RoiStage() = default;
  // Class and standard name of input.rois[index], knowing the site and the
  // other names of the set. The standard name is valid under `protocol`, or
  // "unknown" (then needs_review is true).
  virtual RoiDecision decide_roi(const NamingInput& input, std::size_t index, const SiteDecision& site,
                                 const Protocol& protocol) const = 0;
};

class NamingEngine {
 public:
  virtual ~NamingEngine() = default;
  // "rules", "llm", "hybrid": written into every RoiDecision::engine.
  virtual std::string_view engine_name() const = 0;
  // Site, then class and name of every ROI (input order). Names in the
  // result are unique within the set ignoring case. Never throws on bad names.
  virtual StructureSetDecision decide(const NamingInput& input, const Protocol& protocol) const = 0;
};

// The offline, deterministic rules engine (lexicon + grammar + rules).
std::unique_ptr<NamingEngine> make_rules_engine(const EngineOptions& options = {});

}  // namespace roiname
