// bad_check_digit in a whole classification run: the registration list's IMEIs as typed (kept by
// the importer) are verified; network data never is.
#include <gtest/gtest.h>

#include "openceir/classify/classifier_test_util.h"
#include "openceir/classify/classify_test_util.h"

namespace openceir::classify {
namespace {

using testing::D;

class BadCheckDigitRunTest : public testing::ClassifierBench {};

TEST_F(BadCheckDigitRunTest, ARegistrationTypedWithAWrongCheckDigitMatches) {
  // Luhn digits: 35000001000001 -> 2, 35000001000002 -> 0, 35000001000003 -> 8.
  Import(store::ListKind::kRegistration,
         "approved_imei,make,model,status,model_number,brand_name,device_type,radio_interface,"
         "device_id\n"
         "350000010000017,,,,,,,,\n"   // wrong digit
         "350000010000020,,,,,,,,\n"   // right digit
         "35000001000003,,,,,,,,\n");  // no check digit typed
  for (const char* imei : {"35000001000001", "35000001000002", "35000001000003",
                           "35000001000004"}) {  // the last one only seen on the network
    See("op1", imei, "410010000000001", {D(20261020)}, "923000000001");
  }
  config_.conditions = {OneDimension("typo", "bad_check_digit")};
  const ClassifyReport report = MustRun(D(20261101));
  ASSERT_EQ(report.run.conditions.size(), 1u);
  EXPECT_EQ(report.run.conditions[0].matching, 1);
  auto rows = StateAfter(report.run.run);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].imei_norm, "35000001000001");
  EXPECT_NE(rows[0].evidence_json.find("check_digit_given"), std::string::npos)
      << rows[0].evidence_json;
}

}  // namespace
}  // namespace openceir::classify
