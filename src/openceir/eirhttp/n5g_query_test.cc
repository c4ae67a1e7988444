#include "openceir/eirhttp/n5g_query.h"

#include <gtest/gtest.h>

#include <string>

namespace openceir::eirhttp {
namespace {

struct Refused {
  const char* query;
  std::string_view cause;
  std::string_view param;
};

TEST(N5gQueryTest, RefusesEachMalformedQueryWithTheSpecCause) {
  const Refused cases[] = {
      {"", cause::kMandatoryQueryParamMissing, "pei"},
      {"supi=imsi-310150123456789", cause::kMandatoryQueryParamMissing, "pei"},
      {"pei=imei-35209900176148", cause::kMandatoryQueryParamIncorrect, "pei"},     // 14 digits
      {"pei=imei-3520990017614812", cause::kMandatoryQueryParamIncorrect, "pei"},   // 16 digits
      {"pei=imei-35209900176148a", cause::kMandatoryQueryParamIncorrect, "pei"},    // letter
      {"pei=imeisv-352099001761481", cause::kMandatoryQueryParamIncorrect, "pei"},  // 15
      {"pei=352099001761481", cause::kMandatoryQueryParamIncorrect, "pei"},         // no prefix
      {"pei=IMEI-352099001761481", cause::kMandatoryQueryParamIncorrect, "pei"},    // case
      {"pei=imsi-352099001761481", cause::kMandatoryQueryParamIncorrect, "pei"},
      {"pei=", cause::kMandatoryQueryParamIncorrect, "pei"},
      {"pei", cause::kMandatoryQueryParamIncorrect, "pei"},
      {"pei=imei-%335209900176148", cause::kMandatoryQueryParamIncorrect, "pei"},  // decodes 14
      {"pei=imei-35209900176148%", cause::kMandatoryQueryParamIncorrect, "pei"},
      {"pei=imei-352099001761481&pei=imei-352099001761481", cause::kMandatoryQueryParamIncorrect,
       "pei"},
      {"pei=mac-00-11-22-33-44", cause::kMandatoryQueryParamIncorrect, "pei"},
      {"pei=eui-00-11-22-33-44-55-66-zz", cause::kMandatoryQueryParamIncorrect, "pei"},
      {"pei=imei-352099001761481&supi=imsi-1234", cause::kOptionalQueryParamIncorrect, "supi"},
      {"pei=imei-352099001761481&supi=310150123456789", cause::kOptionalQueryParamIncorrect,
       "supi"},
      {"pei=imei-352099001761481&supi=", cause::kOptionalQueryParamIncorrect, "supi"},
      {"pei=imei-352099001761481&supi=nai-", cause::kOptionalQueryParamIncorrect, "supi"},
      {"pei=imei-352099001761481&gpsi=msisdn-12", cause::kOptionalQueryParamIncorrect, "gpsi"},
      {"pei=imei-352099001761481&gpsi=extid-a@b@c", cause::kOptionalQueryParamIncorrect, "gpsi"},
      {"pei=imei-352099001761481&gpsi=4915112345678", cause::kOptionalQueryParamIncorrect, "gpsi"},
      {"pei=imei-352099001761481&supported-features=xyz", cause::kOptionalQueryParamIncorrect,
       "supported-features"},
      {"pei=imei-352099001761481&imsi=310150123456789", cause::kInvalidQueryParam, "imsi"},
      {"pei=imei-352099001761481&p%zz=1", cause::kInvalidQueryParam, "p%zz"},
  };
  for (const Refused& c : cases) {
    QueryString query;
    ASSERT_TRUE(query.Parse(c.query));
    N5gQuery n5g;
    Problem problem;
    ASSERT_FALSE(ParseN5gQuery(query, &n5g, &problem)) << c.query;
    EXPECT_EQ(problem.status, 400) << c.query;
    EXPECT_EQ(problem.cause, c.cause) << c.query;
    EXPECT_EQ(problem.param, c.param) << c.query;
    EXPECT_FALSE(problem.reason.empty()) << c.query;
  }
}

TEST(N5gQueryTest, AcceptsEveryPeiFormOfTs29571) {
  struct Accepted {
    const char* query;
    PeiForm form;
    std::string_view imei;
  };
  for (const Accepted& c : {
           Accepted{"pei=imei-352099001761481", PeiForm::kImei, "352099001761481"},
           Accepted{"pei=imeisv-3520990017614801", PeiForm::kImeiSv, "3520990017614801"},
           Accepted{"pei=imei%2D352099001761481", PeiForm::kImei, "352099001761481"},
           Accepted{"pei=mac-00-1a-2B-33-44-55", PeiForm::kMac, ""},
           Accepted{"pei=mac-00-1a-2B-33-44-55-untrusted", PeiForm::kMac, ""},
           Accepted{"pei=eui-00-11-22-33-44-55-66-77", PeiForm::kEui64, ""},
       }) {
    QueryString query;
    ASSERT_TRUE(query.Parse(c.query));
    N5gQuery n5g;
    Problem problem;
    ASSERT_TRUE(ParseN5gQuery(query, &n5g, &problem)) << c.query << ": " << problem.reason;
    EXPECT_EQ(n5g.pei_form, c.form) << c.query;
    EXPECT_EQ(n5g.imei, c.imei) << c.query;
    EXPECT_FALSE(n5g.imsi.has_value());
  }
}

TEST(N5gQueryTest, TakesTheImsiOfAnImsiSupiAndChecksTheOptionalParameters) {
  QueryString query;
  ASSERT_TRUE(
      query.Parse("supi=imsi-310150123456789&pei=imei-352099001761481"
                  "&gpsi=msisdn-4915112345678&supported-features=0aF"));
  N5gQuery n5g;
  Problem problem;
  ASSERT_TRUE(ParseN5gQuery(query, &n5g, &problem)) << problem.reason;
  EXPECT_EQ(n5g.imsi, "310150123456789");

  for (const char* text : {"pei=imei-352099001761481&supi=nai-user@realm",
                           "pei=imei-352099001761481&supi=gci-x&gpsi=extid-dev@example.org",
                           "pei=imei-352099001761481&supported-features="}) {
    ASSERT_TRUE(query.Parse(text));
    ASSERT_TRUE(ParseN5gQuery(query, &n5g, &problem)) << text << ": " << problem.reason;
    EXPECT_FALSE(n5g.imsi.has_value()) << text;
  }
}

}  // namespace
}  // namespace openceir::eirhttp
