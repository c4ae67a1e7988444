// `openceir serve` end to end: keys created with `openceir apikey`, the server started on an
// ephemeral port, every endpoint asked with curl (HTTP/1.1) by every role, each refusal checked,
// the server stopped with SIGTERM; and the audit trail edited and cut in the SQLite file so that
// `openceir audit verify` fails naming the entry.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/run_process.h"

namespace openceir::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPairedImei[] = "869443024000046";  // data/sample/pairing.csv
constexpr char kImsi[] = "999010000000001";
constexpr char kMsisdn[] = "999700000001";

struct Reply {
  int status = 0;
  std::string headers;
  std::string body;
  std::string trace;  // curl -v output
};

// curl over HTTP/1.1; `extra` are more curl arguments (each already shell-quoted).
Reply Curl(const TempDir& dir, const std::string& extra) {
  const std::string headers = dir.File("curl.headers");
  const std::string trace = dir.File("curl.trace");
  const std::string command = "curl -s -v --http1.1 -D '" + headers + "' -w '\\n%{http_code}' " +
                              extra + " 2>'" + trace + "'";
  Reply reply;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return reply;
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) out.append(buffer, n);
  ::pclose(pipe);
  const std::size_t newline = out.rfind('\n');
  if (newline == std::string::npos) return reply;
  reply.body = out.substr(0, newline);
  reply.status = std::atoi(out.c_str() + newline + 1);
  reply.headers = ReadFile(headers);
  reply.trace = ReadFile(trace);
  return reply;
}

class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = dir_.File("openceir.yaml");
    WriteFile(config_, ReadFile(std::string(SourceDir()) + "/etc/openceir.yaml") +
                           "\napi:\n  threads: 2\n  public_burst: 3\n"
                           "  public_requests_per_second: 0.001\n  max_body_bytes: 200000\n");
    store_ = dir_.File("store.db");
    Run({"db", "init"});
    Run({"import", "gsma-tac", std::string(SourceDir()) + "/data/sample/gsma_tac.txt"});
    Run({"import", "pairing", std::string(SourceDir()) + "/data/sample/pairing.csv"});
    for (const char* role : {"public", "operator", "police", "regulator"}) {
      std::vector<std::string> args = {
          "apikey", "create", "--role", role, "--name", std::string(role) + " test", "--json"};
      if (std::string(role) == "operator") args.insert(args.end(), {"--operator", "op1"});
      ProcessResult created = Run(args);
      json key = json::parse(created.out, nullptr, false);
      ASSERT_TRUE(key.is_object()) << created.out << created.err;
      keys_[role] = key["key"].get<std::string>();
      ids_[role] = key["id"].get<int>();
    }
  }

  void TearDown() override {
    if (server_ > 0) {
      ::kill(server_, SIGKILL);
      Reap(server_);
    }
  }

  ProcessResult Run(std::vector<std::string> args, int expected_exit = 0) {
    args.insert(args.begin(), {"--config", config_, "--store", store_});
    ProcessResult result = RunOpenceir(args, dir_.path());
    EXPECT_EQ(result.exit_code, expected_exit) << args[4] << ": " << result.out << result.err;
    return result;
  }

  void StartServer() {
    log_ = dir_.File("serve.log");
    ProcessOptions options;
    options.cwd = dir_.path();
    options.stderr_path = log_;
    options.stdout_path = dir_.File("serve.out");
    server_ = StartOpenceir(
        {"--config", config_, "--store", store_, "serve", "--listen", "127.0.0.1:0"}, options);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    std::string log;
    while (std::chrono::steady_clock::now() < deadline) {
      log = ReadFile(log_);
      const std::size_t at = log.find(" port=");
      if (log.find("event=listening") != std::string::npos && at != std::string::npos) {
        port_ = std::atoi(log.c_str() + at + 6);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_GT(port_, 0) << "the server did not start:\n" << log;
  }

  std::string Url(const std::string& path) const {
    return "'http://127.0.0.1:" + std::to_string(port_) + path + "'";
  }
  Reply Get(const std::string& path, const std::string& role = "") {
    std::string extra = Url(path);
    if (!role.empty()) extra += " -H 'Authorization: Bearer " + keys_[role] + "'";
    return Curl(dir_, extra);
  }
  Reply PostBatch(const std::string& body_file, const std::string& role) {
    std::string extra = "-X POST -H 'Content-Type: application/json' --data-binary '@" + body_file +
                        "' " + Url("/v1/imeis:batch");
    if (!role.empty()) extra += " -H 'X-API-Key: " + keys_[role] + "'";
    return Curl(dir_, extra);
  }

  TempDir dir_;
  std::string config_;
  std::string store_;
  std::string log_;
  std::map<std::string, std::string> keys_;
  std::map<std::string, int> ids_;
  pid_t server_ = -1;
  int port_ = 0;
};

TEST_F(ApiServerTest, EveryEndpointAndRoleOverRealHttp) {
  ASSERT_NO_FATAL_FAILURE(StartServer());

  Reply health = Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(json::parse(health.body)["status"], "ok");

  Reply openapi = Get("/openapi.json");
  ASSERT_EQ(openapi.status, 200);
  json document = json::parse(openapi.body, nullptr, false);
  ASSERT_TRUE(document.is_object());
  EXPECT_EQ(document["paths"].size(), 7u);

  // The public role: status with model, never subscriber data.
  Reply status = Get(std::string("/v1/imeis/") + kPairedImei);
  ASSERT_EQ(status.status, 200) << status.body;
  json body = json::parse(status.body);
  EXPECT_EQ(body["status"], "permitted");
  EXPECT_EQ(body["validation"]["valid"], true);
  EXPECT_EQ(body["device"]["brand"], "Tessera Technology Co");  // TAC 86944302
  EXPECT_THAT(status.body, Not(HasSubstr(kImsi)));
  EXPECT_THAT(status.body, Not(HasSubstr(kMsisdn)));
  EXPECT_THAT(status.headers, HasSubstr("Content-Type: application/json"));

  // Police and regulators see the pairing; operators do not.
  for (const char* role : {"police", "regulator"}) {
    Reply detailed = Get(std::string("/v1/imeis/") + kPairedImei, role);
    ASSERT_EQ(detailed.status, 200) << role;
    EXPECT_EQ(json::parse(detailed.body)["registry"]["pairings"][0]["imsi"], kImsi) << role;
  }
  Reply operator_view = Get(std::string("/v1/imeis/") + kPairedImei, "operator");
  ASSERT_EQ(operator_view.status, 200);
  EXPECT_THAT(operator_view.body, Not(HasSubstr(kImsi)));

  // TAC information.
  Reply tac = Get("/v1/tacs/86944302", "operator");
  ASSERT_EQ(tac.status, 200) << tac.body;
  EXPECT_EQ(json::parse(tac.body)["tac"], "86944302");
  EXPECT_EQ(Get("/v1/tacs/00000001", "operator").status, 404);

  // Batch: within and beyond its limit (X-API-Key header).
  json batch = {{"imeis", {kPairedImei, "358819043000034", "not-an-imei"}}};
  WriteFile(dir_.File("batch.json"), batch.dump());
  Reply answered = PostBatch(dir_.File("batch.json"), "operator");
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(json::parse(answered.body)["results"].size(), 3u);
  WriteFile(dir_.File("big.json"),
            json{{"imeis", std::vector<std::string>(1001, kPairedImei)}}.dump());
  Reply too_many = PostBatch(dir_.File("big.json"), "police");
  EXPECT_EQ(too_many.status, 413) << too_many.body;
  EXPECT_THAT(too_many.headers, HasSubstr("application/problem+json"));
  // A body beyond api.max_body_bytes is refused by the server before it is parsed.
  WriteFile(dir_.File("huge.json"), std::string(300'000, ' '));
  EXPECT_EQ(PostBatch(dir_.File("huge.json"), "police").status, 413);

  // The audit trail: regulators only.
  EXPECT_EQ(Get("/v1/audit").status, 401);
  for (const char* role : {"public", "operator", "police"}) {
    EXPECT_EQ(Get("/v1/audit", role).status, 403) << role;
  }
  Reply audit = Get("/v1/audit", "regulator");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(json::parse(audit.body)["entries"].size(), 4u);  // the four keys created

  // A revoked key stops working at once; it never falls back to the public role.
  Run({"apikey", "revoke", std::to_string(ids_["police"])});
  Reply revoked = Get(std::string("/v1/imeis/") + kPairedImei, "police");
  EXPECT_EQ(revoked.status, 401);
  EXPECT_THAT(revoked.headers, HasSubstr("WWW-Authenticate: Bearer"));

  // Unknown paths and methods.
  EXPECT_EQ(Get("/v1/nothing").status, 404);
  Reply wrong = Curl(dir_, "-X DELETE " + Url("/v1/audit"));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_THAT(wrong.headers, HasSubstr("Allow: GET, HEAD"));

  // Keep-alive: two requests on one connection.
  Reply twice = Curl(dir_, Url("/healthz") + " " + Url("/healthz"));
  EXPECT_THAT(twice.trace, HasSubstr("Re-using existing connection"));

  // The public rate limit (burst 3, almost no refill): the next anonymous requests are refused.
  Reply limited;
  for (int i = 0; i < 4 && limited.status != 429; ++i) limited = Get("/v1/tacs/86944302");
  EXPECT_EQ(limited.status, 429);
  EXPECT_THAT(limited.headers, HasSubstr("Retry-After: "));
  EXPECT_EQ(Get("/v1/tacs/86944302", "regulator").status, 200);  // keys of other roles are not

  Reply metrics = Get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_THAT(metrics.body,
              HasSubstr("openceir_api_requests_total{route=\"/v1/audit\",status=\"403\"} 3"));
  EXPECT_THAT(metrics.body, HasSubstr("openceir_api_request_duration_seconds_bucket{"));

  // SIGTERM stops the server cleanly.
  ::kill(server_, SIGTERM);
  ProcessResult stopped = Reap(server_);
  server_ = -1;
  EXPECT_EQ(stopped.exit_code, 0);
  EXPECT_THAT(ReadFile(log_), HasSubstr("event=stopped signal=SIGTERM"));
}

TEST_F(ApiServerTest, RefusesAStoreThatIsNotThere) {
  ProcessResult refused = RunOpenceir(
      {"--config", config_, "--store", dir_.File("missing.db"), "serve", "--listen", "127.0.0.1:0"},
      dir_.path());
  EXPECT_EQ(refused.exit_code, 1) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("db init"));
}

// Raw SQL on the store file, as someone with access to it would run it.
void Sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << statement << ": " << (error != nullptr ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST_F(ApiServerTest, AuditVerifyDetectsAnEditedEntry) {
  Run({"apikey", "revoke", std::to_string(ids_["public"])});
  ProcessResult intact = Run({"audit", "verify"});
  EXPECT_THAT(intact.out, HasSubstr("audit trail intact: 5 entries"));
  Sql(store_, "UPDATE audit_log SET actor = 'user:someone-else' WHERE seq = 2");
  ProcessResult broken = Run({"audit", "verify"}, 1);
  EXPECT_THAT(broken.out, HasSubstr("BROKEN at entry 2"));
  ProcessResult as_json = Run({"audit", "verify", "--json"}, 1);
  EXPECT_EQ(json::parse(as_json.out)["broken_seq"], 2);
}

TEST_F(ApiServerTest, AuditVerifyDetectsADeletedEntry) {
  Sql(store_, "DELETE FROM audit_log WHERE seq = 3");
  ProcessResult broken = Run({"audit", "verify"}, 1);
  EXPECT_THAT(broken.out, HasSubstr("BROKEN at entry 3"));
}

TEST_F(ApiServerTest, AuditVerifyDetectsTheNewestEntryDeleted) {
  Sql(store_, "DELETE FROM audit_log WHERE seq = 4");
  ProcessResult broken = Run({"audit", "verify"}, 1);
  EXPECT_THAT(broken.out, HasSubstr("BROKEN at entry 4"));
  EXPECT_THAT(broken.out, HasSubstr("deleted"));
}

TEST_F(ApiServerTest, ApiKeyCommands) {
  ProcessResult list = Run({"apikey", "list", "--json"});
  json keys = json::parse(list.out);
  ASSERT_EQ(keys.size(), 4u);
  EXPECT_EQ(keys[1]["role"], "operator");
  EXPECT_EQ(keys[1]["operator_id"], "op1");
  EXPECT_THAT(list.out, Not(HasSubstr(keys_["public"])));  // the key itself is never stored
  ProcessResult text = Run({"apikey", "create", "--role", "police", "--name", "hq"});
  EXPECT_THAT(text.out, ::testing::MatchesRegex("oc_[0-9a-f]{64}\n"));
  Run({"apikey", "create", "--role", "operator", "--name", "no operator"}, 1);
  Run({"apikey", "create", "--role", "admin", "--name", "x"}, 2);
  Run({"apikey", "revoke", "99"}, 1);
  Run({"apikey", "revoke", std::to_string(ids_["police"])});
  Run({"apikey", "revoke", std::to_string(ids_["police"])}, 1);
}

}  // namespace
}  // namespace openceir::testing
