// Invariants of the anatomical lexicon data (data/lexicon/*.tsv) and of the
// per-language lexicon test cases: schema, no duplicates or silent
// ambiguities, every root a real TG-263 name, terms in canonical form.
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded_data.h"
#include "support/test_support.h"

namespace roiname {
namespace {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> fields;
  std::string field;
  for (char c : text) {
    if (c == separator) {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  for (auto& line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// One CSV record with RFC 4180 quoting (the TG-263 table quotes some fields).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

std::string strip_bom(std::string text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return text;
}

const std::set<std::string>& tg263_names() {
  static const std::set<std::string> names = [] {
    std::set<std::string> result;
    auto table = embedded_file("tg263/tg263_v20170815.csv");
    if (!table) return result;
    auto lines = lines_of(strip_bom(std::string(*table)));
    auto header = csv_fields(lines.at(0));
    auto column = std::find(header.begin(), header.end(), "TG263-Primary Name") - header.begin();
    for (size_t i = 1; i < lines.size(); ++i) {
      auto fields = csv_fields(lines[i]);
      if (static_cast<size_t>(column) < fields.size()) result.insert(fields[column]);
    }
    return result;
  }();
  return names;
}

bool is_root(const std::string& root) {
  const auto& names = tg263_names();
  return names.contains(root) || names.contains(root + "_L") || names.contains(root + "_R");
}

struct LexiconRow {
  std::string term, root, lang, note;
  size_t line = 0;
};

std::vector<LexiconRow> anatomy_rows() {
  std::vector<LexiconRow> rows;
  auto file = embedded_file("lexicon/anatomy.tsv");
  if (!file) return rows;
  auto lines = lines_of(*file);
  for (size_t i = 1; i < lines.size(); ++i) {
    auto fields = split(lines[i], '\t');
    LexiconRow row;
    row.line = i + 1;
    if (fields.size() > 0) row.term = fields[0];
    if (fields.size() > 1) row.root = fields[1];
    if (fields.size() > 2) row.lang = fields[2];
    if (fields.size() > 3) row.note = fields[3];
    rows.push_back(row);
  }
  return rows;
}

// The form the engine compares against: NFKC, lower case, single spaces.
bool is_canonical_term(const std::string& term) {
  if (term.empty() || term.front() == ' ' || term.back() == ' ') return false;
  if (term.find("  ") != std::string::npos) return false;
  if (term.find_first_of("_-/+,.;:()[]{}\"'\t") != std::string::npos) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(term);
  if (!nfkc->isNormalized(text, status) || U_FAILURE(status)) return false;
  icu::UnicodeString lower = text;
  lower.toLower(icu::Locale::getRoot());
  return lower == text;
}

const std::set<std::string> kLangs = {"en", "de", "nl", "fr",     "es", "pt", "it",  "sv", "da",
                                      "no", "ca", "zh", "pinyin", "ja", "ko", "la",  "tr", "pl",
                                      "cs", "sk", "hu", "ro",     "el", "ru", "abbr"};
// Languages with entries so far (each needs a real vocabulary, not a token row).
const std::vector<std::string> kCoveredLangs = {"en", "de", "nl", "fr",     "es", "pt", "it",  "sv", "da",
                                                "no", "ca", "zh", "pinyin", "ja", "ko", "la",  "tr", "pl",
                                                "cs", "sk", "hu", "ro",     "el", "ru", "abbr"};

TEST(LexiconData, Tg263TableParses) {
  EXPECT_GT(tg263_names().size(), 700u);
  EXPECT_TRUE(tg263_names().contains("Glnd_Submand_L"));
}

TEST(LexiconData, AnatomyHeaderAndColumns) {
  auto file = embedded_file("lexicon/anatomy.tsv");
  ASSERT_TRUE(file.has_value());
  auto lines = lines_of(*file);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "term\troot\tlang\tnote");
  for (size_t i = 1; i < lines.size(); ++i) EXPECT_EQ(split(lines[i], '\t').size(), 4u) << "line " << i + 1;
  EXPECT_GT(lines.size(), 1000u);
}

TEST(LexiconData, AnatomyRowsAreValid) {
  for (const auto& row : anatomy_rows()) {
    SCOPED_TRACE("anatomy.tsv line " + std::to_string(row.line) + ": " + row.term);
    EXPECT_TRUE(is_canonical_term(row.term)) << "term must be NFKC, lower case, single-spaced words";
    EXPECT_TRUE(is_root(row.root)) << row.root << " is not a TG-263 name (with or without _L/_R)";
    EXPECT_TRUE(kLangs.contains(row.lang)) << row.lang;
  }
}

TEST(LexiconData, NoDuplicateTermRootPairs) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& row : anatomy_rows())
    EXPECT_TRUE(seen.insert({row.term, row.root}).second) << "duplicate " << row.term << " -> " << row.root;
}

TEST(LexiconData, AmbiguityIsDeclared) {
  // Within one language a term has one root, unless every row of it says why not.
  std::map<std::pair<std::string, std::string>, std::vector<LexiconRow>> by_term;
  for (const auto& row : anatomy_rows()) by_term[{row.term, row.lang}].push_back(row);
  for (const auto& [key, rows] : by_term) {
    if (rows.size() < 2) continue;
    int preferred = 0;
    for (const auto& row : rows) {
      EXPECT_NE(row.note.find("ambiguous"), std::string::npos)
          << key.first << " (" << key.second << ") maps to several roots; line " << row.line
          << " lacks 'ambiguous'";
      if (row.note.starts_with("ambiguous, preferred")) ++preferred;
    }
    EXPECT_LE(preferred, 1) << key.first << " (" << key.second << ") has several preferred senses";
  }
}

TEST(LexiconData, EveryLanguageIsCovered) {
  std::map<std::string, int> per_lang;
  for (const auto& row : anatomy_rows()) ++per_lang[row.lang];
  for (const auto& lang : kCoveredLangs) EXPECT_GE(per_lang[lang], 20) << lang;
}

TEST(LexiconData, CoreOrgansHaveEnglishTerms) {
  std::set<std::pair<std::string, std::string>> english;
  for (const auto& row : anatomy_rows())
    if (row.lang == "en") english.insert({row.term, row.root});
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"spinal cord", "SpinalCord"},
      {"brainstem", "Brainstem"},
      {"parotid", "Parotid"},
      {"submandibular gland", "Glnd_Submand"},
      {"optic nerve", "OpticNrv"},
      {"optic chiasm", "OpticChiasm"},
      {"femoral head", "Femur_Head"},
      {"lungs", "Lungs"},
      {"oesophagus", "Esophagus"},
      {"cervical esophagus", "Esophagus_S"},
      {"inferior constrictor", "Musc_Constrict_I"},
      {"right upper lobe", "Lung_RUL"},
      {"level ii", "LN_Neck_II"},
      {"hyoid", "Bone_Hyoid"},
      {"c1", "VB_C1"}};
  for (const auto& entry : expected)
    EXPECT_TRUE(english.contains(entry)) << entry.first << " -> " << entry.second;
}

const std::set<std::string> kSites = {"brain",         "nasopharynx",  "head_neck", "breast",     "lung",
                                      "esophagus",     "thorax_other", "liver",     "pancreas",   "stomach",
                                      "abdomen_other", "prostate",     "rectum",    "cervix",     "bladder",
                                      "pelvis_other",  "spine_bone",   "extremity", "whole_body", "unknown"};

TEST(LexiconData, SiteEvidenceIsValid) {
  auto file = embedded_file("lexicon/site_evidence.tsv");
  ASSERT_TRUE(file.has_value());
  auto lines = lines_of(*file);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "key\tsite\tweight\tnote");
  std::set<std::string> terms;
  for (const auto& row : anatomy_rows()) terms.insert(row.term);
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 1; i < lines.size(); ++i) {
    SCOPED_TRACE("site_evidence.tsv line " + std::to_string(i + 1));
    auto fields = split(lines[i], '\t');
    ASSERT_EQ(fields.size(), 4u);
    const auto& key = fields[0];
    EXPECT_TRUE(is_root(key) || terms.contains(key) || fields[3].starts_with("hint"))
        << key << " is neither a TG-263 root, a lexicon term nor a declared hint";
    if (!is_root(key)) {
      EXPECT_TRUE(is_canonical_term(key)) << key;
    }
    EXPECT_TRUE(kSites.contains(fields[1])) << fields[1];
    double weight = 0;
    std::istringstream in(fields[2]);
    EXPECT_TRUE(static_cast<bool>(in >> weight) && in.eof()) << fields[2];
    EXPECT_GT(weight, 0.0);
    EXPECT_LE(weight, 1.0);
    EXPECT_TRUE(seen.insert({key, fields[1]}).second) << "duplicate " << key << " / " << fields[1];
  }
}

// The language case files that the engine's table-driven test reads.
TEST(LexiconData, LanguageCaseFilesAreWellFormed) {
  const std::regex organ(R"(^([A-Za-z0-9_]+?)(~)?(_PRV(\d\d)?)?(_L|_R)?$)");
  const std::regex target(R"(^(GTV|CTV|ITV|IGTV|ICTV|PTV).*$)");
  std::set<std::string> lexicon_roots;
  for (const auto& row : anatomy_rows()) lexicon_roots.insert(row.root);
  for (const auto& lang : kCoveredLangs) {
    if (lang == "la") continue;  // Latin forms appear inside the other languages' cases
    auto path = testing::source_dir() / "tests/core/data/lexicon_cases" / (lang + ".csv");
    SCOPED_TRACE(path.string());
    std::ifstream in(path);
    ASSERT_TRUE(in.good());
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto lines = lines_of(buffer.str());
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0], "raw_name,class,standard_name");
    EXPECT_GE(lines.size(), 31u);
    EXPECT_LE(lines.size(), 121u);  // a reviewable sample, not a second lexicon
    for (size_t i = 1; i < lines.size(); ++i) {
      auto fields = csv_fields(lines[i]);
      ASSERT_EQ(fields.size(), 3u) << lines[i];
      const auto& cls = fields[1];
      const auto& name = fields[2];
      EXPECT_FALSE(fields[0].empty()) << lines[i];
      EXPECT_TRUE(cls == "TV" || cls == "OAR" || cls == "AUX" || cls == "DOSE") << lines[i];
      if (cls == "TV" || cls == "OAR") {
        EXPECT_LE(name.size(), 16u) << lines[i];
      }
      if (cls == "OAR" && name.find('-') != std::string::npos) {
        EXPECT_TRUE(tg263_names().contains(name)) << "derived organ names must be TG-263 rows: " << name;
      } else if (cls == "OAR" && name != "unknown") {
        std::smatch match;
        ASSERT_TRUE(std::regex_match(name, match, organ)) << lines[i];
        const bool known = tg263_names().contains(name) || is_root(match[1].str());
        EXPECT_TRUE(known) << name << " is not a TG-263 composition";
        EXPECT_TRUE(lexicon_roots.contains(match[1].str()) || lexicon_roots.contains(name))
            << "the lexicon has no term for " << match[1].str();
      }
      if (cls == "TV") {
        EXPECT_TRUE(std::regex_match(name, target)) << lines[i];
      }
    }
  }
}

}  // namespace
}  // namespace roiname
