// Hand-made summaries and contexts for the dimension tests and the benchmark.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "openceir/classify/classify_context.h"
#include "openceir/classify/dimension.h"
#include "openceir/config/config.h"
#include "openceir/store/imei_summary.h"

namespace openceir::classify::testing {

// 20261101 -> Date (the value must be a real day).
Date D(int yyyymmdd);
// `count` consecutive days from `first`.
std::vector<Date> Days(Date first, int count);

// The region of the tests: MCC 410, operators op1 (41001) and op2 (41002), exempted "Module".
config::RegionConfig TestRegion();

// A context for `curr_date` with TestRegion(); the caller adds lists, then calls Finish().
std::unique_ptr<ClassifyContext> NewContext(Date curr_date);

// Builds an ImeiSummary through the real store::ImeiSummaryBuilder from per-day sightings.
class SummaryMaker {
 public:
  SummaryMaker(std::string imei_norm, store::DateWindow window, Date first_seen_ever);
  // The IMEI seen by operator `op` with (imsi, msisdn) on each of `days`.
  SummaryMaker& Seen(const std::string& op, const std::string& imsi, const std::string& msisdn,
                     const std::vector<Date>& days, store::RatMask rat_mask = 0,
                     std::uint8_t imsi_class = store::kImsiLocalSubscriber);
  store::ImeiSummary Make() const;
  // The per-operator triplets the sightings make, as an import would store them.
  const std::vector<store::TripletMonth>& triplets() const { return triplets_; }

 private:
  std::string imei_norm_;
  store::DateWindow window_;
  Date first_seen_ever_;
  std::vector<store::TripletMonth> triplets_;
};

// MakeDimension of `module` with `parameters`; aborts the test program when it fails.
std::unique_ptr<Dimension> MustMake(const std::string& module,
                                    std::map<std::string, std::string> parameters = {});

// Evaluates `dimension` on `summary` (facts from its imei_norm) and returns the outcome.
DimensionOutcome EvaluateOn(const Dimension& dimension, const ClassifyContext& context,
                            const store::ImeiSummary* summary, const std::string& imei_norm);

}  // namespace openceir::classify::testing
