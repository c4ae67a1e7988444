#include "openceir/eirhttp/router.h"

#include <optional>

#include "openceir/eirhttp/json_text.h"
#include "openceir/eirhttp/n5g_resource.h"
#include "openceir/eirhttp/problem_details.h"
#include "openceir/eirhttp/query_string.h"
#include "openceir/eirhttp/rest_resource.h"

namespace openceir::eirhttp {
namespace {

// Per thread: the query scratch (keeps its capacity) and a snapshot Reader, which re-reads
// the holder only after a Replace, so answering writes no cache line shared between threads.
struct ThreadState {
  QueryString query;
  const eir::SnapshotHolder* holder = nullptr;
  std::optional<eir::SnapshotHolder::Reader> reader;

  const eir::DecisionSnapshot& Snapshot(const eir::SnapshotHolder& snapshots) {
    if (holder != &snapshots) {
      reader.emplace(snapshots);
      holder = &snapshots;
    }
    return reader->Get();
  }
};

ThreadState& LocalState() {
  thread_local ThreadState state;
  return state;
}

void AnswerProblem(int status, std::string_view detail, std::string_view path, Response* response) {
  response->status = status;
  response->content_type = "application/problem+json";
  AppendProblemJson(Problem{status, detail}, path, &response->body);
}

void AnswerMethodNotAllowed(std::string_view allow, std::string_view path, Response* response) {
  AnswerProblem(405, "method not allowed on this resource", path, response);
  response->allow = allow;
}

}  // namespace

Router::Router(const eir::SnapshotHolder& snapshots, eir::EirMetrics& metrics,
               const BundleFiles& bundles, const Clock& clock)
    : snapshots_(snapshots), metrics_(metrics), bundles_(bundles), clock_(clock) {}

void Router::Handle(const Request& request, Response* response) {
  const std::size_t question = request.path.find('?');
  const std::string_view path = request.path.substr(0, question);
  const std::string_view query_text =
      question == std::string_view::npos ? std::string_view() : request.path.substr(question + 1);
  const bool get = request.method == "GET";

  const bool n5g = path == kN5gEquipmentStatusPath;
  if (n5g || path == kRestCheckPath) {
    const eir::Interface interface = n5g ? eir::Interface::kN5g : eir::Interface::kRest;
    eir::Answer answer = eir::Answer::kBadRequest;
    ThreadState& state = LocalState();
    if (!get) {
      AnswerMethodNotAllowed("GET", path, response);
    } else if (!state.query.Parse(query_text)) {
      AnswerProblem(400, "too many query parameters", path, response);
    } else {
      const eir::DecisionSnapshot& snapshot = state.Snapshot(snapshots_);
      answer = n5g ? AnswerEquipmentStatus(state.query, path, snapshot, response)
                   : AnswerRestCheck(state.query, path, snapshot, response);
    }
    const auto latency = std::chrono::steady_clock::now() - request.received;
    metrics_.RecordAnswer(
        interface, answer,
        static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(latency).count()));
    return;
  }

  if (path.starts_with(kBundlesPrefix)) {
    if (!get && request.method != "HEAD") {
      AnswerMethodNotAllowed("GET, HEAD", path, response);
      return;
    }
    bundles_.Serve(path.substr(kBundlesPrefix.size()), request.if_none_match, !get, response);
    return;
  }

  if (path == "/metrics" || path == "/healthz") {
    if (!get) {
      AnswerMethodNotAllowed("GET", path, response);
      return;
    }
    if (path == "/metrics") {
      response->content_type = "text/plain; version=0.0.4";
      response->body = metrics_.RenderPrometheus(clock_.Now());
      return;
    }
    const eir::DecisionSnapshot& snapshot = LocalState().Snapshot(snapshots_);
    response->content_type = "application/json";
    std::string& out = response->body;
    out.append("{\"status\":\"ok\",\"snapshot_version\":");
    AppendJsonInt(static_cast<std::int64_t>(snapshot.version()), &out);
    out.append(",\"snapshot_built_unix_seconds\":");
    AppendJsonInt(snapshot.built_unix_seconds(), &out);
    out.append(",\"blacklisted\":");
    AppendJsonInt(static_cast<std::int64_t>(snapshot.blacklisted_count()), &out);
    out.append(",\"notified\":");
    AppendJsonInt(static_cast<std::int64_t>(snapshot.notified_count()), &out);
    out.append(",\"exception_pairs\":");
    AppendJsonInt(static_cast<std::int64_t>(snapshot.exception_pair_count()), &out);
    out.push_back('}');
    return;
  }

  AnswerProblem(404, "no such resource", path, response);
}

}  // namespace openceir::eirhttp
