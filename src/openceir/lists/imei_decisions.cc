// DecideImeis: one streamed pass over the classification state, grouped by IMEI.
#include "openceir/lists/imei_decisions.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "openceir/identifiers/golden_hash.h"

namespace openceir::lists {
namespace {

struct PendingImei {
  std::string imei_norm;
  std::vector<const store::ConditionSpec*> due;
  std::vector<const store::ConditionSpec*> pending;
  Date due_block_date{INT32_MAX};
  Date pending_block_date{INT32_MAX};
  bool all_pending_amnesty = true;

  void Reset(const std::string& imei) {
    imei_norm = imei;
    due.clear();
    pending.clear();
    due_block_date = Date{INT32_MAX};
    pending_block_date = Date{INT32_MAX};
    all_pending_amnesty = true;
  }
};

class ReasonInterner {
 public:
  explicit ReasonInterner(std::vector<std::string>* sets) : sets_(sets) {}

  std::uint32_t Intern(std::vector<const store::ConditionSpec*>& specs) {
    reasons_.clear();
    for (const store::ConditionSpec* spec : specs) reasons_.push_back(spec->reason);
    std::sort(reasons_.begin(), reasons_.end());
    reasons_.erase(std::unique(reasons_.begin(), reasons_.end()), reasons_.end());
    joined_.clear();
    for (std::size_t i = 0; i < reasons_.size(); ++i) {
      if (i > 0) joined_ += '|';
      joined_ += reasons_[i];
    }
    auto [it, inserted] = index_.try_emplace(joined_, static_cast<std::uint32_t>(sets_->size()));
    if (inserted) sets_->push_back(joined_);
    return it->second;
  }

 private:
  std::vector<std::string>* sets_;
  std::unordered_map<std::string, std::uint32_t> index_;
  std::vector<std::string_view> reasons_;
  std::string joined_;
};

}  // namespace

const ImeiDecision* ImeiDecisions::Find(const std::string& imei_norm) const {
  auto it = std::lower_bound(
      imeis.begin(), imeis.end(), imei_norm,
      [](const ImeiDecision& d, const std::string& key) { return d.imei_norm < key; });
  return it != imeis.end() && it->imei_norm == imei_norm ? &*it : nullptr;
}

Result<ImeiDecisions> DecideImeis(store::RegistryStore& registry,
                                  const store::ClassificationRunRecord& run, Date list_date) {
  ImeiDecisions out;
  std::unordered_map<std::string, const store::ConditionSpec*> blocking;
  for (const store::ConditionRunRecord& condition : run.conditions) {
    if (!condition.spec.blocking) continue;
    blocking.emplace(condition.spec.label, &condition.spec);
    if (condition.spec.amnesty_block_date) out.amnesty_column = true;
  }

  std::unordered_set<std::string> golden;
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanListAsOf(store::ListKind::kGolden, run.run, [&](const store::ListRow& row) {
        golden.insert(row[0]);
        return Status::Ok();
      }));

  ReasonInterner interner(&out.reason_sets);
  PendingImei current;
  auto finish = [&]() {
    if (current.imei_norm.empty()) return;
    if (current.due.empty() && current.pending.empty()) return;
    if (!golden.empty() && golden.count(identifiers::GoldenHashOf(current.imei_norm)) > 0) {
      ++out.golden_skipped;
      return;
    }
    ImeiDecision decision;
    decision.imei_norm = current.imei_norm;
    if (!current.due.empty()) {
      decision.blacklisted = true;
      decision.block_date = current.due_block_date;
      decision.reasons = interner.Intern(current.due);
    } else {
      decision.block_date = current.pending_block_date;
      decision.reasons = interner.Intern(current.pending);
      decision.amnesty_granted = current.all_pending_amnesty;
      if (decision.amnesty_granted) out.amnesty_column = true;
    }
    out.imeis.push_back(std::move(decision));
  };
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanClassificationAsOf(run.run, [&](const store::ClassificationRow& row) {
        if (row.imei_norm != current.imei_norm) {
          finish();
          current.Reset(row.imei_norm);
        }
        auto spec = blocking.find(row.condition);
        if (spec == blocking.end()) return Status::Ok();
        if (row.block_date <= list_date) {
          current.due.push_back(spec->second);
          current.due_block_date = std::min(current.due_block_date, row.block_date);
        } else {
          current.pending.push_back(spec->second);
          current.pending_block_date = std::min(current.pending_block_date, row.block_date);
          current.all_pending_amnesty = current.all_pending_amnesty && row.amnesty_granted;
        }
        return Status::Ok();
      }));
  finish();
  return out;
}

}  // namespace openceir::lists
