#include "openceir/classify/classifier.h"

#include <fmt/format.h>

#include <chrono>
#include <limits>

#include "openceir/classify/context_loader.h"
#include "openceir/classify/genuine_user.h"
#include "openceir/classify/summary_streams.h"
#include "openceir/classify/universe_lists.h"

namespace openceir::classify {
namespace {

constexpr std::size_t kMatchChunk = 4096;

struct PendingMatch {
  std::uint32_t condition = 0;
  std::string imei_norm;
  std::vector<store::EvidenceField> evidence;
};

// The genuine-user decision for an IMEI that matched cloning conditions (imsi empty: no user
// could be told apart), kept until the safety cap is known: a designation stands only when one
// of the cloning conditions it came from is applied.
struct CloneOutcome {
  std::string imei_norm;
  std::string imsi;
  std::string reason;
  std::vector<std::uint32_t> conditions;
};

// Stages matches in chunks: ConditionMatch holds views into this storage.
class MatchStager {
 public:
  explicit MatchStager(store::ClassificationRun* run) : run_(run) {}

  Status Add(PendingMatch match) {
    pending_.push_back(std::move(match));
    return pending_.size() >= kMatchChunk ? Flush() : Status::Ok();
  }
  Status Flush() {
    if (pending_.empty()) return Status::Ok();
    std::vector<store::ConditionMatch> matches;
    matches.reserve(pending_.size());
    for (const PendingMatch& match : pending_) {
      matches.push_back({match.condition, match.imei_norm, match.evidence});
    }
    Status added = run_->AddMatches(matches);
    pending_.clear();
    return added;
  }

 private:
  store::ClassificationRun* run_;
  std::vector<PendingMatch> pending_;
};

bool Capped(const store::ConditionSpec& spec, std::int64_t matching, std::int64_t seen) {
  return seen > 0 && static_cast<double>(matching) / static_cast<double>(seen) >
                         spec.max_allowed_matching_ratio;
}

// Everything one run evaluates with, and what it found so far.
class Engine {
 public:
  Engine(const ConditionSet& conditions, const ClassifyContext& context,
         const SubscriberLinks& links, MatchStager* stager)
      : conditions_(conditions),
        context_(context),
        links_(links),
        stager_(stager),
        matching_(conditions.conditions.size(), 0) {
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
    for (std::uint32_t c = 0; c < conditions_.conditions.size(); ++c) {
      const Condition& condition = conditions_.conditions[c];
      if (!ConditionMatches(condition, context_, facts_, &scratch_)) continue;
      ++matching_[c];
      PendingMatch match{c, std::string(imei_norm), {}};
      AppendConditionEvidence(condition, context_, facts_, &scratch_, &match.evidence);
      if (condition.detects_cloning) AddGenuineUserEvidence(c, summaries[0], &match.evidence);
      OPENCEIR_RETURN_IF_ERROR(stager_->Add(std::move(match)));
    }
    return Status::Ok();
  }

  const std::vector<std::int64_t>& matching() const { return matching_; }
  // One entry per IMEI that matched a cloning condition (imsi empty: undetermined).
  const std::vector<CloneOutcome>& clone_outcomes() const { return clone_outcomes_; }

 private:
  void AddGenuineUserEvidence(std::uint32_t condition, const store::ImeiSummary* widest,
                              std::vector<store::EvidenceField>* evidence) {
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
      clone_outcomes_.push_back(
          {std::string(facts_.no_window.imei.imei_norm), decision_.imsi, decision_.reason, {}});
    }
    clone_outcomes_.back().conditions.push_back(condition);
    evidence->push_back({"genuine_user.decided", decision_.decided() ? "true" : "false"});
    evidence->push_back({"genuine_user.imsi", decision_.imsi});
    evidence->push_back({"genuine_user.reason", decision_.reason});
  }

  const ConditionSet& conditions_;
  const ClassifyContext& context_;
  const SubscriberLinks& links_;
  MatchStager* stager_;
  ImeiFactsByWindow facts_;
  DimensionOutcome scratch_;
  std::vector<std::int64_t> matching_;
  bool decision_made_ = false;
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

  std::vector<std::unique_ptr<store::ObservationStore>> extra_readers;
  std::vector<store::ObservationStore*> readers{&observations};
  for (std::size_t w = 1; w < conditions.windows.size(); ++w) {
    if (!options.open_reader) {
      return FailedPreconditionError(fmt::format(
          "the conditions read {} windows of network data: a reader per window is needed",
          conditions.windows.size()));
    }
    OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::ObservationStore> reader,
                              options.open_reader());
    readers.push_back(reader.get());
    extra_readers.push_back(std::move(reader));
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

  MatchStager stager(run.get());
  Engine engine(conditions, *context, links, &stager);
  {
    SummaryStreams streams(conditions.windows, readers);
    std::vector<const store::ImeiSummary*> summaries(conditions.windows.size(), nullptr);
    const std::vector<const store::ImeiSummary*> unseen(conditions.windows.size(), nullptr);
    std::string list_imei;
    bool list_more = list_imeis.Next(&list_imei);
    OPENCEIR_ASSIGN_OR_RETURN(bool network_more, streams.Next());
    while (network_more || list_more) {
      if (network_more && (!list_more || streams.imei_norm() <= list_imei)) {
        if (list_more && streams.imei_norm() == list_imei) list_more = list_imeis.Next(&list_imei);
        for (std::size_t w = 0; w < summaries.size(); ++w) summaries[w] = streams.summary(w);
        ++report->network_imeis;
        OPENCEIR_RETURN_IF_ERROR(engine.Classify(streams.imei_norm(), summaries));
        OPENCEIR_ASSIGN_OR_RETURN(network_more, streams.Next());
      } else {
        ++report->list_only_imeis;
        OPENCEIR_RETURN_IF_ERROR(engine.Classify(list_imei, unseen));
        list_more = list_imeis.Next(&list_imei);
      }
    }
  }
  OPENCEIR_RETURN_IF_ERROR(stager.Flush());

  // The safety cap, as Commit decides it, so that designations of a capped condition are
  // dropped with it.
  const std::int64_t seen = report->network_imeis + report->list_only_imeis;
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
