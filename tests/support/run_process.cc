// fork/exec of the openceir binary with a chosen environment and captured output.
#include "tests/support/run_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace openceir::testing {

const char* OpenceirBinary() { return OPENCEIR_BINARY; }
const char* SourceDir() { return OPENCEIR_SOURCE_DIR; }

namespace {

std::vector<std::string> BuildEnvironment(const ProcessOptions& options) {
  std::map<std::string, std::optional<std::string>> changes = options.env;
  changes.emplace("OPENCEIR_CONFIG", std::nullopt);
  changes.emplace("OPENCEIR_FREEZE_AT", std::nullopt);
  std::vector<std::string> out;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text(*entry);
    std::string name = text.substr(0, text.find('='));
    if (changes.count(name) == 0) out.push_back(text);
  }
  for (const auto& [name, value] : changes) {
    if (value) out.push_back(name + "=" + *value);
  }
  return out;
}

void RedirectOrDie(const std::string& path, int fd) {
  int file = ::open(path.empty() ? "/dev/null" : path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (file < 0 || ::dup2(file, fd) < 0) ::_exit(127);
  ::close(file);
}

}  // namespace

pid_t StartOpenceir(const std::vector<std::string>& args, const ProcessOptions& options) {
  // Everything the child needs is built before fork: the child only calls async-signal-safe
  // functions.
  std::vector<std::string> env = BuildEnvironment(options);
  std::vector<char*> envp;
  for (std::string& entry : env) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::string binary = OpenceirBinary();
  std::vector<std::string> argv_storage = {binary};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) std::abort();
  if (pid == 0) {
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) ::_exit(127);
    RedirectOrDie(options.stdout_path, STDOUT_FILENO);
    RedirectOrDie(options.stderr_path, STDERR_FILENO);
    ::execve(binary.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

ProcessResult Reap(pid_t pid) {
  ProcessResult result;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return result;
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

ProcessResult RunOpenceir(const std::vector<std::string>& args, const std::string& cwd,
                          std::map<std::string, std::optional<std::string>> env) {
  ProcessOptions options;
  options.cwd = cwd;
  options.env = std::move(env);
  options.stdout_path = cwd + "/.stdout";
  options.stderr_path = cwd + "/.stderr";
  ProcessResult result = Reap(StartOpenceir(args, options));
  result.out = ReadFile(options.stdout_path);
  result.err = ReadFile(options.stderr_path);
  return result;
}

ProcessResult RunOpenceirWithTerminalStderr(const std::vector<std::string>& args,
                                            const std::string& cwd) {
  int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) std::abort();
  const char* slave_name = ::ptsname(master);
  if (slave_name == nullptr) std::abort();
  std::string slave_path = slave_name;
  // The parent holds the slave open too, so reading the master never sees a hang-up before
  // the child has opened it; it is closed once the child has exited.
  int slave = ::open(slave_path.c_str(), O_RDWR | O_NOCTTY);
  if (slave < 0) std::abort();

  ProcessOptions options;
  options.cwd = cwd;
  options.stdout_path = cwd + "/.stdout";
  options.stderr_path = slave_path;  // RedirectOrDie opens it write-only: still a terminal
  pid_t pid = StartOpenceir(args, options);

  ProcessResult result;
  // Drain the master while the child runs (a full terminal buffer would block the child).
  auto drain = [&](int timeout_ms) {
    pollfd fd{master, POLLIN, 0};
    while (::poll(&fd, 1, timeout_ms) > 0 && (fd.revents & POLLIN) != 0) {
      char buffer[4096];
      ssize_t n = ::read(master, buffer, sizeof buffer);
      if (n <= 0) break;
      result.err.append(buffer, static_cast<std::size_t>(n));
      timeout_ms = 0;
    }
  };
  int status = 0;
  for (;;) {
    drain(50);
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) std::abort();
  }
  drain(0);
  ::close(slave);
  ::close(master);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = ReadFile(options.stdout_path);
  return result;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "openceir_it_XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace openceir::testing
