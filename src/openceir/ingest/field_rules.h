// Field rules: the validation and normalisation of one CSV field of a reference list, with the
// stable rule id that names what is wrong (FORMATS.md "Identifiers" and "Inputs").
//
// All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace openceir::ingest {

enum class FieldKind {
  kImei,        // [0-9A-Fa-f*#]{1,16} -> imei_norm                       (bad_imei)
  kGoldenImei,  // an IMEI as kImei -> lower-case hex MD5 of its imei_norm  (bad_imei)
  kGoldenHash,  // 32 hex digits (pre-hashed golden value) -> lower-cased   (bad_golden_hash)
  kImsi,        // up to 15 digits                                         (bad_imsi)
  kMsisdn,      // E.164 digits without '+', up to 15                      (bad_msisdn)
  kTac,         // exactly 8 digits                                        (bad_tac)
  kUid,         // [0-9A-Za-z\-\\]{1,20}                                    (bad_uid)
  kYyyymmdd,    // empty, or YYYYMMDD naming a real day                    (bad_date)
  kDdMonYyyy,   // empty, or 17-Mar-2015 -> stored YYYYMMDD                (bad_date)
  kLowerText,   // free text, lower-cased (list status values)
  kText,        // free text
  kChangeType,  // add | remove | update (delta mode)                      (bad_change_type)
};

// Why a field was refused: a rule id and a message for a person.
struct FieldProblem {
  std::string rule;
  std::string message;
};

// Trims ASCII white space from both ends.
std::string_view TrimAscii(std::string_view text);

// Normalises `raw` (trimmed first) as `kind` into *out. Returns false and fills *problem when
// the value breaks the kind's rule. An empty value is accepted as "" (the caller decides
// whether the column requires a value: rule missing_value); except kChangeType, which
// rejects it. Every text kind is trimmed; nothing else is changed in kText.
bool NormalizeField(FieldKind kind, std::string_view raw, std::string* out, FieldProblem* problem);

// `value` in single quotes for an error message, cut to its first 40 bytes (on a UTF-8
// character boundary) with its length when longer, so one huge field cannot flood a report.
std::string QuoteForMessage(std::string_view value);

// True when `text` is exactly 32 hexadecimal digits (either case).
bool IsMd5Hex(std::string_view text);

// Radio capability derived from the GSMA `bands` text: "2G|3G|4G|5G" or a subset of it in that
// order; empty when no item names a known technology. See gsma_bands.cc for the mapping.
std::string RadioCapsFromBands(std::string_view bands);

}  // namespace openceir::ingest
