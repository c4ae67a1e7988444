// Radio capability from the GSMA TAC database's `bands` text.
//
// `bands` is a list of items separated by ',' or ';', e.g.
// "GSM 900,GSM 1800,WCDMA FDD Band I,LTE FDD BAND 3,NR NSA n78". Each item is split into words
// at white space, (, ) and /, and the item's technology is its FIRST word that names one (so
// "LTE FDD BAND 2 (PCS 1900)" is 4G, not 2G). A word names a technology when it equals one of
// the keywords below, or starts with one followed by digits only ("GSM850", "DCS1800") or by a
// hyphen ("UMTS-TDD"); see GenerationOfWord for the order.
// Matching is literal and case-insensitive: no wildcards, so "DCS 1800" is 2G and never LTE
// (DIRBS's SQL LIKE with '_' matched any character there). Items naming nothing are ignored.
//
//   2G: 2G, GSM, EGSM, E-GSM, PGSM, RGSM, R-GSM, DCS, PCS, GPRS, EDGE, EGPRS, CDMA (IS-95
//       cdmaOne; "CDMA" alone), IS-95, IS95, TDMA, IS-136, PDC, IDEN
//   3G: 3G, WCDMA, W-CDMA, UMTS, UTRA, HSPA, HSPA+, HSDPA, HSUPA, DC-HSPA, DC-HSPA+, TD-SCDMA,
//       TDSCDMA, CDMA2000, CDMA2000-1X, 1XRTT, 1X, EV-DO, EVDO, 1XEV-DO, 1XEVDO (3GPP2
//       CDMA2000 counts as 3G)
//   4G: 4G, LTE, LTE-A, LTE-ADVANCED, LTE-FDD, LTE-TDD, FDD-LTE, TDD-LTE, TD-LTE, E-UTRA, EUTRA,
//       E-UTRAN, LTE-M, NB-IOT (both LTE-based), WIMAX (IEEE 802.16e is not LTE but 4G-class)
//   5G: NR, 5G, 5GNR, 5G-NR, NR5G, NR-SA, NR-NSA
#include <string>
#include <string_view>

#include "openceir/ingest/field_rules.h"

namespace openceir::ingest {
namespace {

struct Keyword {
  std::string_view word;  // upper case
  int generation;         // 2..5
};

constexpr Keyword kKeywords[] = {
    {"GSM", 2},      {"EGSM", 2},         {"E-GSM", 2},    {"PGSM", 2},     {"RGSM", 2},
    {"R-GSM", 2},    {"DCS", 2},          {"PCS", 2},      {"GPRS", 2},     {"EDGE", 2},
    {"EGPRS", 2},    {"CDMA", 2},         {"IS-95", 2},    {"IS95", 2},     {"TDMA", 2},
    {"IS-136", 2},   {"PDC", 2},          {"IDEN", 2},     {"WCDMA", 3},    {"W-CDMA", 3},
    {"UMTS", 3},     {"UTRA", 3},         {"HSPA", 3},     {"HSPA+", 3},    {"HSDPA", 3},
    {"HSUPA", 3},    {"DC-HSPA", 3},      {"DC-HSPA+", 3}, {"TD-SCDMA", 3}, {"TDSCDMA", 3},
    {"CDMA2000", 3}, {"CDMA2000-1X", 3},  {"1XRTT", 3},    {"1X", 3},       {"EV-DO", 3},
    {"EVDO", 3},     {"1XEV-DO", 3},      {"1XEVDO", 3},   {"LTE", 4},      {"LTE-A", 4},
    {"LTE-FDD", 4},  {"LTE-TDD", 4},      {"FDD-LTE", 4},  {"TDD-LTE", 4},  {"TD-LTE", 4},
    {"E-UTRA", 4},   {"EUTRA", 4},        {"E-UTRAN", 4},  {"WIMAX", 4},    {"NR", 5},
    {"5G", 5},       {"5GNR", 5},         {"5G-NR", 5},    {"NR5G", 5},     {"NR-SA", 5},
    {"NR-NSA", 5},   {"LTE-ADVANCED", 4}, {"LTE-M", 4},    {"NB-IOT", 4},   {"NBIOT", 4},
    {"2G", 2},       {"3G", 3},           {"4G", 4},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int ExactGeneration(std::string_view word) {
  for (const Keyword& keyword : kKeywords) {
    if (word == keyword.word) return keyword.generation;
  }
  return 0;
}

// The generation `word` (upper case) names, or 0. Tried in order: the word itself; the word
// without its hyphens ("CDMA-2000" is CDMA2000, not CDMA); the LONGEST keyword the word starts
// with when the rest is digits only ("GSM850") or starts with '-' ("UMTS-TDD", "GSM-R",
// "CDMA2000-EVDO").
int GenerationOfWord(std::string_view word) {
  if (int generation = ExactGeneration(word); generation != 0) return generation;
  if (word.find('-') != std::string_view::npos) {
    std::string unhyphenated;
    for (char c : word) {
      if (c != '-') unhyphenated.push_back(c);
    }
    if (int generation = ExactGeneration(unhyphenated); generation != 0) return generation;
  }
  std::size_t best_size = 0;
  int best_generation = 0;
  for (const Keyword& keyword : kKeywords) {
    if (word.size() <= keyword.word.size() || keyword.word.size() <= best_size ||
        word.substr(0, keyword.word.size()) != keyword.word) {
      continue;
    }
    const std::string_view rest = word.substr(keyword.word.size());
    bool digits_only = true;
    for (char c : rest) digits_only = digits_only && IsDigit(c);
    if (digits_only || rest.front() == '-') {
      best_size = keyword.word.size();
      best_generation = keyword.generation;
    }
  }
  return best_generation;
}

// The generation of one item: that of its first word naming one, or 0.
int GenerationOfItem(std::string_view item) {
  std::string word;
  auto flush = [&word]() {
    int generation = word.empty() ? 0 : GenerationOfWord(word);
    word.clear();
    return generation;
  };
  for (char c : item) {
    if (c == ' ' || c == '\t' || c == '(' || c == ')' || c == '/') {
      if (int generation = flush(); generation != 0) return generation;
    } else {
      word.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
    }
  }
  return flush();
}

}  // namespace

std::string RadioCapsFromBands(std::string_view bands) {
  bool has[6] = {};
  std::size_t start = 0;
  while (start <= bands.size()) {
    std::size_t end = bands.find_first_of(",;", start);
    if (end == std::string_view::npos) end = bands.size();
    int generation = GenerationOfItem(bands.substr(start, end - start));
    if (generation >= 2 && generation <= 5) has[generation] = true;
    start = end + 1;
  }
  std::string caps;
  for (int generation = 2; generation <= 5; ++generation) {
    if (!has[generation]) continue;
    if (!caps.empty()) caps.push_back('|');
    caps += std::to_string(generation) + "G";
  }
  return caps;
}

}  // namespace openceir::ingest
