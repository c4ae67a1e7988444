// Tests of the canonical evidence JSON.
#include "openceir/store/evidence_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace openceir::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Json(const std::vector<EvidenceField>& evidence) {
  std::string out;
  Status status = AppendEvidenceJson(evidence, out);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return out;
}

TEST(EvidenceJsonTest, WritesFieldsInGivenOrder) {
  EXPECT_EQ(Json({{"distinct_imsis", "12"}, {"threshold", "10"}}),
            R"({"distinct_imsis":"12","threshold":"10"})");
  EXPECT_EQ(Json({}), "{}");
}

TEST(EvidenceJsonTest, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(Json({{"model", "Tab 10.1\" \\ x\n\x01"}}),
            R"({"model":"Tab 10.1\" \\ x\u000a\u0001"})");
}

TEST(EvidenceJsonTest, RoundTripsAnyText) {
  const std::vector<EvidenceField> evidence = {
      {"a", ""}, {"b\"", "\t\r\n\x1f"}, {"ünï", "código 東京"}, {"z", "\\\\"}};
  auto parsed = ParseEvidenceJson(Json(evidence));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, evidence);
}

TEST(EvidenceJsonTest, RejectsRepeatedOrEmptyNames) {
  std::string out;
  Status repeated = AppendEvidenceJson(std::vector<EvidenceField>{{"x", "1"}, {"x", "2"}}, out);
  EXPECT_EQ(repeated.code(), StatusCode::kInvalidInput);
  EXPECT_THAT(repeated.message(), HasSubstr("'x' given twice"));
  EXPECT_EQ(AppendEvidenceJson(std::vector<EvidenceField>{{"", "1"}}, out).code(),
            StatusCode::kInvalidInput);
}

TEST(EvidenceJsonTest, ParsesOtherWhitespaceAndEscapes) {
  auto parsed = ParseEvidenceJson(R"( { "a" : "\/\u00e9\u6771" , "b":"\b\f" } )");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_THAT(*parsed, ElementsAre(EvidenceField{"a", "/é東"}, EvidenceField{"b", "\b\f"}));
}

TEST(EvidenceJsonTest, RejectsMalformedText) {
  for (std::string_view bad :
       {"", "[]", "{", R"({"a"})", R"({"a":1})", R"({"a":"b",})", R"({"a":"b"} x)", R"({"a":"\q"})",
        R"({"a":"\u12"})", R"({"a":"\ud800"})", R"({"a":"b)"}) {
    auto parsed = ParseEvidenceJson(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput) << bad;
    }
  }
}

}  // namespace
}  // namespace openceir::store
