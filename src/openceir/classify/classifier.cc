#include "openceir/classify/classifier.h"

#include <fmt/format.h>

#include <chrono>
#include <limits>
#include <optional>

#include "openceir/classify/context_loader.h"
#include "openceir/classify/genuine_user.h"
#include "openceir/classify/summary_streams.h"
#include "openceir/classify/universe_lists.h"

namespace openceir::classify {
namespace {

constexpr std::size_t kMatchChunk = 4096;
// How far the summary scan may read ahead while the registry snapshot loads. Packed
// (packed_summaries.h), an IMEI with three SIMs and its two window summaries takes about 470
// bytes: ~250 MB at most, about 2 s of the scan (a registry of 9 M registrations takes longer).
constexpr std::size_t kReadAheadImeis = 512 * 1024;

// The genuine-user decision for an IMEI that matched cloning conditions (imsi empty: no user
// could be told apart), kept until the safety cap is known: a designation stands only when one
// of the cloning conditions it came from is applied.
struct CloneOutcome {
  std::string imei_norm;
  std::string imsi;
  std::string reason;
  std::vector<std::uint32_t> conditions;
};

// Stages matches in chunks of kMatchChunk. The slots (IMEI and evidence strings) are reused from
// chunk to chunk, so staging allocates nothing per match once warm; ConditionMatch views them.
class MatchStager {
 public:
  struct Slot {
    std::uint32_t condition = 0;
    std::string imei_norm;
    EvidenceFields evidence;
  };

  explicit MatchStager(store::ClassificationRun* run) : run_(run), slots_(kMatchChunk) {
    matches_.reserve(kMatchChunk);
  }

  // The slot of the next match, emptied; Stage() it once filled.
  Slot& Next(std::uint32_t condition, std::string_view imei_norm) {
    Slot& slot = slots_[size_];
    slot.condition = condition;
    slot.imei_norm.assign(imei_norm);
    slot.evidence.Clear();
    return slot;
  }
  Status Stage() { return ++size_ == kMatchChunk ? Flush() : Status::Ok(); }
  Status Flush() {
    if (size_ == 0) return Status::Ok();
    matches_.clear();
    for (std::size_t i = 0; i < size_; ++i) {
      const Slot& slot = slots_[i];
      matches_.push_back({slot.condition, slot.imei_norm, slot.evidence.fields()});
    }
    size_ = 0;
    return run_->AddMatches(matches_);
  }

 private:
  store::ClassificationRun* run_;
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::vector<store::ConditionMatch> matches_;
};

bool Capped(const store::ConditionSpec& spec, std::int64_t matching, std::int64_t seen) {
  return seen > 0 && static_cast<double>(matching) / static_cast<double>(seen) >
                         spec.max_allowed_matching_ratio;
}

// Everything one run evaluates with, and what it found so far.
class Engine {
 public:
  // `seen_bound`: at least the number of IMEIs the run will classify (its final seen_imeis).
  Engine(const ConditionSet& conditions, const ClassifyContext& context,
         const SubscriberLinks& links, Date curr_date, MatchStager* stager, std::int64_t seen_bound)
      : curr_date_(curr_date),
        conditions_(conditions),
        context_(context),
        links_(links),
        stager_(stager),
        seen_bound_(seen_bound),
        matching_(conditions.conditions.size(), 0),
        unstaged_(conditions.conditions.size(), 0) {
    facts_.by_window.resize(conditions.windows.size());
  }

  // Classifies one IMEI; summaries[w] is its summary for window w (nullptr: not seen there).
  Status Classify(std::string_view imei_norm,
                  const std::vector<const store::ImeiSummary*>& summaries) {
    ImeiFacts base = ImeiFacts::Of(imei_norm, nullptr);
    for (const store::ImeiSummary* summary : summaries) {
      if (summary != nullptr) {
        base.first_seen_ever = summary->first_seen_ever;
        break;
      }
    }
    for (std::size_t w = 0; w < summaries.size(); ++w) {
      facts_.by_window[w] = base;
      facts_.by_window[w].summary = summaries[w];
    }
    facts_.no_window = base;
    decision_made_ = false;
    outcome_recorded_ = false;
    bool held = false;
    for (std::uint32_t c = 0; c < conditions_.conditions.size(); ++c) {
      const Condition& condition = conditions_.conditions[c];
      if (!ConditionMatches(condition, context_, facts_, &scratch_)) continue;
      if (condition.detects_cloning && condition.spec.blocking) {
        DecideGenuineUser(summaries[0]);
        if (HoldForGenuineUser(decision_, base.first_seen_ever, curr_date_)) {
          held = true;
          continue;
        }
      }
      ++matching_[c];
      // A condition past its cap even if every IMEI the run can still see were counted will not
      // be applied: its further matches are counted only (no evidence, nothing staged).
      if (unstaged_[c] > 0 || Capped(condition.spec, matching_[c], seen_bound_)) {
        ++unstaged_[c];
        continue;
      }
      MatchStager::Slot& slot = stager_->Next(c, imei_norm);
      AppendConditionEvidence(condition, context_, facts_, &scratch_, &slot.evidence);
      if (condition.detects_cloning) AddGenuineUserEvidence(c, summaries[0], &slot.evidence);
      OPENCEIR_RETURN_IF_ERROR(stager_->Stage());
    }
    if (held) ++held_for_genuine_user_;
    return Status::Ok();
  }

  const std::vector<std::int64_t>& matching() const { return matching_; }
  // Per condition, the matches counted without being staged.
  const std::vector<std::int64_t>& unstaged() const { return unstaged_; }
  // IMEIs whose blocking cloning matches wait for usage that tells the genuine user apart.
  std::int64_t held_for_genuine_user() const { return held_for_genuine_user_; }
  // One entry per IMEI that matched a cloning condition (imsi empty: undetermined).
  const std::vector<CloneOutcome>& clone_outcomes() const { return clone_outcomes_; }

 private:
  void DecideGenuineUser(const store::ImeiSummary* widest) {
    if (!decision_made_) {
      decision_made_ = true;
      if (widest == nullptr) {
        decision_ = {"", "the IMEI was not seen in the window: no subscriber to choose from"};
      } else {
        const ImeiKey& key = facts_.no_window.imei;
        registered_.assign(widest->imsis.size(), false);
        for (std::size_t i = 0; i < widest->imsis.size(); ++i) {
          const std::string& imsi = widest->imsis[i].imsi;
          registered_[i] =
              links_.IsPaired(key, imsi) || links_.IsAssociated(key, context_.UidsOfImsi(imsi));
        }
        decision_ = ChooseGenuineUser(*widest, conditions_.windows[0], registered_);
      }
    }
  }

  void AddGenuineUserEvidence(std::uint32_t condition, const store::ImeiSummary* widest,
                              EvidenceFields* evidence) {
    DecideGenuineUser(widest);
    if (!outcome_recorded_) {
      outcome_recorded_ = true;
      clone_outcomes_.push_back(
          {std::string(facts_.no_window.imei.imei_norm), decision_.imsi, decision_.reason, {}});
    }
    clone_outcomes_.back().conditions.push_back(condition);
    evidence->Add("genuine_user.decided", decision_.decided() ? "true" : "false");
    evidence->Add("genuine_user.imsi", decision_.imsi);
    evidence->Add("genuine_user.reason", decision_.reason);
  }

  Date curr_date_;
  const ConditionSet& conditions_;
  const ClassifyContext& context_;
  const SubscriberLinks& links_;
  MatchStager* stager_;
  std::int64_t seen_bound_;
  ImeiFactsByWindow facts_;
  DimensionOutcome scratch_;
  std::vector<std::int64_t> matching_;
  std::vector<std::int64_t> unstaged_;
  bool decision_made_ = false;
  bool outcome_recorded_ = false;
  std::int64_t held_for_genuine_user_ = 0;
  GenuineUserDecision decision_;
  std::vector<bool> registered_;
  std::vector<CloneOutcome> clone_outcomes_;
};

store::JobOutcome OutcomeOf(const Status& status) {
  return status.code() == StatusCode::kInvalidInput ||
                 status.code() == StatusCode::kFailedPrecondition
             ? store::JobOutcome::kRejected
             : store::JobOutcome::kFailed;
}

Status Run(store::RegistryStore& registry, store::ObservationStore& observations,
           const config::Config& config, const ClassifyOptions& options, store::JobId job,
           ClassifyReport* report) {
  const Date curr_date = options.curr_date;
  OPENCEIR_ASSIGN_OR_RETURN(ConditionSet conditions,
                            BuildConditions(config, curr_date, options.defaults));
  report->skipped = conditions.skipped;
  report->windows = conditions.windows;
  bool any_cloning = false;
  for (const Condition& condition : conditions.conditions) {
    any_cloning |= condition.detects_cloning;
  }
  // Registered users of cloned IMEIs: subscribers' UIDs for the association list.
  if (any_cloning) conditions.needs.parts |= kNeedSubscribers;

  // With a reader of its own, the summary scan starts now and reads ahead while the registry
  // snapshot loads (the scan is the longer of the two threads' shares); without one it waits
  // until the calling thread is done with `observations`.
  std::unique_ptr<store::ObservationStore> own_reader;
  std::optional<SummaryStreams> streams;
  if (options.open_reader) {
    OPENCEIR_ASSIGN_OR_RETURN(own_reader, options.open_reader());
    streams.emplace(conditions.windows, own_reader.get(), kReadAheadImeis);
  }
  OPENCEIR_ASSIGN_OR_RETURN(
      std::unique_ptr<ClassifyContext> context,
      LoadClassifyContext(registry, &observations, config.region, curr_date, conditions.needs));
  SubscriberLinks links;
  if (any_cloning) {
    OPENCEIR_ASSIGN_OR_RETURN(links, LoadSubscriberLinks(registry));
  }
  OPENCEIR_ASSIGN_OR_RETURN(UniverseListImeis list_imeis,
                            LoadUniverseListImeis(registry, conditions.universe_lists));

  std::vector<store::ConditionSpec> specs;
  for (const Condition& condition : conditions.conditions) specs.push_back(condition.spec);
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::ClassificationRun> run,
                            registry.BeginClassificationRun(job, curr_date, specs));

  // No run classifies more IMEIs than the network ever saw plus the universe's list IMEIs: the
  // bound that makes a condition certain to exceed its cap before the end.
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t network_imeis, observations.CountNetworkImeis());
  const std::int64_t seen_bound = network_imeis + static_cast<std::int64_t>(list_imeis.size());
  if (!streams) streams.emplace(conditions.windows, &observations);

  MatchStager stager(run.get());
  Engine engine(conditions, *context, links, curr_date, &stager, seen_bound);
  {
    std::vector<const store::ImeiSummary*> summaries(conditions.windows.size(), nullptr);
    const std::vector<const store::ImeiSummary*> unseen(conditions.windows.size(), nullptr);
    std::string list_imei;
    bool list_more = list_imeis.Next(&list_imei);
    OPENCEIR_ASSIGN_OR_RETURN(bool network_more, streams->Next());
    while (network_more || list_more) {
      if (network_more && (!list_more || streams->imei_norm() <= list_imei)) {
        if (list_more && streams->imei_norm() == list_imei) list_more = list_imeis.Next(&list_imei);
        for (std::size_t w = 0; w < summaries.size(); ++w) summaries[w] = streams->summary(w);
        ++report->network_imeis;
        OPENCEIR_RETURN_IF_ERROR(engine.Classify(streams->imei_norm(), summaries));
        OPENCEIR_ASSIGN_OR_RETURN(network_more, streams->Next());
      } else {
        ++report->list_only_imeis;
        OPENCEIR_RETURN_IF_ERROR(engine.Classify(list_imei, unseen));
        list_more = list_imeis.Next(&list_imei);
      }
    }
    streams.reset();  // the scan's thread ends here
  }
  OPENCEIR_RETURN_IF_ERROR(stager.Flush());
  for (std::uint32_t c = 0; c < engine.unstaged().size(); ++c) {
    if (engine.unstaged()[c] > 0) {
      OPENCEIR_RETURN_IF_ERROR(run->CountUnstagedMatches(c, engine.unstaged()[c]));
    }
  }

  // The safety cap, as Commit decides it, so that designations of a capped condition are
  // dropped with it.
  const std::int64_t seen = report->network_imeis + report->list_only_imeis;
  if (seen > seen_bound) {
    // Network data was added between the count and the scan: a condition counted as certain to
    // be capped might not be. Nothing is committed.
    return AbortedError(fmt::format(
        "{} IMEIs classified but the observation store counted {} network IMEIs (+ {} list "
        "IMEIs) when the run began: data was imported during the run; classify again",
        seen, network_imeis, list_imeis.size()));
  }
  std::vector<bool> applied(conditions.conditions.size());
  for (std::size_t c = 0; c < applied.size(); ++c) {
    applied[c] = !Capped(conditions.conditions[c].spec, engine.matching()[c], seen);
  }
  std::vector<store::GenuineUserDesignation> designations;
  for (const CloneOutcome& outcome : engine.clone_outcomes()) {
    bool counts = false;
    for (std::uint32_t c : outcome.conditions) counts |= applied[c];
    if (!counts) continue;
    ++report->cloned_imeis;
    if (outcome.imsi.empty()) {
      ++report->genuine_users_undetermined;
      continue;
    }
    ++report->genuine_users_designated;
    designations.push_back({outcome.imei_norm, outcome.imsi, outcome.reason});
    if (designations.size() == kMatchChunk) {
      OPENCEIR_RETURN_IF_ERROR(run->AddGenuineUsers(designations));
      designations.clear();
    }
  }
  if (!designations.empty()) OPENCEIR_RETURN_IF_ERROR(run->AddGenuineUsers(designations));
  report->genuine_users_held = engine.held_for_genuine_user();

  store::JobCounts counts;
  counts.rows_read = seen;
  OPENCEIR_ASSIGN_OR_RETURN(report->run, run->Commit(seen, counts));
  for (const store::ConditionRunRecord& record : report->run.conditions) {
    if (!record.applied) report->capped.push_back(record.spec.label);
  }
  return Status::Ok();
}

}  // namespace

Result<ClassifyReport> Classify(store::RegistryStore& registry,
                                store::ObservationStore& observations, const config::Config& config,
                                const ClassifyOptions& options) {
  const auto began = std::chrono::steady_clock::now();
  OPENCEIR_ASSIGN_OR_RETURN(store::JobId job, registry.StartJob(options.job));
  ClassifyReport report;
  Status status = Run(registry, observations, config, options, job, &report);
  if (!status.ok()) {
    // The run (if begun) rolled back; the job says why. Its own error cannot hide the first.
    registry.EndJob(job, OutcomeOf(status), {}, status.message()).IgnoreError();
    return status;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return report;
}

Result<Date> DefaultAnalysisDate(store::ObservationStore& observations,
                                 const config::RegionConfig& region) {
  const Date far_past{0};
  const Date far_future{2'932'896};  // 9999-12-31
  std::optional<Date> latest;
  for (const config::OperatorConfig& op : region.operators) {
    OPENCEIR_ASSIGN_OR_RETURN(std::vector<store::ObservationImport> imports,
                              observations.ListImports(store::ObservationImportKind::kOperatorData,
                                                       op.id, far_past, far_future));
    for (const store::ObservationImport& import : imports) {
      if (!latest || import.last_day > *latest) latest = import.last_day;
    }
  }
  if (!latest) {
    return FailedPreconditionError(
        "no operator data imported: import operator data first, or give the analysis date");
  }
  return Date{latest->days + 1};
}

}  // namespace openceir::classify
