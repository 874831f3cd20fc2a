// roiname validate NAME... [--protocol P] [--format table|json]
// For each name: valid or not under the protocol, why not, and for targets
// the parsed components and the canonical form.
#include <fmt/core.h>
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "core/nomenclature/protocol.h"
#include "protocol/protocol_loader.h"

namespace roiname::cli {

namespace {

nlohmann::json target_json(const TargetName& t) {
  nlohmann::json dose = nullptr;
  if (t.dose.kind == TargetDose::Kind::absolute) {
    dose = {{"kind", "absolute"}, {"centigray", t.dose.centigray}};
  } else if (t.dose.kind == TargetDose::Kind::relative) {
    dose = {{"kind", "relative"}, {"level", t.dose.relative}};
  }
  if (!dose.is_null() && t.dose.fractions) dose["fractions"] = *t.dose.fractions;
  return {{"type", t.type},
          {"classifier", t.classifier},
          {"enumerator", t.enumerator},
          {"modality", t.modality},
          {"indicator", t.indicator},
          {"dose", dose},
          {"crop_mm", t.crop_mm ? nlohmann::json(*t.crop_mm) : nlohmann::json(nullptr)},
          {"qualifier", t.qualifier}};
}

nlohmann::json organ_json(const OrganName& o) {
  return {{"root", o.root},
          {"partial", o.partial},
          {"prv", o.prv},
          {"prv_margin_mm", o.prv_margin_mm ? nlohmann::json(*o.prv_margin_mm) : nlohmann::json(nullptr)},
          {"side", o.side},
          {"qualifier", o.qualifier}};
}

// "type=PTV classifier=n indicator=L dose=5600cGy" for the table view.
std::string components(const NameValidity& v) {
  std::string text;
  auto add = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) text += fmt::format("{}{}={}", text.empty() ? "" : " ", key, value);
  };
  if (v.target) {
    const TargetName& t = *v.target;
    add("type", t.type);
    add("classifier", t.classifier);
    add("enumerator", t.enumerator);
    add("modality", t.modality);
    add("indicator", t.indicator);
    if (t.dose.kind == TargetDose::Kind::absolute) add("dose", std::to_string(t.dose.centigray) + "cGy");
    if (t.dose.kind == TargetDose::Kind::relative) add("dose", t.dose.relative);
    if (t.dose.fractions) add("fractions", std::to_string(*t.dose.fractions));
    if (t.crop_mm) add("crop_mm", std::to_string(*t.crop_mm));
    add("qualifier", t.qualifier);
  } else if (v.organ) {
    const OrganName& o = *v.organ;
    add("root", o.root);
    if (o.partial) add("partial", "yes");
    if (o.prv) add("prv", o.prv_margin_mm ? std::to_string(*o.prv_margin_mm) + "mm" : "yes");
    add("side", o.side);
    add("qualifier", o.qualifier);
  }
  if (!v.standard.empty() && v.standard != v.canonical) add("tg263", v.standard);
  return text;
}

}  // namespace

Action define_validate(CLI::App& app) {
  struct Options {
    std::vector<std::string> names;
    std::string protocol = "tg263";
    std::string format = "table";
  };
  auto options = std::make_shared<Options>();
  app.add_option("names", options->names, "Names to validate")->required();
  app.add_option("--protocol", options->protocol, "Embedded protocol name or protocol file (default tg263)");
  app.add_option("--format", options->format, "Output: table or json")
      ->check(CLI::IsMember({"table", "json"}));
  return [options] {
    auto protocol = load_protocol(options->protocol);
    if (!protocol) {
      fmt::print(stderr, "roiname validate: {}\n", protocol.error().message);
      return int{kExitUsage};
    }
    bool all_valid = true;
    std::vector<NameValidity> results;
    for (const auto& name : options->names) {
      results.push_back(validate_name(name, *protocol));
      all_valid = all_valid && results.back().valid;
    }
    if (options->format == "json") {
      nlohmann::json names = nlohmann::json::array();
      for (std::size_t i = 0; i < results.size(); ++i) {
        const NameValidity& v = results[i];
        nlohmann::json entry = {
            {"name", options->names[i]}, {"valid", v.valid},         {"kind", v.kind},
            {"problems", v.problems},    {"canonical", v.canonical}, {"standard", v.standard}};
        if (v.target) entry["target"] = target_json(*v.target);
        if (v.organ) entry["organ"] = organ_json(*v.organ);
        names.push_back(entry);
      }
      fmt::print("{}\n", nlohmann::json{{"protocol", protocol->name}, {"names", names}}.dump(2));
    } else {
      std::size_t width = 4;
      for (const auto& name : options->names) width = std::max(width, name.size());
      fmt::print("{:<{}}  {:<5}  {:<12}  {:<16}  {}\n", "NAME", width, "VALID", "KIND", "CANONICAL",
                 "COMPONENTS / WHY NOT");
      for (std::size_t i = 0; i < results.size(); ++i) {
        const NameValidity& v = results[i];
        std::string detail = v.valid ? components(v) : fmt::format("{}", fmt::join(v.problems, "; "));
        std::string line = fmt::format("{:<{}}  {:<5}  {:<12}  {:<16}  {}", options->names[i], width,
                                       v.valid ? "yes" : "no", v.kind, v.canonical, detail);
        line.erase(line.find_last_not_of(' ') + 1);
        fmt::print("{}\n", line);
      }
      fmt::print("protocol: {}\n", protocol->name);
    }
    return int{all_valid ? kExitOk : kExitFailure};
  };
}

}  // namespace roiname::cli
