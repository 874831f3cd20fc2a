// Name-only vs full reading of real RTSTRUCTs, and contour points on demand.
// Run: build/release/bench/rtstruct_read_bench
#include <benchmark/benchmark.h>

#include <filesystem>

#include "dicom/rtstruct_reader.h"

namespace {

const std::filesystem::path kFile = std::filesystem::path(ROINAME_SHARED_DIR) / "data" / "dicom" /
                                    "pps-plan-competition-rtstructs" / "benchmark_data_RTSS_breast.dcm";

void read_with(benchmark::State& state, roiname::dicom::LoadMode mode) {
  if (!std::filesystem::exists(kFile)) {
    state.SkipWithError("shared data not found");
    return;
  }
  for (auto _ : state) {
    auto set = roiname::dicom::read_structure_set(kFile, mode);
    if (!set) state.SkipWithError(set.error().message.c_str());
    benchmark::DoNotOptimize(set);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * std::filesystem::file_size(kFile)));
}

void BM_ReadNamesOnly(benchmark::State& state) { read_with(state, roiname::dicom::LoadMode::names_only); }
void BM_ReadEverything(benchmark::State& state) { read_with(state, roiname::dicom::LoadMode::everything); }

void BM_ReadContourPoints(benchmark::State& state) {
  if (!std::filesystem::exists(kFile)) {
    state.SkipWithError("shared data not found");
    return;
  }
  for (auto _ : state) {
    auto contours = roiname::dicom::read_contours(kFile);
    if (!contours) state.SkipWithError(contours.error().message.c_str());
    benchmark::DoNotOptimize(contours);
  }
}

BENCHMARK(BM_ReadNamesOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadEverything)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadContourPoints)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
