// The S13 EIR against a real freeDiameter peer: S13Server runs in this process (freeDiameter's
// core is process-wide, so one server for the whole suite), Debian's freeDiameterd loads the
// s13_peer extension and sends one ECR per case over loopback TCP; every answer is checked, the
// metrics count them, and the messages both ways are decoded by tshark with no warning.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "openceir/eir/snapshot_builder.h"
#include "openceir/s13/s13_server.h"

namespace openceir::s13 {
namespace {

constexpr const char* kEirIdentity = "eir.localdomain";
constexpr const char* kPeerIdentity = "mme.localdomain";

// One ECR and the answer it must get: "2001 - STATUS", "- 5422 -" or "5005 - -".
struct EcrCase {
  const char* name;
  const char* request_line;  // peer_options.h request syntax
  const char* expected;      // "result_code experimental_code equipment_status"
};

const std::vector<EcrCase>& Cases() {
  static const std::vector<EcrCase> cases = {
      {"blacklisted", "imei=35209900176148,sv=01", "2001 - 1"},
      {"greylisted", "imei=35209900176149,sv=01", "2001 - 2"},
      {"whitelisted (on no list)", "imei=35209900176151,sv=01", "2001 - 0"},
      {"exception pair, its IMSI", "imei=35209900176150,sv=02,imsi=410011234567890", "2001 - 0"},
      {"exception pair, another IMSI", "imei=35209900176150,imsi=410019999999999", "2001 - 1"},
      {"unknown by policy (not digits)", "imei=3520990017614X", "- 5422 -"},
      {"missing Terminal-Information", "no_terminal_information,imsi=410011234567890", "5005 - -"},
      {"missing IMEI", "sv=01", "5005 - -"},
      {"15th spare digit", "imei=352099001761480,sv=01", "2001 - 1"},
      {"15th wrong check digit", "imei=352099001761487", "2001 - 1"},
      {"3GPP2-MEID hex (invalid-IMEI policy)", "meid=A1000000002023F9", "- 5422 -"},
      {"3GPP2-MEID decimal region (an IMEI)", "meid=35209900176149", "2001 - 2"},
      {"Vendor-Specific-Application-Id accepted", "imei=35209900176148,vsai", "2001 - 1"},
  };
  return cases;
}

std::uint16_t FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

int RunShell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs `argv` with output to `log`; kills it after `timeout`. The exit code, -1 if killed.
int RunWithTimeout(const std::vector<std::string>& argv, const std::string& log,
                   std::chrono::seconds timeout) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::FILE* out = std::freopen(log.c_str(), "w", stdout);
    if (out != nullptr) dup2(fileno(stdout), 2);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class S13PeerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / fmt::format("s13_peer_test_{}", getpid());
    std::filesystem::create_directories(dir_ / "node");
    for (const char* identity : {kEirIdentity, kPeerIdentity}) {
      ASSERT_EQ(
          RunShell(fmt::format("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN={} "
                               "-keyout {}/{}.key -out {}/{}.pem 2>/dev/null",
                               identity, dir_.string(), identity, dir_.string(), identity)),
          0);
    }
    eir::SnapshotBuilder builder;
    ASSERT_TRUE(builder.AddBlacklisted("35209900176148", 20240101, "stolen").ok());
    ASSERT_TRUE(builder.AddNotified("35209900176149", 20240301, "duplicate").ok());
    ASSERT_TRUE(builder.AddBlacklisted("35209900176150", 20240101, "duplicate").ok());
    ASSERT_TRUE(builder.AddExceptionPair("35209900176150", "410011234567890").ok());
    builder.SetPolicies(eir::DecisionPolicies{});  // invalid IMEI -> equipment unknown
    auto snapshot = std::move(builder).Build(3, 1700000000);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    holder_ = new eir::SnapshotHolder(std::move(snapshot).value());
    metrics_ = new eir::EirMetrics();

    eir_port_ = FreePort();
    S13ServerConfig config;
    config.identity = kEirIdentity;
    config.realm = "localdomain";
    config.listen_address = "127.0.0.1";
    config.port = eir_port_;
    config.tls_cert_file = File(std::string(kEirIdentity) + ".pem");
    config.tls_key_file = File(std::string(kEirIdentity) + ".key");
    config.tls_ca_file = config.tls_cert_file;
    config.allowed_peers = {kPeerIdentity};
    config.work_dir = (dir_ / "node").string();
    server_ = new S13Server(config);
    const Status started = server_->Start(*holder_, *metrics_);
    ASSERT_TRUE(started.ok()) << started.ToString();

    RunPeer();
  }

  static void TearDownTestSuite() {
    if (server_ != nullptr) server_->Stop();
    delete server_;
    delete metrics_;
    delete holder_;
    std::filesystem::remove_all(dir_);
  }

  static std::string File(const std::string& name) { return (dir_ / name).string(); }

  // freeDiameterd with the s13_peer extension: one ECR per case, window 4.
  static void RunPeer() {
    std::string requests;
    for (const EcrCase& c : Cases()) requests += std::string(c.request_line) + "\n";
    WriteFile(File("requests.txt"), requests);
    WriteFile(File("peer.options"),
              fmt::format("requests = {}\nwindow = 4\ndestination_realm = localdomain\n"
                          "destination_host = {}\nresults = {}\nanswers = {}\nwire_dump = {}\n"
                          "connect_timeout_seconds = 30\n",
                          File("requests.txt"), kEirIdentity, File("results.txt"),
                          File("answers.txt"), File("wire.hex")));
    const std::string extensions = "/usr/lib/freeDiameter";
    WriteFile(
        File("peer.conf"),
        fmt::format("Identity = \"{0}\";\nRealm = \"localdomain\";\nPort = {1};\n"
                    "SecPort = 0;\nNo_SCTP;\nListenOn = \"127.0.0.1\";\n"
                    "TLS_Cred = \"{2}/{0}.pem\", \"{2}/{0}.key\";\nTLS_CA = \"{2}/{0}.pem\";\n"
                    "LoadExtension = \"{3}/dict_nasreq.fdx\";\n"
                    "LoadExtension = \"{3}/dict_dcca.fdx\";\n"
                    "LoadExtension = \"{3}/dict_dcca_3gpp.fdx\";\n"
                    "LoadExtension = \"{4}\" : \"{5}\";\n"
                    "ConnectPeer = \"{6}\" {{ ConnectTo = \"127.0.0.1\"; Port = {7}; "
                    "No_TLS; No_SCTP; }};\n",
                    kPeerIdentity, FreePort(), dir_.string(), extensions, S13_PEER_FDX,
                    File("peer.options"), kEirIdentity, eir_port_));
    peer_exit_code_ = RunWithTimeout({"freeDiameterd", "-c", File("peer.conf")},
                                     File("freeDiameterd.log"), std::chrono::seconds(120));
  }

  static std::filesystem::path dir_;
  static eir::SnapshotHolder* holder_;
  static eir::EirMetrics* metrics_;
  static S13Server* server_;
  static std::uint16_t eir_port_;
  static int peer_exit_code_;
};

std::filesystem::path S13PeerTest::dir_;
eir::SnapshotHolder* S13PeerTest::holder_ = nullptr;
eir::EirMetrics* S13PeerTest::metrics_ = nullptr;
S13Server* S13PeerTest::server_ = nullptr;
std::uint16_t S13PeerTest::eir_port_ = 0;
int S13PeerTest::peer_exit_code_ = -1;

TEST_F(S13PeerTest, EveryEcrGetsTheAnswerItsCaseNeeds) {
  ASSERT_EQ(peer_exit_code_, 0) << ReadFile(File("freeDiameterd.log"));
  const std::string results = ReadFile(File("results.txt"));
  EXPECT_NE(results.find("status=ok\n"), std::string::npos) << results;
  EXPECT_NE(results.find(fmt::format("answered={}\n", Cases().size())), std::string::npos)
      << results;
  std::istringstream answers(ReadFile(File("answers.txt")));
  std::string line;
  std::size_t index = 0;
  while (std::getline(answers, line)) {
    ASSERT_LT(index, Cases().size()) << line;
    const EcrCase& c = Cases()[index];
    // "index result experimental status latency_us": compare the three answer fields.
    std::istringstream fields(line);
    std::size_t answered_index = 0;
    std::string result, experimental, status;
    fields >> answered_index >> result >> experimental >> status;
    EXPECT_EQ(answered_index, index);
    EXPECT_EQ(result + " " + experimental + " " + status, c.expected)
        << c.name << " (" << c.request_line << ")";
    ++index;
  }
  EXPECT_EQ(index, Cases().size());
}

TEST_F(S13PeerTest, MetricsCountEachAnswer) {
  ASSERT_EQ(peer_exit_code_, 0);
  using eir::Answer;
  using eir::Interface;
  EXPECT_EQ(metrics_->AnswerCount(Interface::kS13, Answer::kBlacklisted), 5u);
  EXPECT_EQ(metrics_->AnswerCount(Interface::kS13, Answer::kGreylisted), 2u);
  EXPECT_EQ(metrics_->AnswerCount(Interface::kS13, Answer::kWhitelisted), 2u);
  EXPECT_EQ(metrics_->AnswerCount(Interface::kS13, Answer::kUnknown), 2u);
  EXPECT_EQ(metrics_->AnswerCount(Interface::kS13, Answer::kBadRequest), 2u);
  EXPECT_EQ(metrics_->AnswerCount(Interface::kS13, Answer::kError), 0u);
  EXPECT_EQ(metrics_->AnswerCount(Interface::kN5g, Answer::kBlacklisted), 0u);
}

// The messages both ways as they were on the wire (received ones as read from the socket),
// through text2pcap into tshark's Diameter dissector.
TEST_F(S13PeerTest, TsharkDecodesEveryMessageAndAvp) {
  ASSERT_EQ(peer_exit_code_, 0);
  ASSERT_EQ(
      RunShell(fmt::format("text2pcap -q -T 3868,3868 {} {}", File("wire.hex"), File("wire.pcap"))),
      0);
  ASSERT_EQ(RunShell(fmt::format("tshark -r {} -O diameter > {} 2>/dev/null", File("wire.pcap"),
                                 File("decoded.txt"))),
            0);
  const std::string decoded = ReadFile(File("decoded.txt"));
  // CER and CEA advertise S13; one request and one answer per case.
  std::size_t checks = 0;
  for (std::size_t at = decoded.find("Command Code: 3GPP-ME-Identity-Check (324)");
       at != std::string::npos;
       at = decoded.find("Command Code: 3GPP-ME-Identity-Check (324)", at + 1)) {
    ++checks;
  }
  EXPECT_EQ(checks, 2 * Cases().size());
  EXPECT_NE(decoded.find("Auth-Application-Id: 3GPP S13/S13' (16777252)"), std::string::npos);
  for (const char* value :
       {"Equipment-Status: BLACKLISTED (1)", "Equipment-Status: GREYLISTED (2)",
        "Equipment-Status: WHITELISTED (0)",
        "Experimental-Result-Code: DIAMETER_ERROR_EQUIPMENT_UNKNOWN (5422)",
        "Result-Code: DIAMETER_MISSING_AVP (5005)", "AVP: Failed-AVP(279)", "IMEI: 00000000000000",
        "3GPP2-MEID: ", "User-Name: 410011234567890", "AVP: Vendor-Specific-Application-Id(260)"}) {
    EXPECT_NE(decoded.find(value), std::string::npos) << value;
  }
  // Every AVP known to the dissector, no malformed or undecoded data.
  EXPECT_EQ(decoded.find("Unknown AVP"), std::string::npos);
  EXPECT_EQ(decoded.find("AVP: Unknown"), std::string::npos);
  ASSERT_EQ(
      RunShell(fmt::format("tshark -r {} -Y '_ws.expert.severity >= \"Warning\" || "
                           "_ws.malformed' -T fields -e frame.number -e _ws.expert.message > {} "
                           "2>/dev/null",
                           File("wire.pcap"), File("expert.txt"))),
      0);
  EXPECT_EQ(ReadFile(File("expert.txt")), "");
}

TEST_F(S13PeerTest, SecondServerInTheProcessIsRefused) {
  S13ServerConfig config;
  config.identity = "other.localdomain";
  config.realm = "localdomain";
  config.port = FreePort();
  config.tls_cert_file = File(std::string(kEirIdentity) + ".pem");
  config.tls_key_file = File(std::string(kEirIdentity) + ".key");
  config.tls_ca_file = config.tls_cert_file;
  config.work_dir = dir_.string();
  S13Server second(config);
  eir::EirMetrics metrics;
  const Status status = second.Start(*holder_, metrics);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
  EXPECT_NE(status.message().find("process-wide"), std::string::npos);
}

}  // namespace
}  // namespace openceir::s13
