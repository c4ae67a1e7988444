// libFuzzer target for the IMEI parsers: no crash on any input, and the invariants that callers
// rely on: imei_norm is idempotent, the fast path equals normalise+pack, pack/unpack round-trip,
// validation agrees with the parts it returns.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "openceir/identifiers/imei.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace openceir::identifiers;  // NOLINT(google-build-using-namespace)
  const std::string_view raw(reinterpret_cast<const char*>(data), size);

  const auto imei_norm = NormalizeImei(raw);
  if (imei_norm) {
    Require(!imei_norm->empty());
    Require(NormalizeImei(*imei_norm) == imei_norm);
  }

  std::uint64_t key = kNotPacked;
  const bool packed = NormalizeAndPack(raw, &key);
  const auto expected = imei_norm ? PackImei(*imei_norm) : std::nullopt;
  Require(packed == expected.has_value());
  if (packed) {
    Require(key == *expected);
    Require(UnpackImei(key) == *imei_norm);
    Require(TacOfPacked(key) < 100'000'000U);
  }

  for (ImeiSource source : {ImeiSource::kNetwork, ImeiSource::kTyped}) {
    ImeiParts parts;
    const ImeiError error = ParseImei(raw, source, &parts);
    Require(error == ValidateImei(raw, source));
    Require(!ImeiErrorName(error).empty());
    if (error == ImeiError::kOk) {
      Require(IsValidTac(parts.tac));
      Require(parts.serial.size() == 6);
      Require(!IsTestTac(parts.tac));
      // A valid IMEI always has a 14-digit imei_norm, so it packs.
      Require(packed);
    }
  }

  const int check = LuhnCheckDigit(raw);
  Require(check >= -1 && check <= 9);
  if (check >= 0) Require(LuhnVerify(AppendLuhn(raw)));
  return 0;
}
