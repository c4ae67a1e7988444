// The EIR node end to end, with real processes: a bundle published from a real lists run agrees
// with every row of its CSV lists; a central node (`openceir eir --bundle-dir`) and two EIR nodes
// syncing from it answer over HTTP/2 before and after a new run is published (no restart); a bad
// signature and a truncated file are refused while the node keeps answering from its last good
// snapshot; snapshots swap under h2load load with no failed request; audit-eir finds a planted
// disagreement and none on an agreeing node; SIGTERM stops a node cleanly.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "openceir/bundle/bundle_applier.h"
#include "openceir/bundle/lists_input.h"
#include "openceir/bundle/publisher.h"
#include "openceir/bundle/signing_key.h"
#include "openceir/identifiers/imei.h"
#include "openceir/io/zip_reader.h"
#include "tests/eir_node/eir_node_fixture.h"

namespace openceir::testing {
namespace {

namespace fs = std::filesystem;
using eir::EquipmentStatus;

class EirNodeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    country_ = new Country();
    MakeCountry(country_);
  }
  static void TearDownTestSuite() {
    delete country_;
    country_ = nullptr;
  }
  void SetUp() override { ASSERT_GT(country_->run2, 0) << "the country was not built"; }
  const Country& country() const { return *country_; }

  // `openceir lists publish LISTS BUNDLES --key KEY` (exit code checked).
  void Publish(const std::string& lists, const std::string& bundles, const std::string& key = "") {
    ProcessResult publish = RunCli(country(), {"lists", "publish", lists, bundles, "--key",
                                               key.empty() ? country().secret_key : key});
    ASSERT_EQ(publish.exit_code, 0) << publish.out << publish.err;
  }

  static Country* country_;
};

Country* EirNodeTest::country_ = nullptr;

// Written aside and renamed, as publishing does: a node never reads half a file.
void ReplaceFile(const std::string& path, const std::string& text) {
  WriteFile(path + ".tmp", text);
  fs::rename(path + ".tmp", path);
}

// The count of a sync failure reason in a node's /metrics.
int SyncFailures(const Node& node, const std::string& reason) {
  const Reply metrics = Curl(node.url() + "/metrics");
  std::smatch match;
  const std::regex line("openceir_eir_sync_failures_total\\{reason=\"" + reason + "\"\\} (\\d+)");
  return std::regex_search(metrics.body, match, line) ? std::stoi(match[1]) : -1;
}

// CSV rows of every member of the zips of `folder` whose name ends with `suffix`-like pattern.
std::vector<std::vector<std::string>> CsvRows(const std::string& folder, const std::regex& member) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".zip") continue;
    auto members = io::ReadZipEntries(entry.path().string());
    EXPECT_TRUE(members.ok()) << members.status().ToString();
    if (!members.ok()) continue;
    for (const auto& file : *members) {
      if (!std::regex_match(file.name, member)) continue;
      std::istringstream lines(file.bytes);
      std::string line;
      std::getline(lines, line);  // header
      while (std::getline(lines, line)) {
        EXPECT_EQ(line.find('"'), std::string::npos) << "quoted field: " << line;
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos;
             start = comma + 1) {
          fields.push_back(line.substr(start, comma - start));
        }
        fields.push_back(line.substr(start));
        rows.push_back(std::move(fields));
      }
    }
  }
  return rows;
}

TEST_F(EirNodeTest, BundleAgreesWithEveryRowOfTheRunsCsvLists) {
  TempDir bundles;
  Publish(country().lists2, bundles.path());
  auto key = bundle::LoadPublicKey(country().public_key);
  ASSERT_TRUE(key.ok());
  bundle::BundleApplier node({*key, bundles.path() + "/node", {}});
  bundle::DirectorySource source(bundles.path());
  bundle::ApplyOutcome outcome;
  bundle::ApplyError error;
  ASSERT_TRUE(node.ApplyLatest(source, &outcome, &error)) << error.status.ToString();
  const eir::DecisionSnapshot& snapshot = *outcome.snapshot;

  // FORMATS.md: blocked if on the blacklist and the pair is not an exception; tracked if
  // notified; otherwise permitted. The lists are the run's full CSVs (not the deltas).
  const auto blacklist = CsvRows(country().lists2, std::regex(R"(\d{8}_\d{6}_blacklist\.csv)"));
  const auto notified =
      CsvRows(country().lists2, std::regex(R"(\d{8}_\d{6}_notifications_op\d\.csv)"));
  const auto exceptions =
      CsvRows(country().lists2, std::regex(R"(\d{8}_\d{6}_exceptions_op\d\.csv)"));
  ASSERT_EQ(blacklist.size(), 2u * kPerGroup);  // the blacklisted and late groups
  ASSERT_FALSE(notified.empty());
  ASSERT_FALSE(exceptions.empty());
  std::set<std::string> blacklisted;
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& row : blacklist) blacklisted.insert(row[0].substr(0, 14));
  for (const auto& row : exceptions) pairs.insert({row[0].substr(0, 14), row[1]});

  for (const auto& row : blacklist) {  // imei,block_date,reasons
    const eir::Decision decision = snapshot.Decide({row[0], std::nullopt});
    EXPECT_EQ(decision.status, EquipmentStatus::kBlacklisted) << row[0];
    EXPECT_EQ(decision.block_date, static_cast<std::uint32_t>(std::stoul(row[1]))) << row[0];
    EXPECT_EQ(decision.reasons, row[2]) << row[0];
  }
  for (const auto& row : notified) {  // imei,imsi,msisdn,block_date,reasons
    const std::string imei = row[0].substr(0, 14);
    const eir::Decision decision = snapshot.Decide({row[0], row[1]});
    const EquipmentStatus expected = pairs.contains({imei, row[1]}) ? EquipmentStatus::kWhitelisted
                                     : blacklisted.contains(imei)   ? EquipmentStatus::kBlacklisted
                                                                    : EquipmentStatus::kGreylisted;
    EXPECT_EQ(decision.status, expected) << row[0] << " " << row[1];
    if (expected == EquipmentStatus::kGreylisted) {
      EXPECT_EQ(decision.block_date, static_cast<std::uint32_t>(std::stoul(row[3]))) << row[0];
    }
  }
  for (const auto& row : exceptions) {  // imei,imsi,msisdn: the pair keeps working
    EXPECT_EQ(snapshot.Decide({row[0], row[1]}).status, EquipmentStatus::kWhitelisted)
        << row[0] << " " << row[1];
    if (blacklisted.contains(row[0].substr(0, 14))) {  // ... but not another SIM
      EXPECT_EQ(snapshot.Decide({row[0], "999020000000000"}).status, EquipmentStatus::kBlacklisted);
    }
  }
  EXPECT_EQ(snapshot.blacklisted_count(), blacklisted.size());
  EXPECT_EQ(snapshot.exception_pair_count(), pairs.size());
}

TEST_F(EirNodeTest, NodesSyncFromTheCentralNodeRefuseBadBundlesAndStopCleanly) {
  TempDir work;
  const std::string published = work.File("published");  // the publisher's own folder
  const std::string served = work.File("served");        // what the central node serves
  fs::create_directories(served);
  Publish(country().lists1, published);
  fs::copy(published, served, fs::copy_options::recursive);

  Node central = StartNode(country(), "central", {"--bundle-dir", served});
  ASSERT_GT(central.port, 0);
  const std::string sync_url = central.url() + "/bundles";
  std::vector<Node> nodes;
  for (const char* name : {"node1", "node2"}) {
    nodes.push_back(
        StartNode(country(), name,
                  {"--sync", sync_url, "--trust", country().public_key, "--poll-interval", "0.1"}));
    ASSERT_GT(nodes.back().port, 0);
  }
  const std::string late = ImeiOf(Group::kLateBlacklisted, 3);
  for (const Node& node : nodes) {
    ASSERT_TRUE(WaitForLog(node, "event=sync outcome=applied sequence=1")) << ReadFile(node.log);
    EXPECT_EQ(AskN5g(node, ImeiOf(Group::kBlacklisted, 1)), "BLACKLISTED");
    EXPECT_EQ(AskN5g(node, ImeiOf(Group::kBlacklisted, 2), Op1ImsiOf(Group::kBlacklisted, 2)),
              "WHITELISTED");  // the paired owner
    EXPECT_EQ(AskN5g(node, ImeiOf(Group::kNotified, 1)), "GREYLISTED");
    EXPECT_EQ(AskN5g(node, late), "WHITELISTED");
  }

  // Run 2 published: the late group becomes blacklisted on both nodes without a restart.
  Publish(country().lists2, published);
  fs::copy(published + "/2", served + "/2", fs::copy_options::recursive);
  ReplaceFile(served + "/latest", "2\n");
  for (const Node& node : nodes) {
    ASSERT_TRUE(WaitForLog(node, "event=sync outcome=applied sequence=2 from_delta=true"))
        << ReadFile(node.log);
    EXPECT_EQ(AskN5g(node, late), "BLACKLISTED");
    EXPECT_EQ(::kill(node.pid, 0), 0);  // the same process
  }

  // A bundle 3 whose manifest was altered after signing: refused (signature), still answering.
  Node& node1 = nodes[0];
  const std::string staging = work.File("staging");
  fs::copy(published + "/2", staging, fs::copy_options::recursive);
  {
    std::string manifest = ReadFile(staging + "/manifest.json");
    const std::size_t at = manifest.find("\"sequence\": 2,");
    ASSERT_NE(at, std::string::npos) << manifest;
    manifest.replace(at, 13, "\"sequence\": 3");
    WriteFile(staging + "/manifest.json", manifest);
  }
  fs::rename(staging, served + "/3");
  ReplaceFile(served + "/latest", "3\n");
  ASSERT_TRUE(WaitForLog(node1, "reason=\"signature: bundle 3")) << ReadFile(node1.log);
  EXPECT_EQ(AskN5g(node1, late), "BLACKLISTED");
  EXPECT_GE(SyncFailures(node1, "signature"), 1);

  // The real bundle 3 (run 1 again: the late group unlisted), truncated in transit: refused
  // (integrity), still answering from bundle 2; then whole: applied.
  Publish(country().lists1, published);
  fs::copy(published + "/3", staging, fs::copy_options::recursive);
  for (const auto& entry : fs::directory_iterator(staging)) {
    if (entry.path().extension() == ".zst") fs::resize_file(entry.path(), 10);
  }
  fs::rename(served + "/3", work.File("bad-signature"));
  fs::rename(staging, served + "/3");
  ASSERT_TRUE(WaitForLog(node1, "reason=\"integrity: ")) << ReadFile(node1.log);
  EXPECT_EQ(AskN5g(node1, late), "BLACKLISTED");
  EXPECT_GE(SyncFailures(node1, "integrity"), 1);
  fs::copy(published + "/3", staging, fs::copy_options::recursive);
  fs::rename(served + "/3", work.File("truncated"));
  fs::rename(staging, served + "/3");
  for (const Node& node : nodes) {
    ASSERT_TRUE(WaitForLog(node, "event=sync outcome=applied sequence=3")) << ReadFile(node.log);
    EXPECT_EQ(AskN5g(node, late), "WHITELISTED");
  }

  // A restarted node answers from its state folder before it reaches the central node.
  EXPECT_EQ(StopNode(central), 0) << ReadFile(central.log);
  EXPECT_EQ(StopNode(nodes[1]), 0);
  Node restarted =
      StartNode(country(), "node2", {"--sync", sync_url, "--trust", country().public_key});
  EXPECT_GE(CountInLog(restarted, "event=load_local outcome=applied sequence=3"), 1)
      << ReadFile(restarted.log);
  EXPECT_EQ(AskN5g(restarted, ImeiOf(Group::kBlacklisted, 1)), "BLACKLISTED");
  for (Node* node : {&nodes[0], &restarted}) {
    EXPECT_EQ(StopNode(*node), 0) << ReadFile(node->log);
    EXPECT_GE(CountInLog(*node, "event=stopped"), 1);
  }
}

TEST_F(EirNodeTest, AuditFindsAPlantedDisagreementAndNoneOnAnAgreeingNode) {
  TempDir work;
  const std::string current = work.File("current");  // bundles of run 2
  const std::string stale = work.File("stale");      // run 1 only
  Publish(country().lists2, current);
  Publish(country().lists1, stale);
  Node central = StartNode(country(), "audit-central", {"--bundle-dir", current});
  Node old_central = StartNode(country(), "audit-old-central", {"--bundle-dir", stale});
  Node agreeing =
      StartNode(country(), "audit-agreeing",
                {"--sync", central.url() + "/bundles", "--trust", country().public_key});
  Node behind =
      StartNode(country(), "audit-behind",
                {"--sync", old_central.url() + "/bundles", "--trust", country().public_key});
  // Trusts another key: refuses every bundle and keeps its empty snapshot.
  Node untrusting =
      StartNode(country(), "audit-untrusting",
                {"--sync", central.url() + "/bundles", "--trust", country().other_public_key});
  ASSERT_TRUE(WaitForLog(agreeing, "event=sync outcome=applied sequence=1"));
  ASSERT_TRUE(WaitForLog(behind, "event=sync outcome=applied sequence=1"));
  ASSERT_TRUE(WaitForLog(untrusting, "reason=\"signature: "));

  // Against the newest lists run (run 2) of the folder `openceir lists` writes into.
  ProcessResult clean = RunCli(country(), {"audit-eir", agreeing.url(), "--sample", "40", "--lists",
                                           country().lists, "--json"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  auto report = nlohmann::json::parse(clean.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << clean.out;
  EXPECT_EQ(report["asked"], 40);
  EXPECT_EQ(report["classification_run"], country().run2);
  EXPECT_TRUE(report["disagreements"].empty()) << clean.out;

  // The node behind holds run 1: the late group, blacklisted by run 2, is still allowed there.
  ProcessResult older =
      RunCli(country(), {"audit-eir", behind.url(), "--sample", "200", "--lists", country().lists});
  EXPECT_EQ(older.exit_code, 1) << older.out << older.err;
  EXPECT_NE(older.out.find("imei " + identifiers::AppendLuhn(ImeiOf(Group::kLateBlacklisted, 0)) +
                           " (blacklisted): lists say BLACKLISTED, node answered WHITELISTED"),
            std::string::npos)
      << older.out;
  EXPECT_NE(older.out.find(std::to_string(kPerGroup) + " disagreements"), std::string::npos)
      << older.out;

  ProcessResult empty = RunCli(country(), {"audit-eir", untrusting.url(), "--sample", "40",
                                           "--lists", country().lists, "--json"});
  EXPECT_EQ(empty.exit_code, 1) << empty.out << empty.err;
  auto found = nlohmann::json::parse(empty.out, nullptr, false);
  ASSERT_TRUE(found.is_object()) << empty.out;
  bool blacklisted_missed = false;
  for (const auto& d : found["disagreements"]) {
    blacklisted_missed |= d["category"] == "blacklisted" && d["expected"] == "BLACKLISTED" &&
                          d["answered"] == "WHITELISTED";
  }
  EXPECT_TRUE(blacklisted_missed) << empty.out;

  for (Node* node : {&agreeing, &behind, &untrusting, &central, &old_central}) {
    EXPECT_EQ(StopNode(*node), 0);
  }
}

// S13 when the configuration has a diameter section: Debian's freeDiameterd with the s13_peer
// extension asks the node (synced from a central node) over loopback TCP.
TEST_F(EirNodeTest, S13AnswersFromTheSyncedSnapshot) {
  TempDir work;
  const std::string bundles = work.File("bundles");
  Publish(country().lists2, bundles);
  Node central = StartNode(country(), "s13-central", {"--bundle-dir", bundles});
  for (const char* identity : {"eir.localdomain", "mme.localdomain"}) {
    const std::string command = std::string("openssl req -x509 -newkey rsa:2048 -nodes -days 2 ") +
                                "-subj /CN=" + identity + " -keyout " + work.File(identity) +
                                ".key -out " + work.File(identity) + ".pem 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }
  const int eir_port = 20000 + static_cast<int>(::getpid() % 20000);
  const std::string config = work.File("node.yaml");
  WriteFile(config, ReadFile(country().config) +
                        "eir:\n  diameter:\n    identity: eir.localdomain\n"
                        "    realm: localdomain\n    listen_address: 127.0.0.1\n"
                        "    port: " +
                        std::to_string(eir_port) +
                        "\n"
                        "    tls_certificate_file: eir.localdomain.pem\n"
                        "    tls_private_key_file: eir.localdomain.key\n"
                        "    allowed_peers: [mme.localdomain]\n"
                        "    work_dir: diameter\n");
  Node node =
      StartNodeWithConfig(country(), "s13-node", config,
                          {"--sync", central.url() + "/bundles", "--trust", country().public_key});
  ASSERT_TRUE(WaitForLog(node, "event=listening interface=s13")) << ReadFile(node.log);
  ASSERT_TRUE(WaitForLog(node, "event=sync outcome=applied sequence=1")) << ReadFile(node.log);

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"imei=" + ImeiOf(Group::kBlacklisted, 1) + ",sv=01", "2001 - 1"},
      {"imei=" + ImeiOf(Group::kBlacklisted, 2) + ",imsi=" + Op1ImsiOf(Group::kBlacklisted, 2),
       "2001 - 0"},  // the paired owner
      {"imei=" + ImeiOf(Group::kNotified, 1) + ",sv=01", "2001 - 2"},
      {"imei=" + ImeiOf(Group::kLateBlacklisted, 1), "2001 - 1"},
      {"imei=35990000000001", "2001 - 0"}};
  std::string requests;
  for (const auto& [line, expected] : cases) requests += line + "\n";
  WriteFile(work.File("requests.txt"), requests);
  WriteFile(work.File("peer.options"),
            "requests = " + work.File("requests.txt") +
                "\nwindow = 1\ndestination_realm = localdomain\ndestination_host = "
                "eir.localdomain\nresults = " +
                work.File("results.txt") + "\nanswers = " + work.File("answers.txt") +
                "\nconnect_timeout_seconds = 30\n");
  WriteFile(work.File("peer.conf"),
            "Identity = \"mme.localdomain\";\nRealm = \"localdomain\";\nPort = " +
                std::to_string(eir_port + 1) +
                ";\nSecPort = 0;\nNo_SCTP;\nListenOn = \"127.0.0.1\";\n"
                "TLS_Cred = \"" +
                work.File("mme.localdomain.pem") + "\", \"" + work.File("mme.localdomain.key") +
                "\";\nTLS_CA = \"" + work.File("mme.localdomain.pem") +
                "\";\n"
                "LoadExtension = \"/usr/lib/freeDiameter/dict_nasreq.fdx\";\n"
                "LoadExtension = \"/usr/lib/freeDiameter/dict_dcca.fdx\";\n"
                "LoadExtension = \"/usr/lib/freeDiameter/dict_dcca_3gpp.fdx\";\n"
                "LoadExtension = \"" S13_PEER_FDX "\" : \"" +
                work.File("peer.options") +
                "\";\n"
                "ConnectPeer = \"eir.localdomain\" { ConnectTo = \"127.0.0.1\"; Port = " +
                std::to_string(eir_port) + "; No_TLS; No_SCTP; };\n");
  const std::string peer = "timeout 120 freeDiameterd -c " + work.File("peer.conf") + " > " +
                           work.File("peer.log") + " 2>&1";
  ASSERT_EQ(std::system(peer.c_str()), 0) << ReadFile(work.File("peer.log"));
  std::istringstream answers(ReadFile(work.File("answers.txt")));
  std::string line;
  for (const auto& [request, expected] : cases) {
    ASSERT_TRUE(std::getline(answers, line)) << request;
    std::istringstream fields(line);
    std::string index, result, experimental, status;
    fields >> index >> result >> experimental >> status;
    EXPECT_EQ(result + " " + experimental + " " + status, expected) << request;
  }
  EXPECT_EQ(StopNode(node), 0) << ReadFile(node.log);
  EXPECT_EQ(StopNode(central), 0);
}

// h2load against a node while bundles are published and applied every ~100 ms: no request
// fails. The figures go to docs/PERFORMANCE.md (printed here).
TEST_F(EirNodeTest, SnapshotSwapsUnderLoadFailNoRequest) {
  TempDir work;
  const std::string bundles = work.File("bundles");
  Publish(country().lists2, bundles);
  Node central = StartNode(country(), "swap-central", {"--bundle-dir", bundles});
  Node node = StartNode(country(), "swap-node",
                        {"--sync", central.url() + "/bundles", "--trust", country().public_key,
                         "--poll-interval", "0.05"});
  ASSERT_TRUE(WaitForLog(node, "event=sync outcome=applied sequence=1"));

  auto key = bundle::LoadSigningKey(country().secret_key);
  ASSERT_TRUE(key.ok());
  const char* requests_env = std::getenv("EIR_SWAP_REQUESTS");
  const std::string requests = requests_env != nullptr ? requests_env : "300000";
  const std::string uri = node.url() + "/n5g-eir-eic/v1/equipment-status?pei=imei-" +
                          identifiers::AppendLuhn(ImeiOf(Group::kBlacklisted, 1));
  const std::string command = "h2load -n " + requests + " -c 4 -m 16 -t 1 '" + uri + "' 2>&1";
  std::string h2load_output;
  std::atomic<bool> done{false};
  std::thread load([&] {
    FILE* pipe = ::popen(command.c_str(), "r");
    char buffer[4096];
    for (std::size_t n; pipe != nullptr && (n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) {
      h2load_output.append(buffer, n);
    }
    if (pipe != nullptr) ::pclose(pipe);
    done = true;
  });
  int published = 0;
  while (!done) {
    // Alternate the two runs so every swap changes what the node answers for the late group.
    auto input = bundle::ReadListsFolder(published % 2 == 0 ? country().lists1 : country().lists2);
    ASSERT_TRUE(input.ok());
    bundle::PublishOptions options;
    options.created_unix_seconds = 1'767'225'600 + published;
    ASSERT_TRUE(bundle::PublishContent(input->content, input->classification_run, input->list_date,
                                       0, bundles, *key, options)
                    .ok());
    ++published;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  load.join();
  const int applied = CountInLog(node, "event=sync outcome=applied");
  std::printf("swap under load: %d bundles published, %d applied during the run\n%s\n", published,
              applied, h2load_output.c_str());
  std::smatch match;
  ASSERT_TRUE(std::regex_search(
      h2load_output, match,
      std::regex(
          R"(requests: (\d+) total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored)")))
      << h2load_output;
  EXPECT_EQ(match[1], requests);
  EXPECT_EQ(match[3], requests);
  EXPECT_EQ(match[4], "0");
  EXPECT_EQ(match[5], "0");
  EXPECT_GE(applied, 3) << ReadFile(node.log);
  std::smatch status;
  EXPECT_TRUE(std::regex_search(h2load_output, status, std::regex(R"(status codes: (\d+) 2xx)")));
  EXPECT_EQ(status[1], requests);
  EXPECT_EQ(StopNode(node), 0);
  EXPECT_EQ(StopNode(central), 0);
}

}  // namespace
}  // namespace openceir::testing
