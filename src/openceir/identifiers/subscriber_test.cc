// Table-driven tests of subscriber.h: IMSI and MSISDN validation and "clean" rules.
#include "openceir/identifiers/subscriber.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace openceir::identifiers {
namespace {

TEST(SubscriberTest, ImsiReasons) {
  struct Case {
    std::string imsi;
    SubscriberIdError error;
    bool clean;
  };
  const std::vector<Case> cases = {
      {"", SubscriberIdError::kEmpty, false},
      {"410011234567890", SubscriberIdError::kOk, true},
      {"41001123456789", SubscriberIdError::kOk, true},
      {"4100112345678", SubscriberIdError::kOk, false},  // valid but not clean
      {"41001", SubscriberIdError::kOk, false},
      {"4100112345678901", SubscriberIdError::kTooLong, false},
      {"41001123456789A", SubscriberIdError::kBadCharacter, false},
      {" 41001123456789", SubscriberIdError::kBadCharacter, false},  // no trimming
      {"+41001123456789", SubscriberIdError::kBadCharacter, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ValidateImsi(c.imsi), c.error)
        << "imsi=\"" << c.imsi << "\" got " << SubscriberIdErrorName(ValidateImsi(c.imsi));
    EXPECT_EQ(IsCleanImsi(c.imsi), c.clean) << "imsi=\"" << c.imsi << "\"";
  }
}

TEST(SubscriberTest, MsisdnReasons) {
  struct Case {
    std::string msisdn;
    SubscriberIdError error;
    bool clean;  // default 12..15
  };
  const std::vector<Case> cases = {
      {"", SubscriberIdError::kEmpty, false},
      {"923001234567", SubscriberIdError::kOk, true},
      {"923001234567890", SubscriberIdError::kOk, true},
      {"92300123456", SubscriberIdError::kOk, false},
      {"9230012345678901", SubscriberIdError::kTooLong, false},
      {"+923001234567", SubscriberIdError::kBadCharacter, false},
      {"92300-1234567", SubscriberIdError::kBadCharacter, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ValidateMsisdn(c.msisdn), c.error) << "msisdn=\"" << c.msisdn << "\"";
    EXPECT_EQ(IsCleanMsisdn(c.msisdn), c.clean) << "msisdn=\"" << c.msisdn << "\"";
  }
}

TEST(SubscriberTest, CleanMsisdnRangeIsConfigurable) {
  EXPECT_TRUE(IsCleanMsisdn("3001234567", 10, 15));
  EXPECT_FALSE(IsCleanMsisdn("3001234567", 11, 15));
  EXPECT_FALSE(IsCleanMsisdn("923001234567", 10, 11));
  EXPECT_FALSE(IsCleanMsisdn("30012345AB", 10, 15));
}

TEST(SubscriberTest, ErrorNamesAreStable) {
  EXPECT_EQ(SubscriberIdErrorName(SubscriberIdError::kOk), "ok");
  EXPECT_EQ(SubscriberIdErrorName(SubscriberIdError::kEmpty), "empty");
  EXPECT_EQ(SubscriberIdErrorName(SubscriberIdError::kBadCharacter), "bad_character");
  EXPECT_EQ(SubscriberIdErrorName(SubscriberIdError::kTooLong), "too_long");
}

}  // namespace
}  // namespace openceir::identifiers
