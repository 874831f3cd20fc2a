// Throughput of the rules engine (stages 2–3: class and name) over the dev
// names, read at run time from the shared data folder. Skips when absent.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/engine/catalog.h"
#include "core/engine/rules.h"
#include "core/engine/rules_engine.h"
#include "core/nomenclature/protocol.h"

namespace {

std::vector<std::string> dev_names() {
  std::vector<std::string> names;
  std::ifstream in(std::filesystem::path(ROINAME_SHARED_DIR) / "data/names/dev.csv");
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    auto fields = roiname::split_csv_line(line);
    if (!fields.empty() && !fields[0].empty()) names.push_back(fields[0]);
  }
  return names;
}

// Class + standard name per ROI (no protocol mapping): the core of stage 2–3.
void BM_ClassAndName(benchmark::State& state) {
  const auto names = dev_names();
  if (names.empty()) {
    state.SkipWithError("dev.csv not found under ROINAME_SHARED_DIR");
    return;
  }
  const auto& lexicon = roiname::Lexicon::embedded();
  const auto& catalog = roiname::NameCatalog::tg263();
  roiname::RulesSettings settings;
  std::size_t i = 0;
  for (auto _ : state) {
    auto decision = roiname::decide_roi_by_rules(names[i], "", lexicon, catalog, settings);
    benchmark::DoNotOptimize(decision);
    if (++i == names.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ClassAndName);

// The whole engine with the TG-263 protocol (aliases, protocol names,
// validation), one name per structure set as `roiname eval` runs it.
void BM_EngineWithProtocol(benchmark::State& state) {
  const auto names = dev_names();
  if (names.empty()) {
    state.SkipWithError("dev.csv not found under ROINAME_SHARED_DIR");
    return;
  }
  roiname::RulesEngine engine;
  const roiname::Protocol& protocol = roiname::default_protocol();
  std::size_t i = 0;
  for (auto _ : state) {
    auto decision = engine.decide_roi(roiname::naming_input_from_names({names[i]}), 0, {}, protocol);
    benchmark::DoNotOptimize(decision);
    if (++i == names.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineWithProtocol);

}  // namespace

BENCHMARK_MAIN();
