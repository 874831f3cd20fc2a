// libFuzzer target for the RTSTRUCT reader: arbitrary bytes through content
// sniffing, name-only reading and contour reading. Nothing may crash, leak
// or hang; every failure must come back as an Error value.
// Build: cmake --preset fuzz && cmake --build --preset fuzz --target rtstruct_reader_fuzz
// Run:   build/fuzz/fuzz/rtstruct_reader_fuzz -max_total_time=600 -rss_limit_mb=2048 CORPUS_DIR
// fuzz/seeds/rtstruct
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dicom/discovery.h"
#include "dicom/rtstruct_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)roiname::dicom::sniff_content(bytes.substr(0, 132), size);
  const auto set = roiname::dicom::read_structure_set_from_memory(bytes, "fuzz input");
  if (set.ok()) {
    std::size_t total = 0;
    for (const auto& roi : set->rois) total += roi.name.size() + static_cast<std::size_t>(roi.contour_count);
    for (const auto& issue : set->issues) total += issue.message.size();
    if (total == static_cast<std::size_t>(-1)) return 1;  // keep the reads observable
  }
  const auto contours = roiname::dicom::read_contours_from_memory(bytes);
  if (contours.ok())
    for (const auto& [number, list] : *contours)
      for (const auto& contour : list)
        if (contour.points.size() > size) return 1;  // cannot happen: each point needs bytes
  return 0;
}
