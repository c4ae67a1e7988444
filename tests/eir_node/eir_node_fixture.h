// A small country for the EIR node tests: a store made by the `openceir` binary (db init,
// pairing and operator data imports) with two classification runs written through the store API,
// the lists of each run (`openceir lists`), a signing key (`openceir keygen`); and helpers to
// start `openceir eir` processes, wait for their log lines and ask them over HTTP/2 with curl.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/support/run_process.h"

namespace openceir::testing {

// IMEIs (14 digits) of the country, by what the runs make of them:
//   kNotified: duplicates (op1 owner + op2 clone), notified in both runs; even ones paired
//   kBlacklisted: TAC not found, blacklisted in both runs; even ones paired (exceptions)
//   kLateBlacklisted: unlisted in run 1, blacklisted in run 2
enum class Group { kNotified = 1, kBlacklisted = 2, kLateBlacklisted = 3 };
inline constexpr int kPerGroup = 12;
std::string ImeiOf(Group group, int i);
std::string Op1ImsiOf(Group group, int i);
std::string Op2ImsiOf(Group group, int i);

struct Country {
  TempDir dir;
  std::string config;  // config file (region, store; eir policies default)
  std::string store;
  std::string lists;   // folder `openceir lists` wrote both runs into
  std::string lists1;  // the folder of run 1's lists
  std::string lists2;  // the folder of run 2's lists
  std::string secret_key, public_key;
  std::string other_secret_key, other_public_key;  // a key nodes do not trust
  std::int64_t run1 = 0, run2 = 0;
};

// Builds the country once per test program (ASSERTs inside: check HasFatalFailure()).
void MakeCountry(Country* country);

// `openceir --config C --store S args...` in the country's folder.
ProcessResult RunCli(const Country& country, std::vector<std::string> args);

// A running `openceir eir`; killed (SIGKILL) when it goes out of scope still running, so a
// failed assertion does not leave nodes behind.
struct Node {
  pid_t pid = -1;
  std::string log;  // its stderr (the structured log)
  int port = 0;     // the h2c port it bound
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }

  Node() = default;
  Node(Node&& other) noexcept
      : pid(std::exchange(other.pid, -1)), log(std::move(other.log)), port(other.port) {}
  Node& operator=(Node&& other) noexcept;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  ~Node();
};

// Starts `openceir eir --listen 127.0.0.1:0 --no-diameter args...` and waits for its port.
Node StartNode(const Country& country, const std::string& name, std::vector<std::string> args);
// The same with its own configuration file, S13 as that file says.
Node StartNodeWithConfig(const Country& country, const std::string& name, const std::string& config,
                         std::vector<std::string> args);
// SIGTERM, then the exit code (0 for a graceful stop).
int StopNode(Node& node);

// Waits (up to a minute: a guard, not a timing assertion) until `node`'s log holds `text`
// `count` times; false when it never did.
bool WaitForLog(const Node& node, const std::string& text, int count = 1);
int CountInLog(const Node& node, const std::string& text);

struct Reply {
  int status = 0;
  std::string body;
};
// curl --http2-prior-knowledge GET.
Reply Curl(const std::string& url);
// The N5g-eir status ("WHITELISTED", ...) or "HTTP <code>" for `imei` (14 digits, the Luhn digit
// is added) and optionally `imsi`.
std::string AskN5g(const Node& node, const std::string& imei, const std::string& imsi = "");

}  // namespace openceir::testing
