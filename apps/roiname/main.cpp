// roiname: standardise ROI names in DICOM RT Structure Sets.
#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <exception>

#include "commands.h"

int main(int argc, char** argv) {
  using namespace roiname::cli;
  CLI::App app{"roiname: standardise ROI names in DICOM RT Structure Sets (TG-263)"};
  app.require_subcommand(1);

  // Build every subcommand from the command table; the table is also --help.
  Action chosen;
  for (const auto& command : command_table()) {
    CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    Action action = command.define(*sub);
    sub->callback([&chosen, action] { chosen = action; });
  }

  // Parse; usage errors print CLI11's message and exit 2.
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  // Run; anything thrown past a subcommand is a bug, reported as such.
  try {
    return chosen ? chosen() : int{kExitUsage};
  } catch (const std::exception& e) {
    fmt::print(stderr, "roiname: internal error: {}\n", e.what());
    return kExitInternal;
  }
}
