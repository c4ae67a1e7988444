// Running the real `openceir` binary from integration tests: synchronously (exit code and
// output), or in the background so a test can wait for it to freeze and kill it.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace openceir::testing {

// Path of the built `openceir` binary (compile definition OPENCEIR_BINARY).
const char* OpenceirBinary();
// The source tree root (compile definition OPENCEIR_SOURCE_DIR).
const char* SourceDir();

struct ProcessOptions {
  std::string cwd;  // working directory; empty = inherit
  // Environment changes: a value sets the variable, nullopt removes it. OPENCEIR_CONFIG and
  // OPENCEIR_FREEZE_AT are always removed unless set here.
  std::map<std::string, std::optional<std::string>> env;
  std::string stdout_path;  // where the child's stdout goes; empty = /dev/null
  std::string stderr_path;
};

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal that ended it, 0 when it exited
  std::string out;
  std::string err;
};

// Starts `openceir args...`. Returns the child's pid; aborts the test program on fork failure.
pid_t StartOpenceir(const std::vector<std::string>& args, const ProcessOptions& options);

// Runs `openceir args...` to the end in `cwd` (outputs captured through files in `cwd`).
ProcessResult RunOpenceir(const std::vector<std::string>& args, const std::string& cwd,
                          std::map<std::string, std::optional<std::string>> env = {});

// As RunOpenceir, but the child's stderr is the slave side of a fresh pseudo-terminal (so
// isatty(2) is true in the child); `err` is everything the child wrote to it.
ProcessResult RunOpenceirWithTerminalStderr(const std::vector<std::string>& args,
                                            const std::string& cwd);

// Waits for `pid` to end and fills exit_code / signal.
ProcessResult Reap(pid_t pid);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

// A fresh temporary folder, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace openceir::testing
