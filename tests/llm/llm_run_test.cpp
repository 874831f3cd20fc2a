// roiname run --engine llm|hybrid end to end against the fake server, on the
// bundled dicompyler example and on fixtures: which engine decided each ROI,
// valid written names, unknown and invalid answers kept for review in every
// report and the audit log, --only-confident, garbage replies, timeouts and
// HTTP errors that leave the batch going, and the API key kept out of
// reports, audit log, copies and console output.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "dicom/fixtures/fixture_writer.h"
#include "fake_openai_server.h"
#include "support/test_support.h"

namespace roiname::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kSecret = "sk-RUN-SECRET-4b1d0c-never-shown";

const std::map<std::string, ModelAnswer> kAnswers = {
    {"Heart", {"OAR", "Heart"}},
    {"Lt Lung", {"OAR", "Lung_L"}},
};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

fs::path example() { return source_dir() / "examples" / "dicompyler-core-example"; }

CommandResult run(const std::string& base_url, const fs::path& out, const std::string& engine) {
  return run_shell(std::string("ROINAME_API_KEY=") + kSecret + " " + shell_quote(ROINAME_BINARY) + " run " +
                   shell_quote(example().string()) + " --out " + shell_quote(out.string()) + " --engine " +
                   engine + " --llm-base-url " + base_url +
                   " --llm-model fake-model --llm-max-retries 0 --no-llm-cache --no-progress");
}

// The key appears in no file under `root` and in neither console stream.
void expect_no_secret(const fs::path& root, const CommandResult& result) {
  EXPECT_EQ(result.out.find(kSecret), std::string::npos);
  EXPECT_EQ(result.err.find(kSecret), std::string::npos);
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) {
      ++files;
      EXPECT_EQ(read_bytes(entry.path()).find(kSecret), std::string::npos) << entry.path();
    }
  EXPECT_TRUE(fs::exists(root / "out" / "roiname.sqlite"));
  EXPECT_GE(files, 4);  // copy, three reports, audit log
}

const json& only_set(const json& report) {
  EXPECT_EQ(report["structure_sets"].size(), 1u);
  return report["structure_sets"][0];
}

const json* roi_named(const json& set, const std::string& original) {
  for (const auto& roi : set["rois"])
    if (roi["old"] == original) return &roi;
  return nullptr;
}

TEST(RunWithLlm, LlmAndHybridRecordTheDecidingEngineAndWriteValidNames) {
  for (const std::string engine : {"llm", "hybrid"}) {
    SCOPED_TRACE(engine);
    FakeOpenAiServer server;
    server.set_handler(stage_answering_handler(kAnswers, "breast"));
    TempDir dir;
    const fs::path out = dir.path() / "out";
    const CommandResult result = run(server.base_url(), out, engine);
    ASSERT_LE(result.exit_code, 1) << result.err;
    const json report = json::parse(read_bytes(out / "report.json"));
    const json& set = only_set(report);
    ASSERT_TRUE(set["error"].is_null()) << set["error"];
    int by_llm = 0;
    for (const auto& roi : set["rois"]) {
      const std::string decided_by = roi["engine"];
      EXPECT_TRUE(decided_by == "llm" || decided_by == "rules") << roi.dump();
      by_llm += decided_by == "llm";
    }
    if (engine == "llm") {
      EXPECT_GE(by_llm, 1) << set.dump();
      EXPECT_GE(server.request_count(), 1);
    }
    const json* lung = roi_named(set, "Lt Lung");
    ASSERT_NE(lung, nullptr);
    EXPECT_EQ((*lung)["written"], "Lung_L");
    // Every name the run changed must be valid (unknown ROIs keep theirs).
    std::string changed;
    for (const auto& roi : set["rois"]) {
      const std::string written = roi["written"];
      if (written != roi["old"].get<std::string>()) {
        changed += ' ';
        changed += shell_quote(written);
      }
    }
    if (!changed.empty()) {
      const CommandResult valid = run_roiname("validate" + changed);
      EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    }
    expect_no_secret(dir.path(), result);
  }
}

TEST(RunWithLlm, GarbageRepliesFallBackToRulesWithReview) {
  FakeOpenAiServer server;
  server.set_handler([](const json&) { return chat_completion("this is not json {{{"); });
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const CommandResult result = run(server.base_url(), out, "llm");
  ASSERT_LE(result.exit_code, 1) << result.err;
  const json set = only_set(json::parse(read_bytes(out / "report.json")));
  const json* lung = roi_named(set, "Lt Lung");
  ASSERT_NE(lung, nullptr);
  EXPECT_EQ((*lung)["engine"], "rules") << lung->dump();
  EXPECT_TRUE((*lung)["needs_review"].get<bool>()) << lung->dump();
  EXPECT_EQ((*lung)["written"], "Lung_L");
  for (const auto& roi : set["rois"]) EXPECT_EQ(roi["engine"], "rules") << roi.dump();
  expect_no_secret(dir.path(), result);
}

// ---- fixtures -----------------------------------------------------------------

std::vector<Contour> square(double x0, double x1) {
  return {{"CLOSED_PLANAR", {{x0, -20, 0}, {x1, -20, 0}, {x1, 20, 0}, {x0, 20, 0}}}};
}

// An RTSTRUCT with these ROI names (numbers from 1), contours on both sides.
fs::path write_set(const fs::path& file, const std::vector<std::string>& names, const std::string& uid) {
  dicom::fixtures::RtstructFixture fixture;
  fixture.sop_instance_uid = uid;
  int number = 1;
  for (const auto& name : names) {
    dicom::fixtures::FixtureRoi roi;
    roi.number = number++;
    roi.name = name;
    roi.contours = square(-10, 10);
    fixture.rois.push_back(roi);
  }
  fs::create_directories(file.parent_path());
  EXPECT_TRUE(dicom::fixtures::write_rtstruct(fixture, file).ok());
  return file;
}

CommandResult run_on(const fs::path& input, const std::string& base_url, const fs::path& out,
                     const std::string& engine, const std::string& extra = "") {
  return run_shell(
      std::string("ROINAME_API_KEY=") + kSecret + " " + shell_quote(ROINAME_BINARY) + " run " +
      shell_quote(input.string()) + " --out " + shell_quote(out.string()) + " --engine " + engine +
      " --llm-base-url " + base_url +
      " --llm-model fake-model --llm-max-retries 0 --no-llm-cache --no-progress --no-laterality " + extra);
}

bool has_reason(const json& roi, const std::string& rule, const std::string& words) {
  for (const auto& reason : roi["reasons"])
    if (reason["rule"] == rule && reason["detail"].get<std::string>().find(words) != std::string::npos)
      return true;
  return false;
}

// The ROI names of the copy `file`, read back by `roiname scan`.
std::map<int, std::string> names_in_copy(const fs::path& file) {
  const CommandResult scan = run_roiname("scan --format json " + shell_quote(file.string()));
  EXPECT_EQ(scan.exit_code, 0) << scan.err;
  const json listing = json::parse(scan.out);
  std::map<int, std::string> names;
  for (const auto& roi : listing["structure_sets"][0]["rois"]) names[roi["number"].get<int>()] = roi["name"];
  return names;
}

// needs_review per ROI name as the CSV report, the HTML report and the audit
// log each tell it, to compare with report.json.
struct ReviewViews {
  std::map<std::string, bool> csv, html, audit;
};

ReviewViews review_views(const fs::path& out, const json& set) {
  ReviewViews views;
  std::istringstream csv(read_bytes(out / "report.csv"));
  std::string line;
  std::getline(csv,
               line);  // header: ...,old_name,new_name,written_name,action,class,confidence,needs_review,...
  while (std::getline(csv, line)) {
    std::vector<std::string> fields;
    std::stringstream row(line);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
    if (fields.size() > 10) views.csv[fields[4]] = fields[10] == "yes";
  }
  const std::string html = read_bytes(out / "report.html");
  for (const auto& roi : set["rois"]) {
    const std::string marker = "data-roi=\"" + std::to_string(roi["number"].get<int>()) + "\"";
    const std::size_t at = html.find(marker);
    if (at == std::string::npos) continue;
    const std::size_t row_start = html.rfind("<tr", at);
    const std::string row = html.substr(row_start, html.find("</tr>", at) - row_start);
    views.html[roi["old"]] = row.find("review") < row.find("data-roi");
  }
  const CommandResult audit =
      run_roiname("audit " + shell_quote((out / "roiname.sqlite").string()) + " --run 1 --format json");
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  const json log = json::parse(audit.out);
  for (const auto& decision : log["decisions"])
    views.audit[decision["old_name"]] = decision["needs_review"] == "1";
  return views;
}

// The flag of `name` in one view; a missing name is a failure.
bool flag(const std::map<std::string, bool>& view, const std::string& name, const char* where) {
  const auto found = view.find(name);
  if (found == view.end()) {
    ADD_FAILURE() << name << " missing from the " << where;
    return false;
  }
  return found->second;
}

std::string name_of(const std::map<int, std::string>& copy, const json& roi) {
  const auto found = copy.find(roi["number"].get<int>());
  return found == copy.end() ? "(missing from the copy)" : found->second;
}

const std::vector<std::string> kReviewNames = {"Lt Lung", "zz blob 7", "Lt Parotid", "Heart", "PTV 70"};
const std::map<std::string, ModelAnswer> kReviewAnswers = {
    {"Lt Lung", {"OAR", "unknown"}},          // the model does not know
    {"zz blob 7", {"OAR", "Blob_Thing_X"}},   // invalid, and the offline engine has no name either
    {"Lt Parotid", {"OAR", "Parotid_Left"}},  // invalid; the offline Parotid_L is the fallback
    {"Heart", {"OAR", "Heart"}},
    {"PTV 70", {"TV", "PTV_7000"}},
};

TEST(RunWithLlm, UnknownAndInvalidAnswersNeedReviewEverywhere) {
  TempDir dir;
  const fs::path input =
      write_set(dir.path() / "in" / "rs.dcm", kReviewNames, "1.2.826.0.1.3680043.10.1403.71");
  for (const bool only_confident : {false, true}) {
    SCOPED_TRACE(only_confident ? "--only-confident" : "default");
    FakeOpenAiServer server;
    server.set_handler(stage_answering_handler(kReviewAnswers, "head_neck"));
    const fs::path root = dir.path() / (only_confident ? "confident" : "all");
    const fs::path out = root / "out";
    const CommandResult result =
        run_on(input, server.base_url(), out, "llm", only_confident ? "--only-confident" : "");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const json set = only_set(json::parse(read_bytes(out / "report.json")));
    ASSERT_TRUE(set["error"].is_null()) << set["error"];
    const auto copy = names_in_copy(out / "rs.dcm");
    const ReviewViews views = review_views(out, set);

    // "unknown": the copy keeps the original name, and the reports say so.
    const json* lung = roi_named(set, "Lt Lung");
    ASSERT_NE(lung, nullptr);
    EXPECT_EQ((*lung)["new"], "unknown");
    EXPECT_EQ((*lung)["written"], "Lt Lung");
    EXPECT_EQ((*lung)["action"], "kept_for_review");
    EXPECT_EQ(name_of(copy, *lung), "Lt Lung");
    EXPECT_TRUE(has_reason(*lung, "no-name", "keeps the original name")) << lung->dump();
    // An invalid name: the offline answer (here the AUX name as it was) stands.
    const json* blob = roi_named(set, "zz blob 7");
    ASSERT_NE(blob, nullptr);
    EXPECT_EQ((*blob)["written"], "zz blob 7");
    EXPECT_EQ(name_of(copy, *blob), "zz blob 7");
    EXPECT_TRUE(has_reason(*blob, "llm-fallback", "Blob_Thing_X")) << blob->dump();
    for (const std::string original : {"Lt Lung", "zz blob 7"}) {
      const json* roi = roi_named(set, original);
      EXPECT_TRUE((*roi)["needs_review"].get<bool>()) << roi->dump();
      EXPECT_TRUE(flag(views.csv, original, "CSV report")) << original;
      EXPECT_TRUE(flag(views.html, original, "HTML report")) << original;
      EXPECT_TRUE(flag(views.audit, original, "audit log")) << original;
    }

    // The invalid answer falls back to the offline name, which needs review:
    // --only-confident keeps the original in the copy and says why.
    const json* parotid = roi_named(set, "Lt Parotid");
    ASSERT_NE(parotid, nullptr);
    EXPECT_TRUE((*parotid)["needs_review"].get<bool>());
    EXPECT_EQ((*parotid)["new"], "Parotid_L");
    EXPECT_TRUE(flag(views.csv, "Lt Parotid", "CSV report"));
    EXPECT_TRUE(flag(views.html, "Lt Parotid", "HTML report"));
    EXPECT_TRUE(flag(views.audit, "Lt Parotid", "audit log"));
    if (only_confident) {
      EXPECT_EQ((*parotid)["written"], "Lt Parotid");
      EXPECT_EQ((*parotid)["action"], "kept_for_review");
      EXPECT_EQ(name_of(copy, *parotid), "Lt Parotid");
      EXPECT_TRUE(has_reason(*parotid, "only-confident", "Parotid_L")) << parotid->dump();
    } else {
      EXPECT_EQ((*parotid)["written"], "Parotid_L");
      EXPECT_EQ(name_of(copy, *parotid), "Parotid_L");
    }
    // Confident answers are written either way.
    const json* ptv = roi_named(set, "PTV 70");
    EXPECT_FALSE((*ptv)["needs_review"].get<bool>());
    EXPECT_EQ(name_of(copy, *ptv), "PTV_7000");
    // Every ROI: the CSV, HTML and audit log say what report.json says.
    for (const auto& roi : set["rois"]) {
      const bool review = roi["needs_review"];
      EXPECT_EQ(flag(views.csv, roi["old"], "CSV report"), review) << roi["old"];
      EXPECT_EQ(flag(views.html, roi["old"], "HTML report"), review) << roi["old"];
      EXPECT_EQ(flag(views.audit, roi["old"], "audit log"), review) << roi["old"];
    }
    expect_no_secret(root, result);
  }
}

struct ServerFailure {
  std::string name;
  ScriptedReply reply;
  std::string reason;  // words the fallback reason must hold
};

// Every way the server can fail, on a batch of three structure sets, with the
// key echoed back where a server could: each set is still processed, copied
// and reported, every ROI the model was asked about keeps the offline answer
// with needs_review and the reason, and the key shows up nowhere.
TEST(RunWithLlm, ServerFailuresKeepTheBatchGoing) {
  const std::string echo = std::string("invalid key Bearer ") + kSecret;
  ScriptedReply slow = chat_completion(R"({"site": "head_neck"})");
  slow.delay_ms = 2500;
  const std::vector<ServerFailure> failures = {
      {"HTTP 500", http_error(500, echo), "HTTP 500"},
      {"HTTP 401", http_error(401, echo), "HTTP 401"},
      {"timeout", slow, "Timeout was reached"},
      {"not a chat completion", ScriptedReply{200, "<html>" + echo + "</html>", {}, 0},
       "not a chat completion"},
      {"malformed JSON", chat_completion("sure! {\"rois\": [{\"id\": 1, "), "offline answer kept"},
  };
  TempDir dir;
  const std::vector<std::string> names = {"Lt Parotid", "PTV 70", "zz blob 7"};
  for (const char* sub : {"a", "b", "c"})
    write_set(dir.path() / "in" / sub / "rs.dcm", names,
              std::string("1.2.826.0.1.3680043.10.1403.8") + sub[0]);
  for (const auto& failure : failures) {
    for (const std::string engine : {"llm", "hybrid"}) {
      SCOPED_TRACE(failure.name + ", --engine " + engine);
      FakeOpenAiServer server;
      server.set_handler([&](const json&) { return failure.reply; });
      const fs::path root = dir.path() / (engine + "-" + std::to_string(&failure - failures.data()));
      const fs::path out = root / "out";
      const CommandResult result =
          run_on(dir.path() / "in", server.base_url(), out, engine,
                 "--llm-timeout 1 --llm-log " + shell_quote((root / "log").string()));
      EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
      const json report = json::parse(read_bytes(out / "report.json"));
      ASSERT_EQ(report["structure_sets"].size(), 3u);
      EXPECT_EQ(report["totals"]["errors"], 0);
      for (const auto& set : report["structure_sets"]) {
        EXPECT_TRUE(set["error"].is_null()) << set["error"];
        EXPECT_TRUE(fs::exists(set["output_file"].get<std::string>()));
        for (const auto& roi : set["rois"]) {
          EXPECT_EQ(roi["engine"], "rules") << roi.dump();
          const bool asked = engine == "llm" || roi["old"] == "zz blob 7";  // hybrid: only the unsure
          if (!asked) continue;
          EXPECT_TRUE(roi["needs_review"].get<bool>()) << roi.dump();
          EXPECT_TRUE(has_reason(roi, "llm-fallback", failure.reason)) << roi.dump();
        }
      }
      EXPECT_NE(result.err.find("failed call(s)"), std::string::npos) << result.err;
      EXPECT_NE(result.err.find("warning: the LLM gave no usable answer"), std::string::npos) << result.err;
      for (const auto& set : report["structure_sets"]) {
        bool noted = false;
        for (const auto& note : set["notes"]) noted = noted || note.get<std::string>().starts_with("LLM: ");
        EXPECT_TRUE(noted) << set["notes"].dump();
      }
      expect_no_secret(root, result);
    }
  }
}

}  // namespace
}  // namespace roiname::testing
