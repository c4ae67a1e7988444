#include "openceir/reports/compliance_index.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "openceir/identifiers/golden_hash.h"

namespace openceir::reports {

std::string_view ComplianceName(Compliance compliance) {
  switch (compliance) {
    case Compliance::kCompliant: return "compliant";
    case Compliance::kInformational: return "informational";
    case Compliance::kNotified: return "notified";
    case Compliance::kBlocked: return "blocked";
  }
  return "compliant";
}

Result<ComplianceIndex> ComplianceIndex::Load(store::RegistryStore& registry,
                                              const store::ClassificationRunRecord& run) {
  ComplianceIndex index;
  index.run_ = run;
  std::unordered_map<std::string, std::uint16_t> by_label;
  for (std::size_t i = 0; i < run.conditions.size(); ++i) {
    by_label.emplace(run.conditions[i].spec.label, static_cast<std::uint16_t>(i));
  }
  std::unordered_set<std::string> golden;
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanListAsOf(store::ListKind::kGolden, run.run, [&](const store::ListRow& row) {
        golden.insert(row[0]);
        return Status::Ok();
      }));

  auto finish = [&]() {
    if (index.imeis_.empty()) return;
    Entry& entry = index.imeis_.back();
    if (entry.count == 0) {  // only rows of conditions the run did not have
      index.imeis_.pop_back();
      return;
    }
    entry.golden = !golden.empty() && golden.count(identifiers::GoldenHashOf(entry.imei_norm)) > 0;
    bool any_due = false;
    bool any_pending = false;
    bool any_informational = false;
    Date block_date{INT32_MAX};
    for (std::uint32_t i = entry.first; i < entry.first + entry.count; ++i) {
      const MatchedCondition& match = index.matches_[i];
      if (!run.conditions[match.condition].spec.blocking) {
        any_informational = true;
        continue;
      }
      (match.due ? any_due : any_pending) = true;
      block_date = std::min(block_date, match.block_date);
    }
    if (entry.golden) {
      entry.compliance = Compliance::kCompliant;
    } else if (any_due) {
      entry.compliance = Compliance::kBlocked;
    } else if (any_pending) {
      entry.compliance = Compliance::kNotified;
    } else if (any_informational) {
      entry.compliance = Compliance::kInformational;
    }
    if (any_due || any_pending) entry.block_date = block_date;
  };
  OPENCEIR_RETURN_IF_ERROR(
      registry.ScanClassificationAsOf(run.run, [&](const store::ClassificationRow& row) {
        if (index.imeis_.empty() || index.imeis_.back().imei_norm != row.imei_norm) {
          finish();
          Entry entry;
          entry.imei_norm = row.imei_norm;
          entry.first = static_cast<std::uint32_t>(index.matches_.size());
          index.imeis_.push_back(std::move(entry));
        }
        auto label = by_label.find(row.condition);
        if (label == by_label.end()) return Status::Ok();
        Entry& entry = index.imeis_.back();
        // A match restarted within the run's history appears once as of a run; guard anyway.
        for (std::uint32_t i = entry.first; i < entry.first + entry.count; ++i) {
          if (index.matches_[i].condition == label->second) return Status::Ok();
        }
        index.matches_.push_back({label->second, row.block_date <= run.curr_date, row.block_date});
        ++entry.count;
        return Status::Ok();
      }));
  finish();
  return index;
}

std::vector<store::ConditionSpec> ComplianceIndex::conditions() const {
  std::vector<store::ConditionSpec> specs;
  if (!run_) return specs;
  for (const auto& condition : run_->conditions) specs.push_back(condition.spec);
  return specs;
}

ImeiStanding ComplianceIndex::StandingAt(std::size_t i) const {
  const Entry& entry = imeis_[i];
  ImeiStanding standing;
  standing.compliance = entry.compliance;
  standing.golden = entry.golden;
  standing.block_date = entry.block_date;
  standing.conditions =
      std::span<const MatchedCondition>(matches_).subspan(entry.first, entry.count);
  return standing;
}

ImeiStanding ComplianceIndex::Find(std::string_view imei_norm) const {
  auto it = std::lower_bound(
      imeis_.begin(), imeis_.end(), imei_norm,
      [](const Entry& entry, std::string_view key) { return entry.imei_norm < key; });
  if (it == imeis_.end() || it->imei_norm != imei_norm) return ImeiStanding{};
  return StandingAt(static_cast<std::size_t>(it - imeis_.begin()));
}

}  // namespace openceir::reports
