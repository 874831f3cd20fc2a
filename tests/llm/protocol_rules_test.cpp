#include "llm/protocol_rules.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace roiname::llm {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(NamingRulesFor, ChecksNamesWithTheProtocol) {
  const NamingRules rules = naming_rules_for(default_protocol());
  EXPECT_FALSE(rules.check_name("Parotid_L", RoiClass::OAR));
  EXPECT_TRUE(rules.check_name("Parotid_Left", RoiClass::OAR));
  EXPECT_FALSE(rules.check_name("PTV_7000", RoiClass::TV));
  EXPECT_TRUE(rules.check_name("Parotid_L", RoiClass::TV));  // a target needs a target name
  EXPECT_TRUE(rules.check_name("PTV_7000", RoiClass::OAR));
}

TEST(NamingRulesFor, NamesMayBeAsLongAsTheProtocolAllows) {
  EXPECT_EQ(naming_rules_for(default_protocol()).max_name_length, 16u);
  Protocol longer = default_protocol();
  longer.max_name_length = 20;  // as example-institution
  EXPECT_EQ(naming_rules_for(longer).max_name_length, 20u);
}

TEST(NamingRulesFor, CanonicalFormFollowsTheDoseStyle) {
  const NamingRules rules = naming_rules_for(default_protocol());
  EXPECT_EQ(rules.canonical("PTV_70Gy"), "PTV_7000");
  EXPECT_EQ(rules.canonical("Brainstem"), "Brainstem");
}

TEST(NamingRulesFor, KeptNamesFollowTheAuxPolicy) {
  EXPECT_EQ(naming_rules_for(default_protocol()).kept_name("ring", RoiClass::AUX), "ring");
  Protocol z_protocol = default_protocol();
  z_protocol.aux_policy = AuxPolicy::z_prefix;
  EXPECT_EQ(naming_rules_for(z_protocol).kept_name("ring", RoiClass::AUX), "zring");
  EXPECT_EQ(naming_rules_for(z_protocol).kept_name("Couch", RoiClass::DOSE), "Couch");
}

TEST(OrganCandidates, SideWordsPickTheSide) {
  const auto names = organ_candidates("Lt Parotid", "head_neck", default_protocol(), 3);
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "Parotid_L");
}

TEST(OrganCandidates, DescriptionWordsCount) {
  EXPECT_TRUE(contains(organ_candidates("spinal cord", "lung", default_protocol(), 3), "SpinalCord"));
  EXPECT_TRUE(organ_candidates("PTV 70", "lung", default_protocol(), 3).empty() ||
              !contains(organ_candidates("PTV 70", "lung", default_protocol(), 3), "PTV_7000"));
}

TEST(NamingRulesFor, SiteNamesRelateToTheSet) {
  const NamingRules rules = naming_rules_for(default_protocol());
  const auto names = rules.site_names("head_neck", {"Lt Parotid", "Rt Parotid", "Brain Stem"});
  EXPECT_TRUE(contains(names, "Parotid"));
  EXPECT_TRUE(contains(names, "Brainstem"));
  EXPECT_LE(names.size(), 60u);
}

}  // namespace
}  // namespace roiname::llm
