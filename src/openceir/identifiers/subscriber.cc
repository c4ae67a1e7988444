// IMSI and MSISDN validation and DIRBS's "clean" rules (see subscriber.h).
#include "openceir/identifiers/subscriber.h"

#include "openceir/identifiers/ascii.h"

namespace openceir::identifiers {

namespace {

// Shared by IMSI and MSISDN: both are up to 15 decimal digits. No trimming: callers pass the
// field as stored.
SubscriberIdError ValidateDigitsUpTo15(std::string_view id) {
  if (id.empty()) return SubscriberIdError::kEmpty;
  if (!AllDigits(id)) return SubscriberIdError::kBadCharacter;
  if (id.size() > 15) return SubscriberIdError::kTooLong;
  return SubscriberIdError::kOk;
}

}  // namespace

std::string_view SubscriberIdErrorName(SubscriberIdError error) {
  switch (error) {
    case SubscriberIdError::kOk: return "ok";
    case SubscriberIdError::kEmpty: return "empty";
    case SubscriberIdError::kBadCharacter: return "bad_character";
    case SubscriberIdError::kTooLong: return "too_long";
  }
  return "unknown";
}

SubscriberIdError ValidateImsi(std::string_view imsi) { return ValidateDigitsUpTo15(imsi); }

bool IsCleanImsi(std::string_view imsi) {
  return (imsi.size() == 14 || imsi.size() == 15) && AllDigits(imsi);
}

SubscriberIdError ValidateMsisdn(std::string_view msisdn) { return ValidateDigitsUpTo15(msisdn); }

bool IsCleanMsisdn(std::string_view msisdn, int min_digits, int max_digits) {
  const auto size = static_cast<long long>(msisdn.size());
  return size >= min_digits && size <= max_digits && AllDigits(msisdn);
}

}  // namespace openceir::identifiers
