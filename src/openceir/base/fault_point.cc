#include "openceir/base/fault_point.h"

#include <csignal>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

namespace openceir {
namespace {

struct FreezeTarget {
  bool enabled = false;
  std::string name;
  long passage = 1;
};

const FreezeTarget& Target() {
  static const FreezeTarget target = [] {
    FreezeTarget t;
    const char* value = std::getenv("OPENCEIR_FREEZE_AT");
    if (value == nullptr || *value == '\0') return t;
    std::string spec(value);
    t.enabled = true;
    auto at = spec.find('@');
    t.name = spec.substr(0, at);
    if (at != std::string::npos) t.passage = std::strtol(spec.c_str() + at + 1, nullptr, 10);
    return t;
  }();
  return target;
}

}  // namespace

void FaultPoint(std::string_view name) {
  const FreezeTarget& target = Target();
  if (!target.enabled || name != target.name) return;
  static std::mutex mutex;
  static long passages = 0;
  std::lock_guard<std::mutex> lock(mutex);
  if (++passages == target.passage) std::raise(SIGSTOP);
}

}  // namespace openceir
