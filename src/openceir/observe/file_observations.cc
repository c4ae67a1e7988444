#include "openceir/observe/file_observations.h"

namespace openceir::observe {
namespace {

TripletAggregatorOptions AggregatorOptions(const std::string& operator_id,
                                           std::size_t memory_budget_bytes,
                                           const std::string& spill_dir) {
  TripletAggregatorOptions options;
  options.operator_id = operator_id;
  options.memory_budget_bytes = memory_budget_bytes;
  options.spill_dir = spill_dir;
  return options;
}

}  // namespace

FileObservations::FileObservations(const std::string& operator_id, std::size_t memory_budget_bytes,
                                   const std::string& spill_dir)
    : aggregator_(AggregatorOptions(operator_id, memory_budget_bytes, spill_dir)),
      daily_(operator_id) {}

Result<std::int64_t> FileObservations::MergeTriplets(store::ObservationBatch& batch) {
  std::int64_t triplets = 0;
  OPENCEIR_RETURN_IF_ERROR(
      aggregator_.Finish([&](std::span<const store::TripletMonth> rows) -> Status {
        triplets += static_cast<std::int64_t>(rows.size());
        return batch.MergeTriplets(rows);
      }));
  return triplets;
}

}  // namespace openceir::observe
