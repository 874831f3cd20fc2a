// The command table: every subcommand of roiname, in the order --help lists
// them. Each subcommand lives in its own cmd_<name>.cpp.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace roiname::cli {

// Exit codes shared by every subcommand (documented in docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,        // everything was read and processed
  kExitFailure = 1,   // some input failed, or a check found a problem
  kExitUsage = 2,     // bad command line or unreadable option file
  kExitInternal = 3,  // a bug: an unexpected exception reached main
};

// What a subcommand does once the command line is parsed.
using Action = std::function<int()>;

struct Command {
  std::string_view name;
  std::string_view summary;
  // Declares the subcommand's options on `app` and returns the action that
  // runs with the parsed values.
  Action (*define)(CLI::App& app);
};

const std::vector<Command>& command_table();

// One declaration per subcommand file.
Action define_version(CLI::App& app);
Action define_scan(CLI::App& app);
Action define_classify(CLI::App& app);
Action define_eval(CLI::App& app);
Action define_validate(CLI::App& app);
Action define_protocol(CLI::App& app);
Action define_scan(CLI::App& app);
Action define_scan(CLI::App& app);
Action define_validate(CLI::App& app);
Action define_protocol(CLI::App& app);
Action define_check_laterality(CLI::App& app);
Action define_classify(CLI::App& app);
Action define_eval(CLI::App& app);
Action define_check_laterality(CLI::App& app);
Action define_check_laterality(CLI::App& app);
Action define_validate(CLI::App& app);
Action define_protocol(CLI::App& app);
Action define_run(CLI::App& app);
Action define_audit(CLI::App& app);
Action define_rename(CLI::App& app);

}  // namespace roiname::cli
