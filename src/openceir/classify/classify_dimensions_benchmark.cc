// Dimension evaluation speed: IMEIs/s through the shipped default conditions' dimensions
// (etc/openceir.yaml) on a realistic mix of summaries, and per dimension.
//
// The mix (10 000 IMEIs, 30-day window): 90% one SIM on 1-30 days, 5% two SIMs (a shared or
// dual-use phone), 3% a clone with 12 SIMs on two operators, 1% a SIM box with 10 sequential
// MSISDNs, 1% malformed IMEIs; a fifth of the TACs are not in the GSMA database. Registry: 20 000
// TACs, 100 000 registrations, 1 000 stolen, 100 barred IMEIs and TACs, 100 000 subscribers.
#include <benchmark/benchmark.h>

#include <random>

#include "openceir/classify/classify_test_util.h"
#include "openceir/classify/dimension_factory.h"
#include "openceir/identifiers/rat.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::Days;

struct Fixture {
  std::unique_ptr<ClassifyContext> context;
  std::vector<store::ImeiSummary> summaries;
  std::vector<std::unique_ptr<Dimension>> dimensions;
  std::vector<std::unique_ptr<Dimension>> history_dimensions;  // inconsistent_rat (90 days)
};

std::string Digits(std::uint64_t value, int width) {
  std::string text = std::to_string(value);
  return std::string(static_cast<std::size_t>(width) - text.size(), '0') + text;
}

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    const Date curr = D(20261101);
    const store::DateWindow window = WindowOfDays(curr, 30);
    std::mt19937_64 random(42);
    f->context = testing::NewContext(curr);
    ClassifyContext& c = *f->context;
    for (int i = 0; i < 20'000; ++i) {
      c.AddGsmaTac(Digits(35'000'000 + static_cast<std::uint64_t>(i), 8), "Maker",
                   "Model " + std::to_string(i / 3), i % 10 == 0 ? "Feature phone" : "Smartphone",
                   i % 10 == 0 ? "2G" : "2G|3G|4G", "20200101");
    }
    // TACs 35000000..35024999: four in five are in the GSMA database.
    auto imei = [](std::uint64_t n) {
      return Digits(35'000'000'000'000 + (n * 7919 % 25'000) * 1'000'000 + n % 1'000'000, 14);
    };
    for (std::uint64_t i = 0; i < 100'000; ++i) c.AddRegistration(imei(i * 3), "", "Smartphone");
    for (std::uint64_t i = 0; i < 1'000; ++i) c.AddStolen(imei(i * 97), "20260101", "");
    for (std::uint64_t i = 0; i < 100; ++i) {
      c.AddBarred(imei(i * 101));
      c.AddBarredTac(Digits(35'000'000 + i * 199, 8));
    }
    for (std::uint64_t i = 0; i < 100'000; ++i) {
      c.AddSubscriber("UID" + std::to_string(i), "41001" + Digits(i, 10));
    }
    c.Finish();

    const store::RatMask lte = identifiers::ParseRatList("002|006").value();
    for (std::uint64_t n = 0; n < 10'000; ++n) {
      const int kind = static_cast<int>(random() % 100);
      const std::string id = kind == 99 ? "35ABCDEF" + Digits(n, 6) : imei(n);
      testing::SummaryMaker maker(id, window, D(20250101));
      const int days = 1 + static_cast<int>(random() % 30);
      if (kind < 90) {
        maker.Seen("op1", "41001" + Digits(n, 10), "92300" + Digits(n, 7), Days(window.first, days),
                   lte);
      } else if (kind < 95) {
        maker.Seen("op1", "41001" + Digits(n, 10), "92300" + Digits(n, 7), Days(window.first, days),
                   lte);
        maker.Seen("op2", "41002" + Digits(n, 10), "92301" + Digits(n, 7),
                   Days(window.first, 30 - days + 1), lte);
      } else if (kind < 98) {
        for (std::uint64_t s = 0; s < 12; ++s) {
          maker.Seen(s % 2 ? "op1" : "op2", (s % 2 ? "41001" : "41002") + Digits(n * 16 + s, 10),
                     "92302" + Digits(n * 16 + s, 7), Days(Date{window.first.days + int(s)}, 10),
                     lte);
        }
      } else {
        for (std::uint64_t s = 0; s < 10; ++s) {
          maker.Seen("op1", "41001" + Digits(900'000'000 + n * 16 + s, 10),
                     "923030" + Digits(n * 16 + s, 6), Days(window.first, 20), lte);
        }
      }
      f->summaries.push_back(maker.Make());
    }

    const std::vector<std::pair<std::string, std::map<std::string, std::string>>> configs = {
        {"gsma_not_found", {}},
        {"stolen_list", {}},
        {"malformed_imei", {}},
        {"exists_in_barred_list", {}},
        {"is_barred_tac", {}},
        {"duplicate_threshold", {{"threshold", "10"}, {"period_days", "30"}}},
        {"duplicate_daily_avg",
         {{"threshold", "4.0"}, {"period_days", "30"}, {"min_seen_days", "5"}}},
        {"not_on_registration_list", {}},
        {"is_test_tac", {}},
        {"transient_imei", {{"period", "30"}, {"num_msisdns", "5"}}},
        {"concurrent_operators", {}},
        {"daily_avg_uid", {{"threshold", "2"}, {"period_days", "30"}, {"min_seen_days", "5"}}},
    };
    for (const auto& [module, params] : configs) {
      f->dimensions.push_back(testing::MustMake(module, params));
    }
    f->history_dimensions.push_back(testing::MustMake("inconsistent_rat"));
    return f;
  }();
  return *fixture;
}

// Every dimension on every IMEI (the summaries stand for each dimension's window). Argument 0:
// the fast first pass (matched only), 1: with evidence.
void BM_EvaluateDefaultDimensions(benchmark::State& state) {
  const Fixture& f = GetFixture();
  DimensionOutcome outcome;
  outcome.record_evidence = state.range(0) != 0;
  std::int64_t matched = 0;
  for (auto _ : state) {
    for (const store::ImeiSummary& summary : f.summaries) {
      const ImeiFacts facts = ImeiFacts::Of(summary.imei_norm, &summary);
      for (const auto& dimension : f.dimensions) {
        dimension->Evaluate(*f.context, facts, &outcome);
        matched += outcome.matched;
      }
      for (const auto& dimension : f.history_dimensions) {
        dimension->Evaluate(*f.context, facts, &outcome);
        matched += outcome.matched;
      }
    }
  }
  benchmark::DoNotOptimize(matched);
  state.SetLabel(outcome.record_evidence ? "with evidence" : "matched only");
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.summaries.size()));
  state.counters["dimensions"] =
      static_cast<double>(f.dimensions.size() + f.history_dimensions.size());
}
BENCHMARK(BM_EvaluateDefaultDimensions)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// One dimension (by index in the list above) on every IMEI.
void BM_EvaluateOneDimension(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const Dimension& dimension = *f.dimensions[static_cast<std::size_t>(state.range(0))];
  DimensionOutcome outcome;
  outcome.record_evidence = false;
  std::int64_t matched = 0;
  for (auto _ : state) {
    for (const store::ImeiSummary& summary : f.summaries) {
      dimension.Evaluate(*f.context, ImeiFacts::Of(summary.imei_norm, &summary), &outcome);
      matched += outcome.matched;
    }
  }
  benchmark::DoNotOptimize(matched);
  state.SetLabel(std::string(dimension.module()));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.summaries.size()));
}
BENCHMARK(BM_EvaluateOneDimension)->DenseRange(0, 11)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace openceir::classify
