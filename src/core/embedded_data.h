// Data files (TG-263 table, lexicon, protocols) compiled into the binary from
// data/ so that a single executable works anywhere.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace roiname {

struct EmbeddedFile {
  std::string_view path;  // relative to data/, e.g. "tg263/tg263_v20170815.csv"
  std::string_view content;
};

// Every embedded file, sorted by path. Defined in the generated roiname_data library.
const std::vector<EmbeddedFile>& embedded_files();

// The content of data/<path>, or nothing when no such file was embedded.
std::optional<std::string_view> embedded_file(std::string_view path);

}  // namespace roiname
