// libFuzzer target for IMSI/MSISDN validation and MCC-MNC resolution: no crash, and the clean
// rules imply validity. The first byte picks the operator table layout.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "openceir/identifiers/mcc_mnc_table.h"
#include "openceir/identifiers/subscriber.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace openceir::identifiers;  // NOLINT(google-build-using-namespace)
  const std::string_view raw(reinterpret_cast<const char*>(data), size);

  const SubscriberIdError imsi_error = ValidateImsi(raw);
  Require(!SubscriberIdErrorName(imsi_error).empty());
  if (IsCleanImsi(raw)) Require(imsi_error == SubscriberIdError::kOk);
  if (IsCleanMsisdn(raw)) Require(ValidateMsisdn(raw) == SubscriberIdError::kOk);

  static const auto table = MccMncTable::Create(
      {{"op1", "41001"}, {"op2", "41003"}, {"op3", "310260"}, {"op4", "00101"}});
  Require(table.ok());
  const auto match = table->Resolve(raw);
  if (match) {
    Require(match->mcc.size() == 3);
    Require(match->mnc.size() == 2 || match->mnc.size() == 3);
    Require(raw.substr(0, 3) == match->mcc);
    Require(raw.substr(3, match->mnc.size()) == match->mnc);
  }

  // Building a table from fuzzed MCC-MNCs must never crash; success implies no prefix clash.
  if (size >= 10) {
    const std::string a(raw.substr(0, 5 + data[0] % 2));
    const std::string b(raw.substr(5, 5));
    const auto fuzzed = MccMncTable::Create({{"x", a}, {"y", b}});
    if (fuzzed.ok()) Require(a.compare(0, b.size(), b) != 0 && b.compare(0, a.size(), a) != 0);
  }
  return 0;
}
