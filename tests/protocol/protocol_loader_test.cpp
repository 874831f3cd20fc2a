// Reading protocol files: the shipped protocols, every documented key, and
// problems reported with their line numbers.
#include "protocol/protocol_loader.h"

#include <algorithm>
#include <fstream>

#include "support/test_support.h"

namespace roiname {
namespace {

bool has_problem(const ProtocolCheck& check, int line, std::string_view text) {
  return std::any_of(check.problems.begin(), check.problems.end(), [&](const ProtocolProblem& p) {
    return p.line == line && p.message.find(text) != std::string::npos;
  });
}

std::string listing(const ProtocolCheck& check) {
  std::string text;
  for (const auto& p : check.problems) text += std::to_string(p.line) + ": " + p.message + "\n";
  return text;
}

TEST(ShippedProtocols, AllLoadWithoutProblems) {
  const auto names = embedded_protocol_names();
  EXPECT_EQ(names,
            (std::vector<std::string>{"cn-nasopharynx", "example-institution", "tg263", "tg263-reverse"}));
  for (const auto& name : names) {
    auto protocol = load_named_protocol(name);
    ASSERT_TRUE(protocol.ok()) << protocol.error().message;
    EXPECT_EQ(protocol->name, name);
    EXPECT_EQ(protocol->origin, "embedded:" + name);
  }
}

TEST(ShippedProtocols, Tg263FileMatchesTheBuiltInDefault) {
  auto loaded = load_named_protocol("tg263");
  ASSERT_TRUE(loaded.ok());
  const Protocol& builtin = default_protocol();
  EXPECT_EQ(loaded->name, builtin.name);
  EXPECT_EQ(loaded->description, builtin.description);
  EXPECT_EQ(loaded->base, builtin.base);
  EXPECT_EQ(loaded->removed, builtin.removed);
  EXPECT_EQ(loaded->added, builtin.added);
  EXPECT_EQ(loaded->local_names, builtin.local_names);
  EXPECT_EQ(loaded->aliases, builtin.aliases);
  EXPECT_EQ(loaded->target_style, builtin.target_style);
  EXPECT_EQ(loaded->target_grammar, builtin.target_grammar);
  EXPECT_TRUE(loaded->target_spellings.empty());
  EXPECT_EQ(loaded->aux_policy, builtin.aux_policy);
  EXPECT_EQ(loaded->body_name, builtin.body_name);
  EXPECT_EQ(loaded->max_name_length, builtin.max_name_length);
}

TEST(ShippedProtocols, InstitutionalNamesAreValidAndStandardNamesMapToThem) {
  auto protocol = load_named_protocol("example-institution");
  ASSERT_TRUE(protocol.ok());
  for (const char* name : {"Lens_Left", "OpticNerve_Right", "TemporalLobe_Left", "LargeBowel", "SmallBowel",
                           "Parotid_Left", "PTV_60Gy", "PTVtb_50Gy", "Spinal_Cord_PRV05", "Brainstem"})
    EXPECT_TRUE(validate_name(name, *protocol).valid) << name;
  EXPECT_FALSE(validate_name("Lens_L", *protocol).valid);
  EXPECT_EQ(*protocol_name_for("Lens_L", *protocol), "Lens_Left");
  EXPECT_EQ(*protocol_name_for("Parotid_PRV05_R", *protocol), "Parotid_Right_PRV05");
  // 22 characters would exceed the protocol's limit of 20: refused, not written.
  auto too_long = protocol_name_for("OpticNrv_PRV03_R", *protocol);
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.error().message.find("'OpticNerve_Right_PRV03'"), std::string::npos)
      << too_long.error().message;
  EXPECT_EQ(*protocol_name_for("PTVsb_5000", *protocol), "PTVtb_50Gy");
  EXPECT_EQ(*protocol_name_for("PTV_6000", *protocol), "PTV_60Gy");
  EXPECT_EQ(*protocol_name_for("Brainstem", *protocol), "Brainstem");
  EXPECT_EQ(find_alias("Lt  Parotid", *protocol), "Parotid_Left");
  EXPECT_EQ(protocol->body_name, "Body");
  EXPECT_EQ(protocol_aux_name("Ring_PTV", *protocol), "zRing_PTV");
  EXPECT_EQ(protocol_aux_name("zRing", *protocol), "zRing");
}

TEST(ShippedProtocols, ChineseNasopharynxTargets) {
  auto protocol = load_named_protocol("cn-nasopharynx");
  ASSERT_TRUE(protocol.ok());
  struct Case {
    const char* name;
    const char* kind;
    const char* standard;
  };
  for (const Case& c :
       {Case{"GTVnx", "target", "GTVp"}, Case{"GTVnd", "target", "GTVn"}, Case{"PGTVnx", "target", "PTVp"},
        Case{"PGTVnd", "target", "PTVn"}, Case{"PCTV1", "target", "PTV1"}, Case{"PCTV2", "target", "PTV2"},
        Case{"CTV1", "target", "CTV1"}, Case{"PTV-all", "aux", ""}}) {
    const NameValidity v = validate_name(c.name, *protocol);
    EXPECT_TRUE(v.valid) << c.name;
    EXPECT_EQ(v.kind, c.kind) << c.name;
    if (v.kind == "target") {
      EXPECT_EQ(v.standard, c.standard) << c.name;
      EXPECT_EQ(v.canonical, c.name) << c.name;
    }
  }
  EXPECT_EQ(find_alias("左腮腺", *protocol), "Parotid_L");
}

TEST(ShippedProtocols, ReverseOrderProtocol) {
  auto protocol = load_named_protocol("tg263-reverse");
  ASSERT_TRUE(protocol.ok());
  EXPECT_TRUE(validate_name("L_Parotid", *protocol).valid);
  EXPECT_TRUE(validate_name("PRV05_SpinalCord", *protocol).valid);
  EXPECT_TRUE(validate_name("PTV_7000", *protocol).valid);
  EXPECT_FALSE(validate_name("Parotid_L", *protocol).valid);
  EXPECT_EQ(*protocol_name_for("OpticNrv_PRV03_L", *protocol), "L_PRV03_OpticNrv");
  EXPECT_EQ(validate_name("L_PRV03_OpticNrv", *protocol).standard, "OpticNrv_PRV03_L");
}

TEST(ProtocolLoader, EveryKeyIsRead) {
  auto protocol = load_protocol_text(R"(protocol: demo
description: all keys
base: tg263
max_name_length: 18
organs:
  remove: [Bolus_xxmm, Eval]
  add: [Spc_Special]
  names: {Lens_L: LensLeft}
aliases:
  "Lt. Lens": LensLeft
targets:
  style: relative
  grammar: true
  types: {PGTV: PTV}
  classifiers: {tb: sb}
  names: [Boost_Area]
aux:
  policy: z-prefix
  body: Body
  names: [PTV-all]
)",
                                     "demo.yaml");
  ASSERT_TRUE(protocol.ok()) << protocol.error().message;
  EXPECT_EQ(protocol->max_name_length, 18u);
  EXPECT_EQ(protocol->removed, (std::vector<std::string>{"Bolus_xxmm", "Eval"}));
  EXPECT_EQ(protocol->added, std::vector<std::string>{"Spc_Special"});
  EXPECT_EQ(protocol->local_names.at("Lens_L"), "LensLeft");
  EXPECT_EQ(protocol->aliases.at("lt. lens"), "LensLeft");
  EXPECT_EQ(protocol->target_style, DoseStyle::relative);
  EXPECT_EQ(protocol->target_spellings.types.at("PGTV"), "PTV");
  EXPECT_EQ(protocol->target_spellings.classifiers.at("tb"), "sb");
  EXPECT_EQ(protocol->target_names, std::vector<std::string>{"Boost_Area"});
  EXPECT_EQ(protocol->aux_policy, AuxPolicy::z_prefix);
  EXPECT_EQ(protocol->body_name, "Body");
  EXPECT_EQ(protocol->aux_names, std::vector<std::string>{"PTV-all"});
  EXPECT_FALSE(validate_name("Eval", *protocol).valid);
  EXPECT_TRUE(validate_name("Spc_Special_L", *protocol).valid == false);
  EXPECT_TRUE(validate_name("Spc_Special", *protocol).valid);
  EXPECT_TRUE(validate_name("Boost_Area", *protocol).valid);
}

TEST(ProtocolLoader, ShowOutputLoadsBackTheSame) {
  for (const auto& name : embedded_protocol_names()) {
    auto protocol = load_named_protocol(name);
    ASSERT_TRUE(protocol.ok());
    auto again = load_protocol_text(protocol_to_yaml(*protocol), "shown");
    ASSERT_TRUE(again.ok()) << name << ": " << again.error().message << "\n" << protocol_to_yaml(*protocol);
    EXPECT_EQ(protocol_to_yaml(*again), protocol_to_yaml(*protocol)) << name;
  }
}

TEST(ProtocolLoader, EveryProblemIsReportedWithItsLine) {
  const ProtocolCheck check = check_protocol_text(R"(protocol: Bad Name
base: tg264
max_name_length: 0
organs:
  remove: [NoSuchOrgan, brainstem]
  names:
    Lens_L: Lens_Left
    Lens_R: lens_left
    Lense_L: Lens_X
  colour: red
targets:
  style: kilogray
  grammar: maybe
  types: {PGTV: XTV}
  classifiers: {NX: p, tb: q}
aux:
  policy: delete
  body: Outline
aliases:
  cord: SpinalCord
  Cord: Brainstem
mystery: 1
)",
                                                  "bad.yaml");
  EXPECT_FALSE(check.protocol.has_value());
  const std::string all = listing(check);
  EXPECT_TRUE(has_problem(check, 1, "protocol name")) << all;
  EXPECT_TRUE(has_problem(check, 2, "base must be")) << all;
  EXPECT_TRUE(has_problem(check, 3, "max_name_length")) << all;
  EXPECT_TRUE(has_problem(check, 5, "'NoSuchOrgan' is not a TG-263 primary name")) << all;
  EXPECT_TRUE(has_problem(check, 5, "the table writes 'Brainstem'")) << all;
  EXPECT_TRUE(has_problem(check, 8, "already used on line 7")) << all;
  EXPECT_TRUE(has_problem(check, 9, "'Lense_L' is not a TG-263 primary name")) << all;
  EXPECT_TRUE(has_problem(check, 10, "unknown key 'colour'")) << all;
  EXPECT_TRUE(has_problem(check, 12, "targets.style")) << all;
  EXPECT_TRUE(has_problem(check, 13, "true or false")) << all;
  EXPECT_TRUE(has_problem(check, 14, "'XTV' is not a TG-263 target type")) << all;
  EXPECT_TRUE(has_problem(check, 15, "lower-case")) << all;
  EXPECT_TRUE(has_problem(check, 15, "'q' is not a TG-263 classifier")) << all;
  EXPECT_TRUE(has_problem(check, 17, "aux.policy")) << all;
  EXPECT_TRUE(has_problem(check, 18, "aux.body")) << all;
  EXPECT_TRUE(has_problem(check, 21, "same alias as the one on line 20")) << all;
  EXPECT_TRUE(has_problem(check, 22, "unknown key 'mystery'")) << all;
  EXPECT_TRUE(std::is_sorted(check.problems.begin(), check.problems.end(),
                             [](const auto& a, const auto& b) { return a.line < b.line; }));
}

TEST(ProtocolLoader, AliasesMustLeadToAllowedNames) {
  const ProtocolCheck check = check_protocol_text(R"(protocol: demo
aliases:
  lt parotid: Parotid_L
  spinal cord: Spinal_Cord
)",
                                                  "demo.yaml");
  EXPECT_TRUE(has_problem(check, 4, "'Spinal_Cord' is not a valid name")) << listing(check);
  EXPECT_EQ(check.problems.size(), 1u) << listing(check);
}

TEST(ProtocolLoader, LengthLimitAppliesToListedNames) {
  const ProtocolCheck check = check_protocol_text(R"(protocol: demo
organs:
  names: {Lobe_Temporal_L: TemporalLobe_Left}
)",
                                                  "demo.yaml");
  EXPECT_TRUE(has_problem(check, 3, "17 characters; max_name_length is 16")) << listing(check);
}

TEST(ProtocolLoader, YamlSyntaxErrorsHaveALine) {
  const ProtocolCheck check =
      check_protocol_text("protocol: demo\norgans:\n  remove: [a, b\n", "broken.yaml");
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_GT(check.problems[0].line, 0);
  EXPECT_NE(check.problems[0].message.find("YAML"), std::string::npos);
}

TEST(ProtocolLoader, OddDocumentsAreProblemsNotCrashes) {
  for (const char* text : {"", "- a\n- b\n", "just text", "protocol: [x]", "protocol: demo\norgans: 3\n",
                           "protocol: demo\naliases: [a]\n", "protocol: demo\n? [a]\n: b\n", "{{{{{{{{{{{{",
                           "protocol: demo\ntargets: {names: {a: b}}\n", "protocol: &a demo\nx: *a\n"}) {
    const ProtocolCheck check = check_protocol_text(text, "odd.yaml");
    EXPECT_FALSE(check.protocol.has_value()) << text;
    EXPECT_FALSE(check.problems.empty()) << text;
  }
}

TEST(ProtocolLoader, FirstProblemNamesFileAndLine) {
  auto protocol = load_protocol_text("protocol: demo\nbase: other\n", "my.yaml");
  ASSERT_FALSE(protocol.ok());
  EXPECT_TRUE(protocol.error().message.starts_with("my.yaml:2: base must be")) << protocol.error().message;
}

TEST(ProtocolLoader, LoadsFilesAndNamesAlike) {
  testing::TempDir dir;
  const auto path = dir.path() / "mine.yaml";
  std::ofstream(path) << "protocol: mine\ntargets: {style: gray}\n";
  auto from_file = load_protocol(path.string());
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  EXPECT_EQ(from_file->origin, path.string());
  EXPECT_TRUE(load_protocol("tg263").ok());
  auto missing = load_protocol("no-such-protocol");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("neither an embedded protocol"), std::string::npos);
  EXPECT_FALSE(load_protocol_file(dir.path() / "absent.yaml").ok());
}

}  // namespace
}  // namespace roiname

namespace roiname {
namespace {

// The table "From a TG-263 name to the protocol's name" of docs/protocols.md.
TEST(ProtocolNameFor, DocumentedTableHolds) {
  struct Row {
    const char* standard;
    const char* institution;
    const char* reverse;
    const char* chinese;
  };
  auto institution = load_named_protocol("example-institution");
  auto reverse = load_named_protocol("tg263-reverse");
  auto chinese = load_named_protocol("cn-nasopharynx");
  ASSERT_TRUE(institution.ok() && reverse.ok() && chinese.ok());
  for (const Row& row :
       {Row{"Lens_L", "Lens_Left", "L_Lens", "Lens_L"},
        Row{"Parotid_PRV05_L", "Parotid_Left_PRV05", "L_PRV05_Parotid", "Parotid_PRV05_L"},
        Row{"PTVsb_5000", "PTVtb_50Gy", "PTVsb_5000", "PTVsb_50Gy"}, Row{"GTVp", "GTVp", "GTVp", "GTVnx"}}) {
    EXPECT_EQ(*protocol_name_for(row.standard, *institution), row.institution) << row.standard;
    EXPECT_EQ(*protocol_name_for(row.standard, *reverse), row.reverse) << row.standard;
    EXPECT_EQ(*protocol_name_for(row.standard, *chinese), row.chinese) << row.standard;
    // What a protocol writes, it accepts.
    EXPECT_TRUE(validate_name(row.institution, *institution).valid) << row.institution;
    EXPECT_TRUE(validate_name(row.reverse, *reverse).valid) << row.reverse;
    EXPECT_TRUE(validate_name(row.chinese, *chinese).valid) << row.chinese;
  }
}

TEST(ProtocolNameFor, RemovedNamesAreRefused) {
  auto protocol = load_protocol_text("protocol: demo\norgans: {remove: [Eval]}\n", "demo.yaml");
  ASSERT_TRUE(protocol.ok());
  EXPECT_FALSE(protocol_name_for("Eval", *protocol).ok());
  EXPECT_FALSE(protocol_name_for("not a name", *protocol).ok());
}

// Closed-list example of docs/protocols.md.
TEST(ProtocolNameFor, ClosedListProtocol) {
  auto protocol = load_protocol_text(R"(protocol: closed-list
base: none
organs:
  names:
    Brainstem: Brainstem
    SpinalCord: SpinalCord
targets:
  grammar: false
  names: [PTV_High, GTV]
)",
                                     "closed.yaml");
  ASSERT_TRUE(protocol.ok()) << protocol.error().message;
  EXPECT_TRUE(validate_name("Brainstem", *protocol).valid);
  EXPECT_TRUE(validate_name("SpinalCord_PRV05", *protocol).valid);
  EXPECT_FALSE(validate_name("Parotid_L", *protocol).valid);
  EXPECT_TRUE(validate_name("PTV_High", *protocol).valid);
  EXPECT_FALSE(validate_name("PTV_7000", *protocol).valid);
  EXPECT_FALSE(protocol_name_for("Parotid_L", *protocol).ok());
}

}  // namespace
}  // namespace roiname
