#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "commands.h"
#include "core/embedded_data.h"
#include "core/version.h"

namespace roiname::cli {

Action define_version(CLI::App& app) {
  auto verbose = std::make_shared<bool>(false);
  app.add_flag("--data", *verbose, "Also list the data files compiled into the binary");
  return [verbose] {
    fmt::print("roiname {}\n", kVersion);
    if (*verbose)
      for (const auto& file : embedded_files())
        fmt::print("  data/{} ({} bytes)\n", file.path, file.content.size());
    return int{kExitOk};
  };
}

}  // namespace roiname::cli
