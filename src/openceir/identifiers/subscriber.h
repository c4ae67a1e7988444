// IMSI and MSISDN (E.164): validation with a reason and the "clean" rules DIRBS applies.
//
// All functions are pure and thread-safe.
#pragma once

#include <string_view>

namespace openceir::identifiers {

enum class SubscriberIdError {
  kOk = 0,
  kEmpty,
  kBadCharacter,  // not all decimal digits
  kTooLong,       // IMSI > 15 digits, MSISDN > 15 digits
};

std::string_view SubscriberIdErrorName(SubscriberIdError error);

// An IMSI is up to 15 decimal digits: MCC (3) + MNC (2 or 3) + MSIN.
SubscriberIdError ValidateImsi(std::string_view imsi);

// "Clean" IMSI in DIRBS's data-quality sense: exactly 14 or 15 digits.
bool IsCleanImsi(std::string_view imsi);

// An MSISDN is E.164 digits without '+', up to 15.
SubscriberIdError ValidateMsisdn(std::string_view msisdn);

// "Clean" MSISDN: min_digits..max_digits digits (FORMATS.md default 12..15).
bool IsCleanMsisdn(std::string_view msisdn, int min_digits = 12, int max_digits = 15);

}  // namespace openceir::identifiers
