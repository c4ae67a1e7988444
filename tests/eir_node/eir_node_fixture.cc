// The country and process helpers of eir_node_fixture.h.
#include "tests/eir_node/eir_node_fixture.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "openceir/base/clock.h"
#include "openceir/base/date.h"
#include "openceir/identifiers/imei.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::testing {

namespace {

std::string Digits(int value, int width) {
  std::string text = std::to_string(value);
  return std::string(static_cast<std::size_t>(width) - text.size(), '0') + text;
}

store::JobId Classify(store::RegistryStore& registry, const char* date,
                      const std::vector<store::ConditionSpec>& conditions,
                      const std::vector<std::pair<std::uint32_t, std::string>>& matches) {
  store::JobStart start;
  start.command = "classify";
  start.pid = ::getpid();
  auto id = registry.StartJob(start);
  EXPECT_TRUE(id.ok());
  auto run = registry.BeginClassificationRun(*id, *ParseYyyymmdd(date), conditions);
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  std::vector<store::ConditionMatch> staged;
  for (const auto& [condition, imei] : matches) staged.push_back({condition, imei, {}});
  EXPECT_TRUE((*run)->AddMatches(staged).ok());
  auto record = (*run)->Commit(3 * kPerGroup, store::JobCounts{});  // IMEIs seen
  EXPECT_TRUE(record.ok()) << record.status().ToString();
  return record.ok() ? record->run : 0;
}

constexpr char kConfig[] = R"(region:
  name: Eirland
  country_codes: ["999"]
  mccs: ["999"]
  operators:
    - id: op1
      name: One
      mcc_mncs: ["99901"]
    - id: op2
      name: Two
      mcc_mncs: ["99902"]
store:
  path: openceir.db
)";

}  // namespace

std::string ImeiOf(Group group, int i) {
  return "35" + Digits(static_cast<int>(group), 2) + "0000" + Digits(i, 6);
}
std::string Op1ImsiOf(Group group, int i) {
  return "99901" + Digits(static_cast<int>(group), 2) + Digits(i, 8);
}
std::string Op2ImsiOf(Group group, int i) {
  return "99902" + Digits(static_cast<int>(group), 2) + Digits(i, 8);
}

ProcessResult RunCli(const Country& country, std::vector<std::string> args) {
  args.insert(args.begin(), {"--config", country.config, "--store", country.store});
  return RunOpenceir(args, country.dir.path());
}

void MakeCountry(Country* c) {
  c->config = c->dir.File("openceir.yaml");
  c->store = c->dir.File("openceir.db");
  WriteFile(c->config, kConfig);
  ProcessResult init = RunCli(*c, {"db", "init"});
  ASSERT_EQ(init.exit_code, 0) << init.err;

  // Pairings: the even IMEIs of the notified and blacklisted groups with their op1 owner.
  std::string pairing = "imei,imsi,msisdn\n";
  std::string data = "date,imei,imsi,msisdn,rat\n";
  for (Group group : {Group::kNotified, Group::kBlacklisted, Group::kLateBlacklisted}) {
    for (int i = 0; i < kPerGroup; ++i) {
      const std::string msisdn = "9991" + Digits(static_cast<int>(group), 2) + Digits(i, 6);
      if (group != Group::kLateBlacklisted && i % 2 == 0) {
        pairing += ImeiOf(group, i) + "," + Op1ImsiOf(group, i) + "," + msisdn + "\n";
      }
      for (int day = 10; day <= 20; ++day) {
        const std::string date = "202601" + std::to_string(day);
        data += date + "," + ImeiOf(group, i) + "," + Op1ImsiOf(group, i) + "," + msisdn + ",006\n";
        // A clone on an op2 SIM: notified to op2 while the IMEI is only tracked.
        data += date + "," + ImeiOf(group, i) + "," + Op2ImsiOf(group, i) + ",9992" +
                Digits(static_cast<int>(group), 2) + Digits(i, 6) + ",006\n";
      }
    }
  }
  WriteFile(c->dir.File("pairing.csv"), pairing);
  ProcessResult paired = RunCli(*c, {"import", "pairing", c->dir.File("pairing.csv")});
  ASSERT_EQ(paired.exit_code, 0) << paired.err;
  WriteFile(c->dir.File("op1_20260101_20260131.csv"), data);
  ProcessResult imported =
      RunCli(*c, {"import", "operator", "op1", c->dir.File("op1_20260101_20260131.csv"),
                  "--no-check-non-home-network"});
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;

  SystemClock clock;
  {
    auto registry = store::OpenSqliteRegistryStore(c->store, &clock);
    ASSERT_TRUE(registry.ok()) << registry.status().ToString();
    std::vector<store::ConditionSpec> conditions(2);
    conditions[0].label = "duplicate_threshold";
    conditions[0].reason = "Duplicate IMEI";
    conditions[0].grace_period_days = 30;
    conditions[1].label = "gsma_not_found";
    conditions[1].reason = "TAC not found";
    std::vector<std::pair<std::uint32_t, std::string>> first, second;
    for (int i = 0; i < kPerGroup; ++i) {
      first.push_back({0, ImeiOf(Group::kNotified, i)});
      first.push_back({1, ImeiOf(Group::kBlacklisted, i)});
      second.push_back({0, ImeiOf(Group::kNotified, i)});
      second.push_back({1, ImeiOf(Group::kBlacklisted, i)});
      second.push_back({1, ImeiOf(Group::kLateBlacklisted, i)});
    }
    c->run1 = Classify(**registry, "20260201", conditions, first);
    c->run2 = Classify(**registry, "20260215", conditions, second);
    ASSERT_GT(c->run2, c->run1);
  }

  c->lists = c->dir.File("lists");
  std::filesystem::create_directories(c->lists);
  for (auto [run, folder, date] :
       {std::tuple{c->run1, &c->lists1, "20260201"}, std::tuple{c->run2, &c->lists2, "20260215"}}) {
    ProcessResult lists = RunCli(*c, {"lists", c->lists, "--run", std::to_string(run)});
    ASSERT_EQ(lists.exit_code, 0) << lists.err;
    *folder = c->lists + "/listgen__" + date + "_000000__classid_" + std::to_string(run);
    ASSERT_TRUE(std::filesystem::exists(*folder + "/manifest.json")) << lists.out;
  }

  c->secret_key = c->dir.File("central.key");
  c->public_key = c->dir.File("central.pub");
  c->other_secret_key = c->dir.File("other.key");
  c->other_public_key = c->dir.File("other.pub");
  for (auto [secret, pub] : {std::pair{c->secret_key, c->public_key},
                             std::pair{c->other_secret_key, c->other_public_key}}) {
    ProcessResult keygen = RunCli(*c, {"keygen", secret, pub});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
  }
}

Node StartNode(const Country& country, const std::string& name, std::vector<std::string> args) {
  args.insert(args.begin(), "--no-diameter");
  return StartNodeWithConfig(country, name, country.config, std::move(args));
}

Node StartNodeWithConfig(const Country& country, const std::string& name, const std::string& config,
                         std::vector<std::string> args) {
  Node node;
  node.log = country.dir.File(name + ".log");
  args.insert(args.begin(), {"--config", config, "eir", "--listen", "127.0.0.1:0", "--state-dir",
                             country.dir.File(name + "-state")});
  std::filesystem::remove(node.log);  // a restarted node: wait for its own lines only
  ProcessOptions options;
  options.cwd = country.dir.path();
  options.stderr_path = node.log;
  options.stdout_path = country.dir.File(name + ".out");
  node.pid = StartOpenceir(args, options);
  if (!WaitForLog(node, "event=started")) {
    ADD_FAILURE() << name << " did not start:\n" << ReadFile(node.log);
    return node;
  }
  const std::string log = ReadFile(node.log);
  const std::size_t at = log.find("tls=false address=127.0.0.1:0 port=");
  if (at != std::string::npos) {
    node.port =
        std::stoi(log.substr(at + std::string("tls=false address=127.0.0.1:0 port=").size()));
  }
  EXPECT_GT(node.port, 0) << log;
  return node;
}

namespace {

void KillNode(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGKILL);
  Reap(pid);
}

}  // namespace

Node& Node::operator=(Node&& other) noexcept {
  if (this != &other) {
    KillNode(pid);
    pid = std::exchange(other.pid, -1);
    log = std::move(other.log);
    port = other.port;
  }
  return *this;
}

Node::~Node() { KillNode(pid); }

int StopNode(Node& node) {
  if (node.pid <= 0) return -1;
  ::kill(node.pid, SIGTERM);
  ProcessResult result = Reap(node.pid);
  node.pid = -1;
  return result.exit_code;
}

int CountInLog(const Node& node, const std::string& text) {
  const std::string log = ReadFile(node.log);
  int count = 0;
  for (std::size_t at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) {
    ++count;
  }
  return count;
}

bool WaitForLog(const Node& node, const std::string& text, int count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (std::chrono::steady_clock::now() < deadline) {
    if (CountInLog(node, text) >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

Reply Curl(const std::string& url) {
  const std::string command =
      "curl -s --http2-prior-knowledge -w '\\n%{http_code}' '" + url + "' 2>/dev/null";
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
  return reply;
}

std::string AskN5g(const Node& node, const std::string& imei, const std::string& imsi) {
  std::string url =
      node.url() + "/n5g-eir-eic/v1/equipment-status?pei=imei-" + identifiers::AppendLuhn(imei);
  if (!imsi.empty()) url += "&supi=imsi-" + imsi;
  const Reply reply = Curl(url);
  if (reply.status == 200) {
    auto json = nlohmann::json::parse(reply.body, nullptr, false);
    if (json.is_object() && json.contains("status")) return json["status"].get<std::string>();
  }
  return "HTTP " + std::to_string(reply.status);
}

}  // namespace openceir::testing
