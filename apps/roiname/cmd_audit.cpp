// roiname audit DB [--run ID] [--format table|csv|json]: what the audit log
// of `roiname run` holds — the runs, or one run's files and decisions.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "core/text/csv.h"
#include "store/audit_log.h"

namespace roiname::cli {
namespace {

struct AuditCli {
  std::string database;
  long run_id = 0;
  std::string format = "table";
};

std::string as_csv(const store::AuditTable& table) {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\n";
  };
  line(table.columns);
  for (const auto& row : table.rows) line(row);
  return out;
}

nlohmann::ordered_json as_json(const store::AuditTable& table) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json object;
    for (std::size_t i = 0; i < table.columns.size(); ++i) object[table.columns[i]] = row[i];
    rows.push_back(object);
  }
  return rows;
}

// Aligned columns; multi-line cells (reasons) are joined with " | ".
std::string as_table(const store::AuditTable& table) {
  auto flat = [](std::string cell) {
    for (std::size_t at; (at = cell.find('\n')) != std::string::npos;) cell.replace(at, 1, " | ");
    return cell;
  };
  std::vector<std::size_t> widths(table.columns.size());
  for (std::size_t i = 0; i < table.columns.size(); ++i) widths[i] = table.columns[i].size();
  for (const auto& row : table.rows)
    for (std::size_t i = 0; i + 1 < row.size(); ++i)
      widths[i] = std::max(widths[i], std::min<std::size_t>(flat(row[i]).size(), 40));
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i)
      out += i + 1 < cells.size() ? fmt::format("{:<{}}  ", flat(cells[i]), widths[i]) : flat(cells[i]);
    out += "\n";
  };
  line(table.columns);
  for (const auto& row : table.rows) line(row);
  return out;
}

}  // namespace

Action define_audit(CLI::App& app) {
  auto cli = std::make_shared<AuditCli>();
  app.add_option("DB", cli->database, "Audit log written by roiname run (OUT/roiname.sqlite)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--run", cli->run_id, "Show this run's files and ROI decisions (default: list the runs)");
  app.add_option("--format", cli->format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  return [cli]() -> int {
    auto log = store::AuditLog::open_existing(cli->database);
    if (!log) {
      fmt::print(stderr, "roiname audit: {}\n", log.error().message);
      return kExitUsage;
    }
    std::vector<std::pair<std::string, store::AuditTable>> tables;
    if (cli->run_id == 0) {
      auto runs = (*log)->runs();
      if (!runs) return fmt::print(stderr, "roiname audit: {}\n", runs.error().message), int{kExitFailure};
      tables.emplace_back("runs", std::move(*runs));
    } else {
      auto files = (*log)->files(cli->run_id);
      auto decisions = (*log)->decisions(cli->run_id);
      if (!files || !decisions)
        return fmt::print(stderr, "roiname audit: cannot read run {}\n", cli->run_id), int{kExitFailure};
      if (files->rows.empty()) {
        fmt::print(stderr, "roiname audit: no run {} in {}\n", cli->run_id, cli->database);
        return kExitFailure;
      }
      tables.emplace_back("files", std::move(*files));
      tables.emplace_back("decisions", std::move(*decisions));
    }
    if (cli->format == "json") {
      nlohmann::ordered_json out;
      for (const auto& [name, table] : tables) out[name] = as_json(table);
      fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    } else {
      for (std::size_t i = 0; i < tables.size(); ++i) {
        if (tables.size() > 1) fmt::print("{}# {}\n", i ? "\n" : "", tables[i].first);
        fmt::print("{}", cli->format == "csv" ? as_csv(tables[i].second) : as_table(tables[i].second));
      }
    }
    return kExitOk;
  };
}

}  // namespace roiname::cli
