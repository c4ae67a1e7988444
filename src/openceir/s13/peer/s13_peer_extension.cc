// s13_peer.fdx: a freeDiameter extension that turns Debian's freeDiameterd into an S13 client
// (an MME's equipment check): it waits for the connection to the EIR named destination_host,
// sends ME-Identity-Check-Requests built from the request file with a window of outstanding
// requests, counts the answers by result and Equipment-Status, writes the summary (answers/s,
// latency percentiles) and optionally every answer and a hex dump of every message, then shuts
// freeDiameterd down. Options: peer_options.h. Run:
//   freeDiameterd -c peer.conf   (peer.conf: LoadExtension = ".../s13_peer.fdx" : "peer.options";)
#include <freeDiameter/extension.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <semaphore>
#include <string>
#include <thread>
#include <vector>

#include "openceir/s13/peer/peer_options.h"
#include "openceir/s13/s13_dictionary.h"

namespace openceir::s13::peer {
namespace {

constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;
constexpr int kAnswerTimeoutSeconds = 10;
constexpr std::size_t kWireDumpLimit = 10000;  // messages

struct AnswerRecord {
  std::uint32_t result_code = kAbsent;
  std::uint32_t experimental_code = kAbsent;
  std::uint32_t equipment_status = kAbsent;
  std::uint64_t latency_ns = 0;
  bool answered = false;
  bool timed_out = false;
};

using Clock = std::chrono::steady_clock;

class Peer {
 public:
  int Init(const char* conffile);
  void Fini();

 private:
  void Run();
  bool WaitForEir();
  int SendRequest(std::uint64_t index);
  int BuildRequest(const PeerRequest& request, struct msg** message);
  void OnAnswer(std::uint64_t index, struct msg** answer);
  void OnExpired(std::uint64_t index);
  void Finish(std::uint64_t index);
  void WriteResults(const std::string& failure, Clock::duration elapsed);
  void DumpMessage(const std::uint8_t* bytes, std::size_t length);

  static void AnswerCallback(void* data, struct msg** answer);
  static void ExpireCallback(void* data, DiamId_t, size_t, struct msg** request);
  static void HookCallback(enum fd_hook_type type, struct msg* message, struct peer_hdr*,
                           void* other, struct fd_hook_permsgdata*, void* regdata);

  PeerOptions options_;
  std::vector<PeerRequest> requests_;
  S13Dictionary dictionary_;
  std::vector<AnswerRecord> records_;
  std::vector<Clock::time_point> sent_at_;
  std::unique_ptr<std::counting_semaphore<>> window_;
  std::mutex mutex_;
  std::condition_variable all_done_;
  std::uint64_t finished_ = 0;
  Clock::time_point last_answer_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex dump_mutex_;
  std::FILE* dump_ = nullptr;
  std::size_t dumped_ = 0;
  struct fd_hook_hdl* hook_ = nullptr;
};

Peer g_peer;

int Peer::Init(const char* conffile) {
  std::string error;
  if (conffile == nullptr || !ReadPeerOptions(conffile, &options_, &error) ||
      !ReadPeerRequests(options_.requests_file, &requests_, &error)) {
    std::fprintf(stderr, "s13_peer: %s\n", conffile == nullptr ? "no options file" : error.c_str());
    return EINVAL;
  }
  if (options_.count == 0) options_.count = requests_.size();
  int rc = LoadS13Dictionary(fd_g_config->cnf_dict, &dictionary_, &error);
  if (rc != 0) {
    std::fprintf(stderr, "s13_peer: defining %s failed\n", error.c_str());
    return rc;
  }
  // Advertised in the CER, so the EIR accepts S13 requests from this peer.
  if ((rc = fd_disp_app_support(dictionary_.application, dictionary_.vendor_3gpp, 1, 0))) return rc;
  if (!options_.wire_dump_file.empty()) {
    dump_ = std::fopen(options_.wire_dump_file.c_str(), "w");
    if (dump_ == nullptr) return errno;
    if ((rc = fd_hook_register(HOOK_MASK(HOOK_DATA_RECEIVED, HOOK_MESSAGE_SENT), &HookCallback,
                               this, nullptr, &hook_))) {
      return rc;
    }
  }
  records_.resize(options_.count);
  sent_at_.resize(options_.count);
  window_ = std::make_unique<std::counting_semaphore<>>(options_.window);
  thread_ = std::thread([this] { Run(); });
  return 0;
}

void Peer::Fini() {
  stopping_ = true;
  all_done_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (hook_ != nullptr) fd_hook_unregister(hook_);
  if (dump_ != nullptr) std::fclose(dump_);
}

bool Peer::WaitForEir() {
  const auto deadline = Clock::now() + std::chrono::seconds(options_.connect_timeout_seconds);
  while (Clock::now() < deadline && !stopping_) {
    struct peer_hdr* eir = nullptr;
    if (fd_peer_getbyid(options_.destination_host.data(), options_.destination_host.size(), 1,
                        &eir) == 0 &&
        eir != nullptr && fd_peer_get_state(eir) == STATE_OPEN) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

void Peer::Run() {
  fd_core_waitstartcomplete();
  std::string failure;
  Clock::time_point started = Clock::now();
  if (!WaitForEir()) {
    failure = "no open connection to " + options_.destination_host;
  } else {
    started = Clock::now();
    for (std::uint64_t index = 0; index < options_.count && !stopping_; ++index) {
      while (!window_->try_acquire_for(std::chrono::milliseconds(100))) {
        if (stopping_) break;
      }
      if (stopping_) break;
      if (SendRequest(index) != 0) {
        failure = "fd_msg_send failed";
        break;
      }
    }
    std::unique_lock lock(mutex_);
    all_done_.wait(lock, [&] { return finished_ == options_.count || stopping_; });
  }
  Clock::duration elapsed;
  {
    std::lock_guard lock(mutex_);
    elapsed = finished_ > 0 ? last_answer_ - started : Clock::duration::zero();
  }
  WriteResults(failure, elapsed);
  if (!stopping_) fd_core_shutdown();
}

int Peer::SendRequest(std::uint64_t index) {
  struct msg* request = nullptr;
  int rc = BuildRequest(requests_[index % requests_.size()], &request);
  if (rc != 0) {
    if (request != nullptr) fd_msg_free(request);
    return rc;
  }
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += kAnswerTimeoutSeconds;
  sent_at_[index] = Clock::now();
  void* data = reinterpret_cast<void*>(static_cast<std::uintptr_t>(index));
  return fd_msg_send_timeout(&request, &AnswerCallback, data, &ExpireCallback, &deadline);
}

int AddAvp(msg_or_avp* parent, struct dict_object* model, union avp_value* value) {
  struct avp* avp = nullptr;
  int rc = fd_msg_avp_new(model, 0, &avp);
  if (rc == 0 && value != nullptr) rc = fd_msg_avp_setvalue(avp, value);
  if (rc == 0) rc = fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, avp);
  return rc;
}

int AddText(msg_or_avp* parent, struct dict_object* model, const std::string& text) {
  union avp_value value;
  value.os.data = reinterpret_cast<std::uint8_t*>(const_cast<char*>(text.data()));
  value.os.len = text.size();
  return AddAvp(parent, model, &value);
}

int AddUnsigned32(msg_or_avp* parent, struct dict_object* model, std::uint32_t number) {
  union avp_value value;
  value.u32 = number;
  return AddAvp(parent, model, &value);
}

int AddGroup(msg_or_avp* parent, struct dict_object* model, struct avp** group) {
  int rc = fd_msg_avp_new(model, 0, group);
  if (rc == 0) rc = fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, *group);
  return rc;
}

// In the order of TS 29.272's ECR ABNF.
int Peer::BuildRequest(const PeerRequest& r, struct msg** message) {
  const S13Dictionary& d = dictionary_;
  int rc = fd_msg_new(d.identity_check_request, MSGFL_ALLOC_ETEID, message);
  if (rc != 0) return rc;
  struct msg* m = *message;
  static std::uint8_t session_tag[] = "s13peer";
  if ((rc = fd_msg_new_session(m, session_tag, sizeof session_tag - 1))) return rc;
  if (r.vendor_specific_application_id) {
    struct avp* vsai = nullptr;
    if ((rc = AddGroup(m, d.vendor_specific_application_id, &vsai)) ||
        (rc = AddUnsigned32(vsai, d.vendor_id, kVendor3gpp)) ||
        (rc = AddUnsigned32(vsai, d.auth_application_id, kS13ApplicationId))) {
      return rc;
    }
  }
  union avp_value no_state;
  no_state.i32 = 1;
  if ((rc = AddAvp(m, d.auth_session_state, &no_state)) || (rc = fd_msg_add_origin(m, 0)) ||
      (rc = AddText(m, d.destination_host, options_.destination_host)) ||
      (rc = AddText(m, d.destination_realm, options_.destination_realm))) {
    return rc;
  }
  if (r.terminal_information) {
    struct avp* terminal = nullptr;
    if ((rc = AddGroup(m, d.terminal_information, &terminal))) return rc;
    if (r.imei && (rc = AddText(terminal, d.imei, *r.imei))) return rc;
    if (r.meid) {
      union avp_value value;
      value.os.data = const_cast<std::uint8_t*>(r.meid->data());
      value.os.len = r.meid->size();
      if ((rc = AddAvp(terminal, d.meid, &value))) return rc;
    }
    if (r.software_version && (rc = AddText(terminal, d.software_version, *r.software_version))) {
      return rc;
    }
  }
  if (r.imsi && (rc = AddText(m, d.user_name, *r.imsi))) return rc;
  return 0;
}

std::uint32_t VendorOf(const struct avp_hdr* header) {
  return (header->avp_flags & AVP_FLAG_VENDOR) ? header->avp_vendor : 0;
}

void Peer::OnAnswer(std::uint64_t index, struct msg** answer) {
  AnswerRecord& record = records_[index];
  record.latency_ns = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - sent_at_[index]).count());
  record.answered = true;
  msg_or_avp* child = nullptr;
  fd_msg_browse_internal(*answer, MSG_BRW_FIRST_CHILD, &child, nullptr);
  while (child != nullptr) {
    struct avp* avp = static_cast<struct avp*>(child);
    struct avp_hdr* header = nullptr;
    if (fd_msg_avp_hdr(avp, &header) == 0) {
      const std::uint32_t vendor = VendorOf(header);
      if (vendor == 0 && header->avp_code == kResultCodeAvp && header->avp_value) {
        record.result_code = header->avp_value->u32;
      } else if (vendor == kVendor3gpp && header->avp_code == kEquipmentStatusAvp &&
                 header->avp_value) {
        record.equipment_status = static_cast<std::uint32_t>(header->avp_value->i32);
      } else if (vendor == 0 && header->avp_code == kExperimentalResultAvp) {
        msg_or_avp* inner = nullptr;
        fd_msg_browse_internal(avp, MSG_BRW_FIRST_CHILD, &inner, nullptr);
        while (inner != nullptr) {
          struct avp_hdr* inner_header = nullptr;
          if (fd_msg_avp_hdr(static_cast<struct avp*>(inner), &inner_header) == 0 &&
              inner_header->avp_code == kExperimentalResultCodeAvp && inner_header->avp_value) {
            record.experimental_code = inner_header->avp_value->u32;
          }
          fd_msg_browse_internal(inner, MSG_BRW_NEXT, &inner, nullptr);
        }
      }
    }
    fd_msg_browse_internal(child, MSG_BRW_NEXT, &child, nullptr);
  }
  fd_msg_free(*answer);
  *answer = nullptr;
  Finish(index);
}

void Peer::OnExpired(std::uint64_t index) {
  records_[index].timed_out = true;
  Finish(index);
}

void Peer::Finish(std::uint64_t index) {
  (void)index;
  {
    std::lock_guard lock(mutex_);
    ++finished_;
    last_answer_ = Clock::now();
  }
  window_->release();
  all_done_.notify_all();
}

void Peer::AnswerCallback(void* data, struct msg** answer) {
  g_peer.OnAnswer(reinterpret_cast<std::uintptr_t>(data), answer);
}

void Peer::ExpireCallback(void* data, DiamId_t, size_t, struct msg** request) {
  fd_msg_free(*request);
  *request = nullptr;
  g_peer.OnExpired(reinterpret_cast<std::uintptr_t>(data));
}

std::uint64_t Percentile(const std::vector<std::uint64_t>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1));
  return sorted[rank];
}

std::string Field(std::uint32_t value) {
  return value == kAbsent ? std::string("-") : std::to_string(value);
}

void Peer::WriteResults(const std::string& failure, Clock::duration elapsed) {
  std::vector<std::uint64_t> latencies;
  std::uint64_t answered = 0;
  std::uint64_t timed_out = 0;
  std::uint64_t by_status[3] = {0, 0, 0};
  std::uint64_t success = 0;
  std::uint64_t equipment_unknown = 0;
  std::uint64_t missing_avp = 0;
  std::uint64_t other = 0;
  for (const AnswerRecord& record : records_) {
    if (record.timed_out) ++timed_out;
    if (!record.answered) continue;
    ++answered;
    latencies.push_back(record.latency_ns);
    if (record.result_code == kDiameterSuccess && record.equipment_status < 3) {
      ++success;
      ++by_status[record.equipment_status];
    } else if (record.experimental_code == kDiameterErrorEquipmentUnknown) {
      ++equipment_unknown;
    } else if (record.result_code == kDiameterMissingAvp) {
      ++missing_avp;
    } else {
      ++other;
    }
  }
  std::sort(latencies.begin(), latencies.end());
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::uint64_t latency_sum = 0;
  for (std::uint64_t latency : latencies) latency_sum += latency;
  std::FILE* out = std::fopen(options_.results_file.c_str(), "w");
  if (out == nullptr) return;
  std::fprintf(out, "status=%s\n", failure.empty() ? "ok" : failure.c_str());
  std::fprintf(out, "sent=%llu\nanswered=%llu\ntimed_out=%llu\nwindow=%u\n",
               static_cast<unsigned long long>(options_.count),
               static_cast<unsigned long long>(answered),
               static_cast<unsigned long long>(timed_out), options_.window);
  std::fprintf(out, "elapsed_seconds=%.3f\nanswers_per_second=%.0f\n", seconds,
               seconds > 0 ? static_cast<double>(answered) / seconds : 0.0);
  std::fprintf(out,
               "latency_mean_us=%.1f\nlatency_p50_us=%.1f\nlatency_p90_us=%.1f\n"
               "latency_p99_us=%.1f\nlatency_max_us=%.1f\n",
               latencies.empty() ? 0.0
                                 : static_cast<double>(latency_sum) /
                                       static_cast<double>(latencies.size()) / 1000.0,
               static_cast<double>(Percentile(latencies, 0.50)) / 1000.0,
               static_cast<double>(Percentile(latencies, 0.90)) / 1000.0,
               static_cast<double>(Percentile(latencies, 0.99)) / 1000.0,
               static_cast<double>(Percentile(latencies, 1.0)) / 1000.0);
  std::fprintf(
      out,
      "result_2001=%llu\nequipment_status_0=%llu\nequipment_status_1=%llu\n"
      "equipment_status_2=%llu\nexperimental_5422=%llu\nresult_5005=%llu\n"
      "other_answers=%llu\n",
      static_cast<unsigned long long>(success), static_cast<unsigned long long>(by_status[0]),
      static_cast<unsigned long long>(by_status[1]), static_cast<unsigned long long>(by_status[2]),
      static_cast<unsigned long long>(equipment_unknown),
      static_cast<unsigned long long>(missing_avp), static_cast<unsigned long long>(other));
  std::fclose(out);
  if (options_.answers_file.empty()) return;
  std::FILE* answers = std::fopen(options_.answers_file.c_str(), "w");
  if (answers == nullptr) return;
  for (std::size_t i = 0; i < records_.size(); ++i) {
    const AnswerRecord& r = records_[i];
    if (!r.answered) {
      std::fprintf(answers, "%zu %s\n", i, r.timed_out ? "timeout" : "none");
      continue;
    }
    std::fprintf(answers, "%zu %s %s %s %llu\n", i, Field(r.result_code).c_str(),
                 Field(r.experimental_code).c_str(), Field(r.equipment_status).c_str(),
                 static_cast<unsigned long long>(r.latency_ns / 1000));
  }
  std::fclose(answers);
}

// text2pcap's input: each message as offset-prefixed hex lines, a new packet at offset 0.
void Peer::DumpMessage(const std::uint8_t* bytes, std::size_t length) {
  std::lock_guard lock(dump_mutex_);
  if (dumped_++ >= kWireDumpLimit) return;
  for (std::size_t offset = 0; offset < length; offset += 16) {
    std::fprintf(dump_, "%06zx", offset);
    for (std::size_t i = offset; i < std::min(length, offset + 16); ++i) {
      std::fprintf(dump_, " %02x", bytes[i]);
    }
    std::fputc('\n', dump_);
  }
  std::fflush(dump_);
}

// Received messages exactly as they came off the socket; sent ones as freeDiameter encodes them
// (the same bytes it wrote).
void Peer::HookCallback(enum fd_hook_type type, struct msg* message, struct peer_hdr*, void* other,
                        struct fd_hook_permsgdata*, void* regdata) {
  Peer* peer = static_cast<Peer*>(regdata);
  if (type == HOOK_DATA_RECEIVED && other != nullptr) {
    const auto* data = static_cast<const struct fd_cnx_rcvdata*>(other);
    peer->DumpMessage(data->buffer, data->length);
  } else if (type == HOOK_MESSAGE_SENT && message != nullptr) {
    std::uint8_t* buffer = nullptr;
    std::size_t length = 0;
    if (fd_msg_bufferize(message, &buffer, &length) == 0) {
      peer->DumpMessage(buffer, length);
      std::free(buffer);
    }
  }
}

int InitPeer(char* conffile) { return g_peer.Init(conffile); }

}  // namespace
}  // namespace openceir::s13::peer

extern "C" {
EXTENSION_ENTRY("s13_peer", openceir::s13::peer::InitPeer);
void fd_ext_fini(void) { openceir::s13::peer::g_peer.Fini(); }
}
