#include "openceir/s13/s13_server.h"

#include <fmt/format.h>
#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include <atomic>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>

#include "openceir/s13/identity_check.h"
#include "openceir/s13/mica_answer.h"
#include "openceir/s13/mica_request.h"
#include "openceir/s13/s13_dictionary.h"

namespace openceir::s13 {
namespace {

// freeDiameter's core can be started once per process (see s13_server.h).
std::atomic<bool> g_core_claimed{false};

// freeDiameter logs to stdout by default; the EIR keeps its errors on stderr, where the
// node's other logs go, and drops its informational lines.
void LogToStderr(int level, const char* format, va_list args) {
  if (level < FD_LOG_ERROR) return;
  char line[1024];
  std::vsnprintf(line, sizeof line, format, args);
  std::fprintf(stderr, "s13: freeDiameter: %s\n", line);
}

// The snapshot for this request thread: a Reader per freeDiameter dispatch thread, so a request
// touches no shared cache line unless a new snapshot was swapped in (snapshot_holder.h).
const eir::DecisionSnapshot& CurrentSnapshot(const eir::SnapshotHolder& holder) {
  thread_local const eir::SnapshotHolder* reader_holder = nullptr;
  thread_local std::optional<eir::SnapshotHolder::Reader> reader;
  if (reader_holder != &holder) {
    reader.emplace(holder);
    reader_holder = &holder;
  }
  return reader->Get();
}

Status WriteTextFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  if (!out) return IoError(fmt::format("s13: cannot write {}", path));
  return Status::Ok();
}

Status FreeDiameterError(const char* call, int rc) {
  return UnavailableError(fmt::format("s13: freeDiameter {} failed: {}", call, std::strerror(rc)));
}

}  // namespace

// What the dispatch callback needs; lives from Start to the end of Stop.
struct S13Server::Handler {
  const eir::SnapshotHolder* holder = nullptr;
  eir::EirMetrics* metrics = nullptr;
  S13Dictionary dictionary;

  static int OnIdentityCheck(struct msg** message, struct avp*, struct session*, void* opaque,
                             enum disp_action* action) {
    const auto started = std::chrono::steady_clock::now();
    const Handler& handler = *static_cast<const Handler*>(opaque);
    *action = DISP_ACT_CONT;
    const IdentityCheckAnswer answer =
        AnswerIdentityCheck(ReadIdentityCheckRequest(*message), CurrentSnapshot(*handler.holder));
    eir::Answer label = answer.metrics_answer;
    int rc = WriteIdentityCheckAnswer(handler.dictionary, answer, message);
    if (rc != 0) {
      // Answer something rather than let the MME time out: 5012 on a fresh answer.
      struct msg* request = *message;
      if (fd_msg_answ_getq(*message, &request) == 0 && request != *message) {
        fd_msg_answ_detach(*message);
        fd_msg_free(*message);
        *message = request;
      }
      label = eir::Answer::kError;
      rc = WriteResultCodeAnswer(handler.dictionary, kDiameterUnableToComply, message);
    }
    if (rc == 0) rc = fd_msg_send(message, nullptr, nullptr);
    if (rc != 0) label = eir::Answer::kError;
    const auto elapsed = std::chrono::steady_clock::now() - started;
    handler.metrics->RecordAnswer(
        eir::Interface::kS13, label,
        static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()));
    return rc;
  }
};

S13Server::S13Server(S13ServerConfig config) : config_(std::move(config)) {}

S13Server::~S13Server() { Stop(); }

Status S13Server::Start(const eir::SnapshotHolder& holder, eir::EirMetrics& metrics) {
  if (running_) return FailedPreconditionError("s13: the server is already running");
  OPENCEIR_RETURN_IF_ERROR(ValidateS13ServerConfig(config_));
  constexpr const char* kClaimed =
      "s13: freeDiameter was already started in this process (its core is a process-wide "
      "singleton that cannot be restarted)";
  // Checked before writing: another server's files in the same work_dir must stay as they are.
  if (g_core_claimed.load()) return FailedPreconditionError(kClaimed);
  const std::string conf_file = config_.work_dir + "/freeDiameter.conf";
  const std::string acl_file = config_.work_dir + "/acl_wl.conf";
  OPENCEIR_RETURN_IF_ERROR(WriteTextFile(acl_file, AclFileText(config_)));
  OPENCEIR_RETURN_IF_ERROR(WriteTextFile(conf_file, FreeDiameterConfText(config_, acl_file)));
  if (g_core_claimed.exchange(true)) return FailedPreconditionError(kClaimed);

  fd_log_handler_register(LogToStderr);
  int rc = fd_core_initialize();
  if (rc != 0) return FreeDiameterError("fd_core_initialize", rc);
  handler_ = std::make_unique<Handler>();
  handler_->holder = &holder;
  handler_->metrics = &metrics;
  std::string what;
  Status status;
  struct disp_when when = {};
  if ((rc = fd_core_parseconf(conf_file.c_str())) != 0) {
    status = FreeDiameterError(fmt::format("reading {}", conf_file).c_str(), rc);
  } else if ((rc = LoadS13Dictionary(fd_g_config->cnf_dict, &handler_->dictionary, &what)) != 0) {
    status = FreeDiameterError(fmt::format("defining {}", what).c_str(), rc);
  } else if ((rc = fd_disp_app_support(handler_->dictionary.application,
                                       handler_->dictionary.vendor_3gpp, 1, 0)) != 0) {
    status = FreeDiameterError("fd_disp_app_support", rc);
  } else {
    when.app = handler_->dictionary.application;
    when.command = handler_->dictionary.identity_check_request;
    if ((rc = fd_disp_register(&Handler::OnIdentityCheck, DISP_HOW_CC, &when, handler_.get(),
                               nullptr)) != 0) {
      status = FreeDiameterError("fd_disp_register", rc);
    } else if ((rc = fd_core_start()) != 0) {
      status = FreeDiameterError("fd_core_start", rc);
    } else if ((rc = fd_core_waitstartcomplete()) != 0) {
      status = FreeDiameterError("fd_core_waitstartcomplete", rc);
    }
  }
  running_ = true;  // the core is up (or half up): Stop() shuts it down either way
  if (!status.ok()) Stop();
  return status;
}

void S13Server::Stop() {
  if (!running_) return;
  running_ = false;
  fd_core_shutdown();
  fd_core_wait_shutdown_complete();
  handler_.reset();
}

}  // namespace openceir::s13
