// roiname protocol check FILE | show [NAME|FILE] | list
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.h"
#include "core/embedded_data.h"
#include "protocol/protocol_loader.h"

namespace roiname::cli {

namespace {

// Checks one protocol file (or embedded protocol) and prints every problem.
int check(const std::string& file) {
  std::string text, origin = file;
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      fmt::print(stderr, "roiname protocol check: cannot read {}\n", file);
      return kExitUsage;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  } else if (auto embedded = embedded_file("protocols/" + file + ".yaml")) {
    text = std::string(*embedded);
    origin = "embedded:" + file;
  } else {
    fmt::print(stderr, "roiname protocol check: no such file or embedded protocol: {}\n", file);
    return kExitUsage;
  }
  const ProtocolCheck result = check_protocol_text(text, origin);
  for (const auto& problem : result.problems) {
    if (problem.line > 0)
      fmt::print("{}:{}: {}\n", origin, problem.line, problem.message);
    else
      fmt::print("{}: {}\n", origin, problem.message);
  }
  if (!result.protocol) {
    fmt::print(stderr, "{} problem{} in {}\n", result.problems.size(), result.problems.size() == 1 ? "" : "s",
               origin);
    return kExitFailure;
  }
  fmt::print("{}: ok (protocol {}, {} organ names and their compositions, {} aliases)\n", origin,
             result.protocol->name, result.protocol->organ_table->rows().size(),
             result.protocol->aliases.size());
  return kExitOk;
}

}  // namespace

Action define_protocol(CLI::App& app) {
  struct Options {
    std::string check_file;
    std::string show_name = "tg263";
  };
  auto options = std::make_shared<Options>();
  auto chosen = std::make_shared<std::string>();
  app.require_subcommand(1, 1);
  CLI::App* check_command =
      app.add_subcommand("check", "Report every problem of a protocol file, with line numbers");
  check_command->add_option("file", options->check_file, "Protocol file (YAML) or embedded protocol name")
      ->required();
  check_command->callback([chosen] { *chosen = "check"; });
  CLI::App* show_command = app.add_subcommand("show", "Print a protocol (embedded name or file) as YAML");
  show_command->add_option("protocol", options->show_name, "Embedded protocol name or file (default tg263)");
  show_command->callback([chosen] { *chosen = "show"; });
  CLI::App* list_command = app.add_subcommand("list", "List the embedded protocols");
  list_command->callback([chosen] { *chosen = "list"; });

  return [options, chosen] {
    if (*chosen == "check") return check(options->check_file);
    if (*chosen == "list") {
      for (const auto& name : embedded_protocol_names()) {
        auto protocol = load_named_protocol(name);
        fmt::print("{:<22} {}\n", name,
                   protocol ? protocol->description : "(invalid: " + protocol.error().message + ")");
      }
      return int{kExitOk};
    }
    auto protocol = load_protocol(options->show_name);
    if (!protocol) {
      fmt::print(stderr, "roiname protocol show: {}\n", protocol.error().message);
      return int{kExitUsage};
    }
    fmt::print("# origin: {}\n# organ names allowed: {} (and their compositions)\n", protocol->origin,
               protocol->organ_table->rows().size());
    fmt::print("{}", protocol_to_yaml(*protocol));
    return int{kExitOk};
  };
}

}  // namespace roiname::cli
