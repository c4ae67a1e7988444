// The `eir` section: defaults, a full node (HTTP, TLS, Diameter peers, sync, policies) with its
// paths resolved, and every rule's message at its key path and line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "openceir/config/config_loader.h"

namespace openceir::config {
namespace {

constexpr std::string_view kRegion = R"(region:
  name: Testland
  country_codes: ["999"]
  mccs: ["999"]
  operators:
    - id: op1
      name: One
      mcc_mncs: ["99901"]
)";

// A folder holding the files the section names (cert.pem, key.pem, eir.pub).
class EirConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("openceir_eir_config_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    for (const char* name : {"cert.pem", "key.pem", "eir.pub"}) {
      std::ofstream(dir_ / name) << "x\n";
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  ConfigParseOutcome Parse(std::string_view eir) {
    return ParseConfigYamlWithProblems(std::string(kRegion) + std::string(eir), dir_.string());
  }
  // The one problem `eir` has, as "path@line: message".
  std::string OnlyProblem(std::string_view eir) {
    ConfigParseOutcome outcome = Parse(eir);
    if (outcome.problems.size() != 1) {
      std::string all = std::to_string(outcome.problems.size()) + " problems:";
      for (const ConfigProblem& p : outcome.problems) all += " [" + p.path + ": " + p.message + "]";
      return all;
    }
    const ConfigProblem& p = outcome.problems[0];
    return p.path + "@" + std::to_string(p.line) + ": " + p.message;
  }
  std::string File(const char* name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

TEST_F(EirConfigTest, AbsentSectionKeepsDefaultsWithFoldersBesideTheFile) {
  ConfigParseOutcome outcome = Parse("");
  ASSERT_TRUE(outcome.ok());
  const EirConfig& eir = outcome.config.eir;
  EXPECT_EQ(eir.http.listen, std::vector<std::string>{"0.0.0.0:8080"});
  EXPECT_TRUE(eir.http.tls_listen.empty());
  EXPECT_EQ(eir.http.worker_threads, 2);
  EXPECT_FALSE(eir.diameter.enabled);
  EXPECT_TRUE(eir.sync.url.empty());
  EXPECT_DOUBLE_EQ(eir.sync.poll_interval_seconds, 10);
  EXPECT_EQ(eir.sync.state_dir, File("eir-state"));
  EXPECT_EQ(eir.policies.invalid_imei, "unknown");
  EXPECT_TRUE(eir.policies.unallocated_tac.empty());
}

TEST_F(EirConfigTest, ReadsAFullNode) {
  ConfigParseOutcome outcome = Parse(R"(eir:
  http:
    listen: ["127.0.0.1:8080", "[::1]:8080"]
    tls_listen: ["0.0.0.0:8443"]
    tls_certificate_file: cert.pem
    tls_private_key_file: key.pem
    worker_threads: 4
  diameter:
    identity: eir.example.org
    realm: example.org
    listen_address: 10.0.0.5
    port: 3868
    tls_port: 5868
    tls_certificate_file: cert.pem
    tls_private_key_file: key.pem
    allowed_peers: ["*.epc.example.org"]
    peers:
      - identity: mme1.epc.example.org
        address: 10.0.0.7
    dispatch_threads: 2
  sync:
    url: http://central.example.org:8080/bundles
    trusted_public_key_file: eir.pub
    poll_interval_seconds: 0.5
    state_dir: /var/lib/openceir/eir
  policies:
    invalid_imei: blacklisted
    unallocated_tac: unknown
    test_tac: greylisted
    unknown_imei: off
)");
  ASSERT_TRUE(outcome.ok()) << outcome.problems[0].path << ": " << outcome.problems[0].message;
  const EirConfig& eir = outcome.config.eir;
  EXPECT_EQ(eir.http.listen, (std::vector<std::string>{"127.0.0.1:8080", "[::1]:8080"}));
  EXPECT_EQ(eir.http.tls_certificate_file, File("cert.pem"));
  EXPECT_EQ(eir.http.worker_threads, 4);
  EXPECT_TRUE(eir.diameter.enabled);
  EXPECT_EQ(eir.diameter.identity, "eir.example.org");
  EXPECT_EQ(eir.diameter.tls_port, 5868);
  EXPECT_EQ(eir.diameter.tls_ca_file, File("cert.pem"));  // the certificate when not given
  EXPECT_EQ(eir.diameter.allowed_peers, std::vector<std::string>{"*.epc.example.org"});
  ASSERT_EQ(eir.diameter.peers.size(), 1u);
  EXPECT_EQ(eir.diameter.peers[0].address, "10.0.0.7");
  EXPECT_EQ(eir.diameter.peers[0].port, 3868);
  EXPECT_EQ(eir.diameter.work_dir, File("eir-diameter"));
  EXPECT_EQ(eir.sync.trusted_public_key_file, File("eir.pub"));
  EXPECT_DOUBLE_EQ(eir.sync.poll_interval_seconds, 0.5);
  EXPECT_EQ(eir.sync.state_dir, "/var/lib/openceir/eir");
  EXPECT_EQ(eir.policies.invalid_imei, "blacklisted");
  EXPECT_EQ(eir.policies.unallocated_tac, "unknown");
  EXPECT_EQ(eir.policies.test_tac, "greylisted");
  EXPECT_EQ(eir.policies.unknown_imei, "");
}

TEST_F(EirConfigTest, EveryRuleReportsItsKeyAndLine) {
  // The section starts on line 9 (after the 8 region lines).
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"eir:\n  http:\n    listen: [\"localhost\"]\n",
       "eir.http.listen[0]@11: \"localhost\" is not \"host:port\" (no port)"},
      {"eir:\n  http:\n    listen: [\"a:0\"]\n",
       "eir.http.listen[0]@11: \"a:0\" has port \"0\", "
       "not 1-65535"},
      {"eir:\n  http:\n    listen: [\"::1:80\"]\n",
       "eir.http.listen[0]@11: \"::1:80\" is an IPv6 address without brackets (write \"[v6 "
       "address]:port\")"},
      {"eir:\n  http:\n    listen: [\"a:1\", \"a:1\"]\n",
       "eir.http.listen[1]@11: \"a:1\" is listed twice"},
      {"eir:\n  http:\n    tls_listen: [\"a:443\"]\n",
       "eir.http.tls_certificate_file@11: is required with tls_listen"},
      {"eir:\n  http:\n    tls_certificate_file: cert.pem\n",
       "eir.http.tls_private_key_file@11: is required with tls_certificate_file"},
      {"eir:\n  http:\n    tls_certificate_file: nope.pem\n    tls_private_key_file: key.pem\n",
       "eir.http.tls_certificate_file@11: \"" + File("nope.pem") + "\" is not a readable file"},
      {"eir:\n  http:\n    worker_threads: 0\n",
       "eir.http.worker_threads@11: must be an integer >= 1 (got 0)"},
      {"eir:\n  diameter:\n    identity: eir\n    realm: \"bad realm\"\n"
       "    tls_certificate_file: cert.pem\n    tls_private_key_file: key.pem\n",
       "eir.diameter.realm@12: \"bad realm\" is not a Diameter realm (FQDN: labels of letters, "
       "digits and '-' joined by dots)"},
      {"eir:\n  diameter:\n    identity: eir\n    realm: r\n",
       "eir.diameter.tls_certificate_file@11: is required with a diameter section (freeDiameter "
       "needs them even without TLS peers)"},
      {"eir:\n  diameter:\n    identity: eir\n    realm: r\n    port: 70000\n"
       "    tls_certificate_file: cert.pem\n    tls_private_key_file: key.pem\n",
       "eir.diameter.port@13: must be at most 65535 (got 70000)"},
      {"eir:\n  diameter:\n    identity: eir\n    realm: r\n    allowed_peers: [\"*\"]\n"
       "    tls_certificate_file: cert.pem\n    tls_private_key_file: key.pem\n",
       "eir.diameter.allowed_peers[0]@13: \"*\" is not a peer identity or pattern "
       "(\"mme.example.org\", \"*.example.org\")"},
      {"eir:\n  diameter:\n    identity: eir\n    realm: r\n    peers: [{identity: mme}]\n"
       "    tls_certificate_file: cert.pem\n    tls_private_key_file: key.pem\n",
       "eir.diameter.peers[0].address@13: missing required key"},
      {"eir:\n  sync:\n    url: ftp://x\n    trusted_public_key_file: eir.pub\n",
       "eir.sync.url@11: \"ftp://x\" is not an http:// or https:// URL"},
      {"eir:\n  sync:\n    url: http://x\n",
       "eir.sync.trusted_public_key_file@11: is required with url (bundles are only applied when "
       "their signature verifies)"},
      {"eir:\n  sync:\n    poll_interval_seconds: 0\n",
       "eir.sync.poll_interval_seconds@11: must be from 0.01 to 86400 seconds (got 0)"},
      {"eir:\n  policies:\n    unknown_imei: reject\n",
       "eir.policies.unknown_imei@11: \"reject\" is not an answer (whitelisted, greylisted, "
       "blacklisted, unknown, off)"},
      {"eir:\n  policies:\n    invalid_imei: off\n",
       "eir.policies.invalid_imei@11: \"off\" is not an answer (whitelisted, greylisted, "
       "blacklisted, unknown)"},
      {"eir:\n  http:\n    listen: []\n",
       "eir.http.listen@11: the node needs at least one listen or tls_listen address"},
      {"eir:\n  polices: {}\n",
       "eir.polices@10: unknown key \"polices\" (did you mean \"policies\"?)"},
  };
  for (const auto& [yaml, expected] : cases) {
    EXPECT_EQ(OnlyProblem(yaml), expected) << yaml;
  }
}

}  // namespace
}  // namespace openceir::config
