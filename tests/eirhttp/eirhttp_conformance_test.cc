// N5g-eir conformance (TS 29.511 / TS 29.571 / TS 29.500) and the node's other HTTP resources,
// through real HTTP/2 clients started as child processes: curl (h2c with prior knowledge, and
// TLS with ALPN h2 against a self-signed certificate made by `openssl req`), nghttp and h2load
// (Debian nghttp2-client). The server runs in this process on ephemeral ports.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "openceir/eirhttp/server.h"
#include "openceir/eirhttp/test_snapshot.h"

extern char** environ;

namespace openceir::eirhttp {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct ToolRun {
  int exit_code = -1;
  std::string out;
};

// Runs argv to its end; stdout captured, stderr to the test log.
ToolRun RunTool(const std::vector<std::string>& args) {
  int pipe_fds[2];
  EXPECT_EQ(::pipe(pipe_fds), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rv = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  ToolRun run;
  if (rv != 0) {
    ::close(pipe_fds[0]);
    ADD_FAILURE() << "cannot start " << args[0];
    return run;
  }
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof(buffer))) > 0;) {
    run.out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Reply {
  int status = 0;
  std::string http_version;
  std::string content_type;
  std::string headers;
  std::string body;
  json Json() const { return json::parse(body); }
};

class EirHttpConformanceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/eirhttp_conformance_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = new std::string(pattern);
    fs::create_directory(*dir_ + "/bundles");
    std::ofstream(*dir_ + "/bundles/full-000007.bundle") << "signed bundle bytes";
    std::ofstream(*dir_ + "/secret.txt") << "outside the bundle folder";
    const ToolRun openssl =
        RunTool({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                 "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", *dir_ + "/key.pem", "-out",
                 *dir_ + "/cert.pem", "-days", "1", "-subj", "/CN=localhost"});
    ASSERT_EQ(openssl.exit_code, 0);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override {
    ServerConfig config;
    config.h2c_listen = {"127.0.0.1:0"};
    config.tls_listen = {"127.0.0.1:0"};
    config.tls_certificate_file = *dir_ + "/cert.pem";
    config.tls_private_key_file = *dir_ + "/key.pem";
    config.bundle_dir = *dir_ + "/bundles";
    config.worker_threads = 2;
    server_ = std::make_unique<Server>(config, holder_, metrics_);
    ASSERT_TRUE(server_->Start().ok());
    h2c_ = "http://127.0.0.1:" + std::to_string(server_->h2c_ports().at(0));
    tls_ = "https://127.0.0.1:" + std::to_string(server_->tls_ports().at(0));
  }

  // curl over h2c (prior knowledge), or over TLS (ALPN h2) when `base` is tls_.
  Reply Curl(const std::string& base, const std::string& target,
             std::vector<std::string> extra = {}) {
    const std::string headers = *dir_ + "/headers.txt";
    const std::string body = *dir_ + "/body.txt";
    fs::remove(body);  // curl writes no file for an answer without a body (304)
    std::vector<std::string> args = {
        "curl", "-sS",   "--path-as-is",
        "-D",   headers, "-o",
        body,   "-w",    "%{http_code} %{http_version} %{content_type}"};
    if (base == tls_) {
      args.insert(args.end(), {"--http2", "-k"});
    } else {
      args.push_back("--http2-prior-knowledge");
    }
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(base + target);
    const ToolRun run = RunTool(args);
    EXPECT_EQ(run.exit_code, 0) << target;
    Reply reply;
    std::istringstream summary(run.out);
    summary >> reply.status >> reply.http_version >> reply.content_type;
    reply.headers = ReadText(headers);
    reply.body = ReadText(body);
    return reply;
  }

  Reply N5g(const std::string& query, const std::string& base = {}) {
    return Curl(base.empty() ? h2c_ : base, "/n5g-eir-eic/v1/equipment-status?" + query);
  }

  static std::string* dir_;
  eir::SnapshotHolder holder_{testing::MakeTestSnapshot()};
  eir::EirMetrics metrics_;
  std::unique_ptr<Server> server_;
  std::string h2c_;
  std::string tls_;
};

std::string* EirHttpConformanceTest::dir_ = nullptr;

std::string Pei(std::string_view imei) { return "pei=imei-" + std::string(imei); }

TEST_F(EirHttpConformanceTest, StatusValuesOverH2cAndTls) {
  struct Case {
    std::string query;
    const char* status;
  };
  const Case cases[] = {
      {Pei(testing::kBlacklistedImei), "BLACKLISTED"},
      {Pei(testing::kGreylistedImei), "GREYLISTED"},
      {Pei(testing::kWhitelistedImei), "WHITELISTED"},
      {Pei(testing::kPairedImei), "BLACKLISTED"},
      {Pei(testing::kPairedImei) + "&supi=imsi-" + std::string(testing::kPairedImsi),
       "WHITELISTED"},
      {"pei=imeisv-" + std::string(testing::kBlacklistedImei.substr(0, 14)) + "12" +
           "&gpsi=msisdn-4915112345678&supported-features=1f",
       "BLACKLISTED"},
      {"pei=imei%2D" + std::string(testing::kBlacklistedImei), "BLACKLISTED"},  // encoded '-'
  };
  for (const std::string& base : {h2c_, tls_}) {
    for (const Case& c : cases) {
      const Reply reply = N5g(c.query, base);
      EXPECT_EQ(reply.status, 200) << base << " " << c.query;
      EXPECT_EQ(reply.http_version, "2") << base;
      EXPECT_EQ(reply.content_type, "application/json") << c.query;
      EXPECT_EQ(reply.Json(), json({{"status", c.status}})) << base << " " << c.query;
    }
  }
}

TEST_F(EirHttpConformanceTest, EveryErrorCauseWithProblemDetails) {
  struct Case {
    std::string query;
    int status;
    const char* cause;
    const char* param;  // nullptr: no invalidParams
  };
  const std::string good = Pei(testing::kWhitelistedImei);
  const Case cases[] = {
      {"", 400, "MANDATORY_QUERY_PARAM_MISSING", "pei"},
      {"supi=imsi-310150123456789", 400, "MANDATORY_QUERY_PARAM_MISSING", "pei"},
      {"pei=imei-35209900176148", 400, "MANDATORY_QUERY_PARAM_INCORRECT", "pei"},
      {"pei=imei-3520990017614812", 400, "MANDATORY_QUERY_PARAM_INCORRECT", "pei"},
      {"pei=imei-35209900176A481", 400, "MANDATORY_QUERY_PARAM_INCORRECT", "pei"},
      {"pei=imeisv-352099001761481", 400, "MANDATORY_QUERY_PARAM_INCORRECT", "pei"},
      {"pei=esn-352099001761481", 400, "MANDATORY_QUERY_PARAM_INCORRECT", "pei"},
      {"pei=352099001761481", 400, "MANDATORY_QUERY_PARAM_INCORRECT", "pei"},
      {"pei=imei-%335209900176148", 400, "MANDATORY_QUERY_PARAM_INCORRECT", "pei"},
      {"pei=imei-35209900176148%2", 400, "MANDATORY_QUERY_PARAM_INCORRECT", "pei"},
      {good + "&supi=imsi-12", 400, "OPTIONAL_QUERY_PARAM_INCORRECT", "supi"},
      {good + "&gpsi=msisdn-12ab", 400, "OPTIONAL_QUERY_PARAM_INCORRECT", "gpsi"},
      {good + "&supported-features=xyz", 400, "OPTIONAL_QUERY_PARAM_INCORRECT",
       "supported-features"},
      {good + "&imsi=310150123456789", 400, "INVALID_QUERY_PARAM", "imsi"},
      {Pei(testing::kTestTacImei), 404, "ERROR_EQUIPMENT_UNKNOWN", nullptr},
      {"pei=mac-00-11-22-33-44-55", 404, "ERROR_EQUIPMENT_UNKNOWN", nullptr},
  };
  for (const Case& c : cases) {
    const Reply reply = N5g(c.query);
    EXPECT_EQ(reply.status, c.status) << c.query;
    EXPECT_EQ(reply.content_type, "application/problem+json") << c.query;
    const json body = reply.Json();
    ASSERT_TRUE(body.contains("status") && body.contains("cause")) << c.query << " " << body;
    EXPECT_EQ(body["status"], c.status) << c.query;
    EXPECT_EQ(body["cause"], c.cause) << c.query;
    if (c.param != nullptr) {
      ASSERT_EQ(body["invalidParams"].size(), 1u) << c.query;
      EXPECT_EQ(body["invalidParams"][0]["param"], c.param) << c.query;
    } else {
      EXPECT_FALSE(body.contains("invalidParams")) << c.query;
    }
  }
}

TEST_F(EirHttpConformanceTest, OtherMethodsAndPaths) {
  const Reply post =
      Curl(h2c_, "/n5g-eir-eic/v1/equipment-status?" + Pei(testing::kBlacklistedImei),
           {"-X", "POST", "--data", "{}"});
  EXPECT_EQ(post.status, 405);
  EXPECT_NE(post.headers.find("allow: GET"), std::string::npos) << post.headers;
  const Reply other =
      Curl(h2c_, "/n5g-eir-eic/v1/equipment-status/x?" + Pei(testing::kBlacklistedImei));
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.content_type, "application/problem+json");
}

TEST_F(EirHttpConformanceTest, NghttpClientGetsTheSameAnswers) {
  const ToolRun run =
      RunTool({"nghttp", "-n", "-s",
               h2c_ + "/n5g-eir-eic/v1/equipment-status?" + Pei(testing::kGreylistedImei)});
  EXPECT_EQ(run.exit_code, 0);
  const ToolRun body = RunTool(
      {"nghttp", h2c_ + "/n5g-eir-eic/v1/equipment-status?" + Pei(testing::kGreylistedImei)});
  EXPECT_EQ(body.out, R"({"status":"GREYLISTED"})");
}

TEST_F(EirHttpConformanceTest, RestCheckAnswersWithBasisAndReasons) {
  const Reply reply = Curl(h2c_, "/v1/eir/check?imei=" + std::string(testing::kBlacklistedImei));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Json(), json({{"imei", testing::kBlacklistedImei},
                                {"status", "BLACKLISTED"},
                                {"basis", "blacklist"},
                                {"block_date", "2024-05-01"},
                                {"reasons", {"duplicate", "stolen"}}}));
  const Reply bad = Curl(tls_, "/v1/eir/check?imsi=310150123456789");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["cause"], "MANDATORY_QUERY_PARAM_MISSING");
}

TEST_F(EirHttpConformanceTest, MetricsCountEveryAnswer) {
  for (int i = 0; i < 3; ++i) N5g(Pei(testing::kBlacklistedImei));
  N5g("pei=imei-1");
  Curl(h2c_, "/v1/eir/check?imei=" + std::string(testing::kGreylistedImei));
  const Reply metrics = Curl(h2c_, "/metrics");
  EXPECT_EQ(metrics.status, 200);
  for (const char* line :
       {"openceir_eir_answers_total{interface=\"n5g\",answer=\"blacklisted\"} 3\n",
        "openceir_eir_answers_total{interface=\"n5g\",answer=\"bad_request\"} 1\n",
        "openceir_eir_answers_total{interface=\"rest\",answer=\"greylisted\"} 1\n",
        "openceir_eir_answer_latency_microseconds_count{interface=\"n5g\"} 4\n"}) {
    EXPECT_NE(metrics.body.find(line), std::string::npos) << line << metrics.body;
  }
  const Reply health = Curl(tls_, "/healthz");
  EXPECT_EQ(health.Json()["snapshot_version"], 7);
}

TEST_F(EirHttpConformanceTest, BundleFilesWithEtagAndNoTraversal) {
  const Reply first = Curl(h2c_, "/bundles/full-000007.bundle");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "signed bundle bytes");
  const std::size_t at = first.headers.find("etag: ");
  ASSERT_NE(at, std::string::npos) << first.headers;
  const std::string etag = first.headers.substr(at + 6, first.headers.find('\r', at) - at - 6);
  const Reply again = Curl(tls_, "/bundles/full-000007.bundle", {"-H", "If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(Curl(h2c_, "/bundles/full-000007.bundle", {"-H", "If-None-Match: \"old\""}).status,
            200);
  EXPECT_EQ(Curl(h2c_, "/bundles/../secret.txt").status, 400);
  EXPECT_EQ(Curl(h2c_, "/bundles/%2e%2e%2fsecret.txt").status, 400);
  EXPECT_EQ(Curl(h2c_, "/bundles/missing.bundle").status, 404);
}

TEST_F(EirHttpConformanceTest, SnapshotSwapsUnderLoadFailNoRequest) {
  const std::string url =
      h2c_ + "/n5g-eir-eic/v1/equipment-status?" + Pei(testing::kBlacklistedImei);
  std::atomic<bool> done{false};
  std::atomic<int> swaps{0};
  std::thread swapper([&] {
    const auto a = testing::MakeTestSnapshot();
    const auto b = testing::MakeTestSnapshot();
    while (!done.load()) {
      holder_.Replace(swaps.load() % 2 == 0 ? a : b);
      swaps.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  const ToolRun h2load = RunTool({"h2load", "-n", "20000", "-c", "4", "-m", "16", url});
  done.store(true);
  swapper.join();
  EXPECT_EQ(h2load.exit_code, 0);
  EXPECT_NE(h2load.out.find("20000 succeeded, 0 failed, 0 errored, 0 timeout"), std::string::npos)
      << h2load.out;
  EXPECT_NE(h2load.out.find("status codes: 20000 2xx"), std::string::npos) << h2load.out;
  EXPECT_GT(swaps.load(), 1);
}

TEST_F(EirHttpConformanceTest, GracefulShutdownFinishesADownloadInFlight) {
  // 16 MiB read at 4 MiB/s: still downloading when Stop() begins.
  const std::string big = *dir_ + "/bundles/big.bundle";
  {
    std::ofstream out(big, std::ios::binary);
    const std::string block(1 << 20, 'b');
    for (int i = 0; i < 16; ++i) out << block;
  }
  const std::string copy = *dir_ + "/big.copy";
  const std::string status_file = *dir_ + "/curl.status";
  std::thread download([&] {
    const ToolRun run = RunTool({"curl", "-sS", "--http2-prior-knowledge", "--limit-rate", "4M",
                                 "-o", copy, "-w", "%{http_code}", h2c_ + "/bundles/big.bundle"});
    std::ofstream(status_file) << run.exit_code << " " << run.out;
  });
  while (!fs::exists(copy) || fs::file_size(copy) == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  server_->Stop();  // blocks until the stream in flight has finished
  download.join();
  EXPECT_EQ(ReadText(status_file), "0 200");
  EXPECT_EQ(fs::file_size(copy), 16u << 20);
  EXPECT_EQ(server_->open_connections(), 0u);
  // Nothing listens any more.
  const ToolRun refused = RunTool({"curl", "-sS", "--http2-prior-knowledge", h2c_ + "/healthz"});
  EXPECT_EQ(refused.exit_code, 7);  // CURLE_COULDNT_CONNECT
  fs::remove(big);
}

}  // namespace
}  // namespace openceir::eirhttp
