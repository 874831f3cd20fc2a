// llm_prompt_budget: what the LLM engine would send, without sending it.
// For every structure set of two corpora it builds the stage prompts exactly
// as the llm engine does (site, classes, names; classes and candidates from
// the offline engine) and reports characters and approximate tokens
// (chars/4) per ROI per stage, and requests per structure set, for the llm
// and the hybrid mode. Repair requests are not counted (they happen only on
// bad replies). Usage: llm_prompt_budget [shared-dir]
#include <fmt/core.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/engine/catalog.h"
#include "core/engine/rules_engine.h"
#include "core/nomenclature/protocol.h"
#include "llm/prompts.h"
#include "llm/protocol_rules.h"

namespace {

using namespace roiname;

struct NamedSet {
  std::string label;
  std::vector<std::string> names;
};

struct Tally {
  long sets = 0, rois = 0, requests = 0;
  long site_chars = 0, class_chars = 0, name_chars = 0, schema_chars = 0;
};

long chars_of(const llm::ChatRequest& request) {
  long chars = 0;
  for (const auto& message : request.messages) chars += static_cast<long>(message.content.size());
  return chars;
}

// ROI names per RTSTRUCT file, from the inventory of shared/data/dicom.
std::vector<NamedSet> dicom_sets(const std::filesystem::path& inventory) {
  std::map<std::string, NamedSet> by_file;
  std::ifstream in(inventory);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1), tab3 = line.find('\t', tab2 + 1);
    if (tab3 == std::string::npos) continue;
    const std::string file = line.substr(0, tab1);
    by_file[file].label = file;
    by_file[file].names.push_back(line.substr(tab2 + 1, tab3 - tab2 - 1));
  }
  std::vector<NamedSet> sets;
  for (auto& [file, set] : by_file) sets.push_back(std::move(set));
  return sets;
}

// dev.csv grouped by source and site, cut into sets of about 30 names.
std::vector<NamedSet> dev_sets(const std::filesystem::path& csv) {
  std::map<std::string, std::vector<std::string>> groups;
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto fields = split_csv_line(line);
    if (fields.size() < 6) continue;
    groups[fields[5] + "/" + fields[1]].push_back(fields[0]);
  }
  std::vector<NamedSet> sets;
  for (const auto& [key, names] : groups) {
    const std::size_t parts = std::max<std::size_t>(1, (names.size() + 15) / 30);
    for (std::size_t part = 0; part < parts; ++part) {
      NamedSet set{fmt::format("{}#{}", key, part + 1), {}};
      for (std::size_t i = part * names.size() / parts; i < (part + 1) * names.size() / parts; ++i)
        set.names.push_back(names[i]);
      sets.push_back(std::move(set));
    }
  }
  return sets;
}

// The prompts of one set; `hybrid` keeps only what the hybrid engine sends.
void measure(const NamedSet& set, bool hybrid, const RulesEngine& rules, const llm::NamingRules& naming,
             Tally& tally) {
  const NamingInput input = naming_input_from_names(set.names);
  const StructureSetDecision offline = rules.decide(input, default_protocol());
  ++tally.sets;
  tally.rois += static_cast<long>(input.rois.size());

  std::vector<llm::PromptRoi> all;
  for (const auto& roi : input.rois) all.push_back({roi.name, roi.interpreted_type, RoiClass::AUX, {}});
  const bool unsure_site =
      offline.site.site == "unknown" || offline.site.confidence < EngineOptions{}.review_threshold;
  if (!hybrid || unsure_site) {
    const auto request = llm::site_request(all, "");
    tally.site_chars += chars_of(request);
    tally.schema_chars += static_cast<long>(request.schema.dump().size());
    ++tally.requests;
  }
  std::vector<std::size_t> selected;
  for (std::size_t i = 0; i < input.rois.size(); ++i)
    if (!hybrid || offline.rois[i].needs_review) selected.push_back(i);
  if (selected.empty()) return;

  std::vector<llm::PromptRoi> to_classify, to_name;
  for (std::size_t i : selected) {
    to_classify.push_back(all[i]);
    const RoiClass roi_class = offline.rois[i].roi_class;
    if (roi_class == RoiClass::OAR)
      to_name.push_back({input.rois[i].name, "", roi_class,
                         naming.candidates(input, i, offline.site.site, offline.rois[i])});
    else if (roi_class == RoiClass::TV)  // as llm_rois(): the offline target name only
      to_name.push_back({input.rois[i].name, "", roi_class, {offline.rois[i].standard_name}});
  }
  const auto classes = llm::class_request(to_classify, offline.site.site);
  tally.class_chars += chars_of(classes);
  tally.schema_chars += static_cast<long>(classes.schema.dump().size());
  ++tally.requests;
  if (to_name.empty()) return;
  const auto names = llm::name_request(to_name, offline.site.site, naming);
  tally.name_chars += chars_of(names);
  tally.schema_chars += static_cast<long>(names.schema.dump().size());
  ++tally.requests;
}

void report(const std::string& corpus, const std::string& mode, const Tally& t) {
  const double rois = std::max<long>(1, t.rois);
  const double total = static_cast<double>(t.site_chars + t.class_chars + t.name_chars);
  fmt::print("| {} | {} | {} | {} | {:.2f} | {:.0f} | {:.0f} | {:.0f} | **{:.0f}** | {:.0f} | {:.0f} |\n",
             corpus, mode, t.sets, t.rois, static_cast<double>(t.requests) / std::max<long>(1, t.sets),
             t.site_chars / rois, t.class_chars / rois, t.name_chars / rois, total / rois, total / rois / 4.0,
             t.schema_chars / rois);
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path shared = argc > 1 ? argv[1] : ROINAME_SHARED_DIR;
  const auto inventory = shared / "data" / "dicom" / "ROI_INVENTORY.tsv";
  const auto dev = shared / "data" / "names" / "dev.csv";
  if (!std::filesystem::exists(inventory) || !std::filesystem::exists(dev)) {
    fmt::print(stderr, "llm_prompt_budget: no {} or {}\n", inventory.string(), dev.string());
    return 2;
  }
  const RulesEngine rules;
  const llm::NamingRules naming = llm::naming_rules_for(default_protocol());
  const std::vector<std::pair<std::string, std::vector<NamedSet>>> corpora = {
      {"dicom (ROI_INVENTORY.tsv, per file)", dicom_sets(inventory)},
      {"dev.csv (source+site, ~30 per set)", dev_sets(dev)}};

  fmt::print(
      "Prompt characters per ROI sent by the LLM engine (message text; tokens ≈ chars/4; "
      "repairs not counted)\n\n");
  fmt::print(
      "| corpus | mode | sets | ROIs | requests/set | site | classes | names | total chars/ROI | "
      "≈tokens/ROI | +schema chars/ROI |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
  Tally all_llm;
  for (const auto& [corpus, sets] : corpora)
    for (bool hybrid : {false, true}) {
      Tally tally;
      for (const auto& set : sets) measure(set, hybrid, rules, naming, tally);
      report(corpus, hybrid ? "hybrid" : "llm", tally);
      if (!hybrid) {
        all_llm.sets += tally.sets;
        all_llm.rois += tally.rois;
        all_llm.requests += tally.requests;
        all_llm.site_chars += tally.site_chars;
        all_llm.class_chars += tally.class_chars;
        all_llm.name_chars += tally.name_chars;
        all_llm.schema_chars += tally.schema_chars;
      }
    }
  report("both corpora", "llm", all_llm);
  return 0;
}
