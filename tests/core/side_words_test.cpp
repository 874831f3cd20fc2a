#include <gtest/gtest.h>

#include "core/laterality/side_words.h"

namespace roiname {
namespace {

std::optional<Side> side_of(std::string_view name) {
  if (auto mention = stated_side(name)) return mention->side;
  return std::nullopt;
}

TEST(SideWords, NamesFromRealStructureSets) {
  EXPECT_EQ(side_of("Lung-Left"), Side::left);
  EXPECT_EQ(side_of("Lung-Right"), Side::right);
  EXPECT_EQ(side_of("Lt Lung"), Side::left);
  EXPECT_EQ(side_of("Lung_L"), Side::left);
  EXPECT_EQ(side_of("Lung_R"), Side::right);
  EXPECT_EQ(side_of("LUNG_LEFT"), Side::left);
  EXPECT_EQ(side_of("BREAST_RIGHT"), Side::right);
  EXPECT_EQ(side_of("Femoral Head Lt"), Side::left);
  EXPECT_EQ(side_of("Femoral Head RT"), Side::right);
  EXPECT_EQ(side_of("Vessels - left"), Side::left);
  EXPECT_EQ(side_of("Right Optic Nerv"), Side::right);
  EXPECT_EQ(side_of("FrontalEsq"), Side::left);
  EXPECT_EQ(side_of("CerebelarDir"), Side::right);
}

TEST(SideWords, OtherLanguagesAndForms) {
  EXPECT_EQ(side_of("Lunge links"), Side::left);
  EXPECT_EQ(side_of("Parotide droite"), Side::right);
  EXPECT_EQ(side_of("LtParotid"), Side::left);
  EXPECT_EQ(side_of("L Parotid"), Side::left);
  EXPECT_EQ(side_of("Parotid_L_PRV03"), Side::left);
  EXPECT_EQ(side_of("左腮腺"), Side::left);
  EXPECT_EQ(side_of("右肺"), Side::right);
  EXPECT_EQ(side_of("Njure höger"), Side::right);
}

TEST(SideWords, NoSideOrAmbiguous) {
  EXPECT_FALSE(side_of("GTV-1"));
  EXPECT_FALSE(side_of("Spinal-Cord"));
  EXPECT_FALSE(side_of("Lungs"));
  EXPECT_FALSE(side_of("Lung_L+R"));
  EXPECT_FALSE(side_of("D2CM L L"));  // tomo set: neither letter is a side
  EXPECT_FALSE(side_of("D2CM LN"));
  EXPECT_FALSE(side_of("PTV_LN"));
  EXPECT_FALSE(side_of("LUNGS-ITV's"));
  EXPECT_FALSE(side_of("ParotidL"));  // a lone letter glued to a word is not read as a side
  EXPECT_FALSE(side_of("D2"));
  EXPECT_FALSE(side_of("Dose 63[Gy]"));
  EXPECT_FALSE(side_of(""));
}

TEST(SideWords, MirroredNameKeepsFormAndCase) {
  EXPECT_EQ(mirrored_name("Parotid_L"), "Parotid_R");
  EXPECT_EQ(mirrored_name("Lt Lung"), "Rt Lung");
  EXPECT_EQ(mirrored_name("LUNG_LEFT"), "LUNG_RIGHT");
  EXPECT_EQ(mirrored_name("Lung-Right"), "Lung-Left");
  EXPECT_EQ(mirrored_name("Femoral Head RT"), "Femoral Head LT");
  EXPECT_EQ(mirrored_name("FrontalEsq"), "FrontalDir");
  EXPECT_EQ(mirrored_name("Lunge links"), "Lunge rechts");
  EXPECT_EQ(mirrored_name("左腮腺"), "右腮腺");
  EXPECT_FALSE(mirrored_name("Heart"));
}

TEST(SideWords, SideFreeKeyPairsOrgans) {
  EXPECT_EQ(side_free_key("Left Eye"), side_free_key("Right Eye"));
  EXPECT_EQ(side_free_key("Parotid_L"), side_free_key("Parotid_R"));
  EXPECT_EQ(side_free_key("Femoral Head Lt"), side_free_key("Femoral Head RT"));
  EXPECT_EQ(side_free_key("Parotid_L"), "parotid");
  EXPECT_NE(side_free_key("Left Eye"), side_free_key("Right Lens"));
}

}  // namespace
}  // namespace roiname
