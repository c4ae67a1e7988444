#include "openceir/api/api_key.h"

#include <gtest/gtest.h>

#include <set>

namespace openceir::api {
namespace {

TEST(ApiKeyTest, NewKeysHaveTheShapeAndTheirHash) {
  NewKeyMaterial key = GenerateApiKey();
  EXPECT_TRUE(LooksLikeApiKey(key.text)) << key.text;
  EXPECT_EQ(key.text.size(), 67u);
  EXPECT_EQ(key.hash, ApiKeyHash(key.text));
  EXPECT_EQ(key.hash.size(), 64u);
  EXPECT_EQ(key.text.find(key.hash), std::string::npos);
}

TEST(ApiKeyTest, KeysAreNotRepeated) {
  std::set<std::string> texts;
  for (int i = 0; i < 100; ++i) texts.insert(GenerateApiKey().text);
  EXPECT_EQ(texts.size(), 100u);
}

TEST(ApiKeyTest, HashIsKeyedBlake2b256) {
  // Python: hashlib.blake2b(b"oc_" + b"0" * 64, digest_size=32,
  //                         key=b"openceir api key hash v1 ......").hexdigest()
  EXPECT_EQ(ApiKeyHash("oc_" + std::string(64, '0')),
            "5b95b1f0d52bf15c6e30c2820da46b60d742c5b3337e360d2da0aec0047d6d2a");
  EXPECT_NE(ApiKeyHash("oc_" + std::string(64, '0')), ApiKeyHash("oc_" + std::string(64, '1')));
}

TEST(ApiKeyTest, RecognisesTheKeyShape) {
  EXPECT_TRUE(LooksLikeApiKey("oc_" + std::string(64, 'a')));
  EXPECT_FALSE(LooksLikeApiKey("oc_" + std::string(63, 'a')));
  EXPECT_FALSE(LooksLikeApiKey("oc_" + std::string(64, 'A')));
  EXPECT_FALSE(LooksLikeApiKey("xx_" + std::string(64, 'a')));
  EXPECT_FALSE(LooksLikeApiKey(""));
}

}  // namespace
}  // namespace openceir::api
