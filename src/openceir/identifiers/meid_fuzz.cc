// libFuzzer target for the MEID and ESN parsers: no crash, and whatever parses formats back to
// a form that parses to the same value with a verifying check digit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "openceir/identifiers/meid.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace openceir::identifiers;  // NOLINT(google-build-using-namespace)
  const std::string_view raw(reinterpret_cast<const char*>(data), size);

  std::uint64_t meid = 0;
  const MeidError meid_error = ParseMeid(raw, &meid);
  Require(!MeidErrorName(meid_error).empty());
  if (meid_error == MeidError::kOk) {
    Require(meid < (std::uint64_t{1} << 56));
    std::uint64_t again = 0;
    Require(ParseMeid(FormatMeidHex(meid) + MeidCheckDigit(meid), &again) == MeidError::kOk);
    Require(again == meid);
    Require(ParseMeid(FormatMeidDecimal(meid) + MeidDecimalCheckDigit(meid), &again) ==
            MeidError::kOk);
    Require(again == meid);
    Require(IsPseudoEsn(PseudoEsn(meid)));
  }

  std::uint32_t esn = 0;
  const MeidError esn_error = ParseEsn(raw, &esn);
  if (esn_error == MeidError::kOk) {
    std::uint32_t again = 0;
    Require(ParseEsn(FormatEsnHex(esn), &again) == MeidError::kOk && again == esn);
    Require(ParseEsn(FormatEsnDecimal(esn), &again) == MeidError::kOk && again == esn);
  }
  return 0;
}
