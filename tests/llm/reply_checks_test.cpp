#include "llm/reply_checks.h"

#include <gtest/gtest.h>

namespace roiname::llm {
namespace {

using nlohmann::json;

NamingRules accept_all() {
  NamingRules rules;
  rules.check_name = [](const std::string&, RoiClass) -> std::optional<std::string> { return std::nullopt; };
  return rules;
}

TEST(CheckNameReply, DuplicatesIgnoreCase) {
  const json reply = json::parse(R"({"rois":[{"id":1,"name":"Lung_L"},{"id":2,"name":"LUNG_L"}]})");
  auto checked = check_name_reply(reply, {RoiClass::OAR, RoiClass::OAR}, accept_all(), {});
  EXPECT_FALSE(checked.answers[0]);
  EXPECT_FALSE(checked.answers[1]);
  EXPECT_NE(checked.roi_problems[1].find("several ROIs (ids 1, 2)"), std::string::npos);
}

TEST(CheckNameReply, TakenNamesIgnoreCaseAndUnknownMayRepeat) {
  const json reply = json::parse(R"({"rois":[{"id":1,"name":"external"},{"id":2,"name":"unknown"},
                                              {"id":3,"name":"unknown"}]})");
  auto checked =
      check_name_reply(reply, {RoiClass::OAR, RoiClass::OAR, RoiClass::TV}, accept_all(), {"External"});
  EXPECT_FALSE(checked.answers[0]);
  EXPECT_EQ(checked.answers[1], "unknown");
  EXPECT_EQ(checked.answers[2], "unknown");
}

TEST(CheckNameReply, InventedIdsAndNonStringNamesAreProblems) {
  const json reply = json::parse(R"({"rois":[{"id":1,"name":7},{"id":9,"name":"X"},{"name":"Y"}]})");
  auto checked = check_name_reply(reply, {RoiClass::OAR}, accept_all(), {});
  EXPECT_FALSE(checked.answers[0]);
  EXPECT_EQ(checked.problems.size(), 3u);
}

TEST(CheckNameReply, SixteenCharactersIsTheLimit) {
  const json reply =
      json::parse(R"({"rois":[{"id":1,"name":"A234567890123456"},{"id":2,"name":"A2345678901234567"}]})");
  auto checked = check_name_reply(reply, {RoiClass::OAR, RoiClass::OAR}, accept_all(), {});
  EXPECT_TRUE(checked.answers[0]);
  EXPECT_FALSE(checked.answers[1]);
}

TEST(CheckNameReply, TheProtocolsLimitApplies) {
  const json reply = json::parse(
      R"({"rois":[{"id":1,"name":"TemporalLobe_Left"},{"id":2,"name":"A2345678901234567890X"}]})");
  NamingRules rules = accept_all();
  rules.max_name_length = 20;
  auto checked = check_name_reply(reply, {RoiClass::OAR, RoiClass::OAR}, rules, {});
  EXPECT_EQ(checked.answers[0], "TemporalLobe_Left");
  EXPECT_FALSE(checked.answers[1]);
  EXPECT_NE(checked.roi_problems[1].find("longer than 20"), std::string::npos);
}

TEST(CheckClassReply, CaseInsensitiveClassesAndMissingIds) {
  const json reply = json::parse(R"({"rois":[{"id":1,"class":"oar"},{"id":1,"class":"TV"}]})");
  auto checked = check_class_reply(reply, 2);
  EXPECT_FALSE(checked.answers[0]);  // answered twice
  EXPECT_NE(checked.roi_problems[0].find("2 times"), std::string::npos);
  EXPECT_FALSE(checked.answers[1]);
  EXPECT_NE(checked.roi_problems[1].find("not answered"), std::string::npos);
}

TEST(CheckSiteReply, OnlyListedSites) {
  EXPECT_EQ(check_site_reply(json::parse(R"({"site":"Lung"})")).answers[0], "lung");
  EXPECT_FALSE(check_site_reply(json::parse(R"({"site":"thorax"})")).answers[0]);
  EXPECT_FALSE(check_site_reply(std::nullopt).answers[0]);
}

}  // namespace
}  // namespace roiname::llm
