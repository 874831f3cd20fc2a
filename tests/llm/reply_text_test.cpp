#include "llm/reply_text.h"

#include <gtest/gtest.h>

#include "llm/sha256.h"

namespace roiname::llm {
namespace {

TEST(StripThinkBlocks, RemovesEveryBlock) {
  EXPECT_EQ(strip_think_blocks("<think>a {\"x\":1}</think>{\"y\":2}<think>b</think>!"), "{\"y\":2}!");
}

TEST(StripThinkBlocks, UnclosedBlockDropsTheRest) {
  EXPECT_EQ(strip_think_blocks("ok <think>never ends"), "ok ");
}

TEST(StripThinkBlocks, LoneClosingTagDropsWhatPrecedesIt) {
  EXPECT_EQ(strip_think_blocks("reasoning here</think>{\"a\":1}"), "{\"a\":1}");
}

TEST(ExtractFirstJsonObject, WholeTextIsAnObject) {
  auto object = extract_first_json_object(" {\"site\": \"lung\"} ");
  ASSERT_TRUE(object);
  EXPECT_EQ((*object)["site"], "lung");
}

TEST(ExtractFirstJsonObject, ObjectInsideProseAndFences) {
  auto object =
      extract_first_json_object("Sure! Here it is:\n```json\n{\"rois\": [{\"id\": 1}]}\n```\nBye {x}");
  ASSERT_TRUE(object);
  EXPECT_EQ((*object)["rois"][0]["id"], 1);
}

TEST(ExtractFirstJsonObject, BracesInsideStringsDoNotConfuseTheScan) {
  auto object = extract_first_json_object("note {broken then {\"name\": \"a}b{\\\"c\", \"n\": 2} tail");
  ASSERT_TRUE(object);
  EXPECT_EQ((*object)["name"], "a}b{\"c");
  EXPECT_EQ((*object)["n"], 2);
}

TEST(ExtractFirstJsonObject, NothingWhenNoObject) {
  EXPECT_FALSE(extract_first_json_object("no json here"));
  EXPECT_FALSE(extract_first_json_object("[1, 2, 3]"));
  EXPECT_FALSE(extract_first_json_object("{\"unterminated\": "));
  EXPECT_FALSE(extract_first_json_object(""));
}

TEST(Redact, ReplacesEveryOccurrence) {
  EXPECT_EQ(redact("a SECRET b SECRETSECRET", "SECRET"), "a [redacted] b [redacted][redacted]");
  EXPECT_EQ(redact("unchanged", ""), "unchanged");
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace roiname::llm
