#include "store/reply_cache.h"

#include <fstream>

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace roiname::store {
namespace {

TEST(ReplyCache, StoresFindsAndPersists) {
  roiname::testing::TempDir dir;
  const auto path = dir.path() / "sub" / "cache.sqlite";
  {
    auto cache = ReplyCache::open(path);
    ASSERT_TRUE(cache) << cache.error().message;
    EXPECT_FALSE((*cache)->find("k1"));
    ASSERT_TRUE((*cache)->store("k1", "{\"site\": \"lung\"}"));
    ASSERT_TRUE((*cache)->store("k1", "{\"site\": \"brain\"}"));  // replaced
    EXPECT_EQ((*cache)->find("k1"), "{\"site\": \"brain\"}");
    EXPECT_EQ((*cache)->size(), 1);
  }
  auto reopened = ReplyCache::open(path);
  ASSERT_TRUE(reopened);
  EXPECT_EQ((*reopened)->find("k1"), "{\"site\": \"brain\"}");
}

TEST(ReplyCache, KeepsUtf8AndEmbeddedQuotes) {
  roiname::testing::TempDir dir;
  auto cache = ReplyCache::open(dir.path() / "c.sqlite");
  ASSERT_TRUE(cache);
  const std::string reply = "{\"name\": \"Rückenmark 左腮腺 'x'\"}";
  ASSERT_TRUE((*cache)->store("k", reply));
  EXPECT_EQ((*cache)->find("k"), reply);
}

TEST(ReplyCache, NotADatabaseFailsWithAMessage) {
  roiname::testing::TempDir dir;
  const auto path = dir.path() / "junk.sqlite";
  std::ofstream(path) << "this is not an sqlite file, just some text that is long enough to matter....";
  auto cache = ReplyCache::open(path);
  ASSERT_FALSE(cache);
  EXPECT_NE(cache.error().message.find("junk.sqlite"), std::string::npos);
}

}  // namespace
}  // namespace roiname::store
