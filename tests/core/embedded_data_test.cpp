#include "core/embedded_data.h"

#include <gtest/gtest.h>

namespace roiname {

TEST(EmbeddedData, CarriesTheTg263Table) {
  auto table = embedded_file("tg263/tg263_v20170815.csv");
  ASSERT_TRUE(table.has_value());
  EXPECT_TRUE(table->starts_with("Target Type,Major Category"));
}

TEST(EmbeddedData, UnknownPathIsAbsent) { EXPECT_FALSE(embedded_file("no/such/file.csv").has_value()); }

}  // namespace roiname
