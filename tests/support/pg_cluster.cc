// Runs scripts/pg-cluster.sh from the source tree (compile definition OPENCEIR_SOURCE_DIR).
#include "tests/support/pg_cluster.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace openceir::testing {
namespace {

constexpr const char* kServerBin = "/usr/lib/postgresql/15/bin/postgres";
constexpr const char* kInstallHint =
    "PostgreSQL 15 is not installed: install the Debian packages postgresql and libpq-dev "
    "(`bash scripts/install-deps.sh`, or `apt-get install postgresql libpq-dev`)";

struct ScriptRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr, interleaved
};

// Runs `bash scripts/pg-cluster.sh verb dir` and collects what it prints.
ScriptRun RunScript(const std::string& verb, const std::string& dir) {
  const std::string script = std::string(OPENCEIR_SOURCE_DIR) + "/scripts/pg-cluster.sh";
  ScriptRun run;
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    run.out = "pipe failed";
    return run;
  }
  pid_t pid = fork();
  if (pid < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    run.out = "fork failed";
    return run;
  }
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    std::vector<const char*> argv = {"bash", script.c_str(), verb.c_str(), dir.c_str(), nullptr};
    execvp("bash", const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  close(pipe_fds[1]);
  char buffer[4096];
  for (;;) {
    ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
    if (n > 0) {
      run.out.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace

std::unique_ptr<PgCluster> PgCluster::Start(std::string* error) {
  if (access(kServerBin, X_OK) != 0) {
    *error = kInstallHint;
    return nullptr;
  }
  std::string templ = (std::filesystem::temp_directory_path() / "openceir-pg-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) {
    *error = "cannot create a temporary folder for the PostgreSQL cluster";
    return nullptr;
  }
  ScriptRun run = RunScript("start", templ);
  // The DSN is the last line printed; anything before it is the script's commentary.
  std::string out = run.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  const std::size_t last_line = out.rfind('\n');
  std::string dsn = last_line == std::string::npos ? out : out.substr(last_line + 1);
  if (run.exit_code != 0 || dsn.rfind("host=", 0) != 0) {
    *error = "scripts/pg-cluster.sh start " + templ + " failed (exit " +
             std::to_string(run.exit_code) + "):\n" + run.out;
    RunScript("stop", templ);
    std::error_code ignored;
    std::filesystem::remove_all(templ, ignored);
    return nullptr;
  }
  return std::unique_ptr<PgCluster>(new PgCluster(templ, dsn));
}

PgCluster::~PgCluster() {
  RunScript("stop", dir_);
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

}  // namespace openceir::testing
