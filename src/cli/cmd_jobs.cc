// `openceir jobs [--limit N] [--json]`: the newest job records, newest first.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace openceir::cli {
namespace {

std::string Count(std::int64_t value) { return value < 0 ? "-" : std::to_string(value); }

// A job error may hold several lines (a rejected import's summary, then its listed errors):
// one table row each, so they are joined with " | ". --json keeps them as they are.
std::string OneLine(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += " | ";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

nlohmann::json JobJson(const store::JobRecord& job) {
  auto count = [](std::int64_t value) {
    return value < 0 ? nlohmann::json(nullptr) : nlohmann::json(value);
  };
  return {{"id", job.id},
          {"command", job.start.command},
          {"arguments", job.start.arguments},
          {"user", job.start.user},
          {"input_path", job.start.input_path},
          {"input_sha256", job.start.input_sha256},
          {"pid", job.start.pid},
          {"started_at", FormatIso8601Utc(job.started_at)},
          {"ended_at", job.ended_at ? nlohmann::json(FormatIso8601Utc(*job.ended_at))
                                    : nlohmann::json(nullptr)},
          {"outcome", std::string(store::JobOutcomeName(job.outcome))},
          {"counts",
           {{"rows_read", count(job.counts.rows_read)},
            {"added", count(job.counts.added)},
            {"removed", count(job.counts.removed)},
            {"changed", count(job.counts.changed)},
            {"unchanged", count(job.counts.unchanged)}}},
          {"error", job.error}};
}

}  // namespace

int RunJobs(const GlobalOptions& global, const JobsOptions& options) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  SystemClock clock;
  auto opened = OpenStore(*context, OpenMode::kExistingLatest, &clock);
  if (!opened.ok()) return ReportError(opened.status());
  auto jobs = (*opened)->ListJobs(options.limit);
  if (!jobs.ok()) return ReportError(jobs.status());

  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const store::JobRecord& job : *jobs) out.push_back(JobJson(job));
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("{:>5}  {:<20}  {:<11}  {:<20}  {:>9} {:>8} {:>8} {:>8}  {}\n", "id", "started",
             "outcome", "command", "read", "added", "removed", "changed", "user / input / error");
  for (const store::JobRecord& job : *jobs) {
    std::string tail = job.start.user;
    if (!job.start.input_path.empty()) tail += "  " + job.start.input_path;
    if (!job.error.empty()) tail += "  " + OneLine(job.error);
    fmt::print("{:>5}  {:<20}  {:<11}  {:<20}  {:>9} {:>8} {:>8} {:>8}  {}\n", job.id,
               FormatIso8601Utc(job.started_at), store::JobOutcomeName(job.outcome),
               job.start.command, Count(job.counts.rows_read), Count(job.counts.added),
               Count(job.counts.removed), Count(job.counts.changed), tail);
  }
  return kExitOk;
}

}  // namespace openceir::cli
