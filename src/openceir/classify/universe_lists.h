// UniverseListImeis: the IMEIs of the lists that join the classification universe even when
// never seen on the network (confirmed stolen, barred, monitoring: see classifier.h), sorted
// and read back in imei_norm order. 14-digit IMEIs are packed (8 bytes each).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::classify {

class UniverseListImeis {
 public:
  void Add(std::string_view imei_norm);
  void Finish();  // sorts and removes repeats

  std::size_t size() const { return packed_.size() + others_.size(); }
  // The next IMEI in imei_norm order into *imei_norm; false at the end.
  bool Next(std::string* imei_norm);

 private:
  std::vector<std::uint64_t> packed_;
  std::vector<std::string> others_;
  std::size_t next_packed_ = 0;
  std::size_t next_other_ = 0;
  std::string packed_text_;  // next_packed_'s imei_norm, unpacked
};

// Reads the lists named by `parts` (ContextPart bits kNeedStolen, kNeedBarred,
// kNeedMonitoring). Stolen: confirmed entries only (status empty or "blacklist"), as the
// stolen_list dimension. Errors: the store's, unchanged.
Result<UniverseListImeis> LoadUniverseListImeis(store::RegistryStore& registry,
                                                std::uint32_t parts);

}  // namespace openceir::classify
