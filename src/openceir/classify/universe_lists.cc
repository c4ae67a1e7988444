#include "openceir/classify/universe_lists.h"

#include <algorithm>

#include "openceir/classify/classify_context.h"
#include "openceir/identifiers/imei.h"

namespace openceir::classify {
namespace {

// As ClassifyContext::AddStolen: a report is confirmed when its status is empty or "blacklist".
bool IsConfirmedStolen(std::string_view status) {
  const auto first = status.find_first_not_of(" \t");
  if (first == std::string_view::npos) return true;
  status = status.substr(first, status.find_last_not_of(" \t") - first + 1);
  return LowerAscii(status) == "blacklist";
}

}  // namespace

void UniverseListImeis::Add(std::string_view imei_norm) {
  if (imei_norm.empty()) return;
  if (auto packed = identifiers::PackImei(imei_norm)) {
    packed_.push_back(*packed);
  } else {
    others_.emplace_back(imei_norm);
  }
}

void UniverseListImeis::Finish() {
  std::sort(packed_.begin(), packed_.end());
  packed_.erase(std::unique(packed_.begin(), packed_.end()), packed_.end());
  std::sort(others_.begin(), others_.end());
  others_.erase(std::unique(others_.begin(), others_.end()), others_.end());
  next_packed_ = 0;
  next_other_ = 0;
}

bool UniverseListImeis::Next(std::string* imei_norm) {
  const bool has_packed = next_packed_ < packed_.size();
  const bool has_other = next_other_ < others_.size();
  if (!has_packed && !has_other) return false;
  // Packed keys unpack to 14 digits, which order like the keys; merge with the others by text.
  if (has_packed) packed_text_ = identifiers::UnpackImei(packed_[next_packed_]);
  if (has_packed && (!has_other || packed_text_ < others_[next_other_])) {
    *imei_norm = packed_text_;
    ++next_packed_;
  } else {
    *imei_norm = others_[next_other_];
    ++next_other_;
  }
  return true;
}

Result<UniverseListImeis> LoadUniverseListImeis(store::RegistryStore& registry,
                                                std::uint32_t parts) {
  UniverseListImeis imeis;
  if (parts & kNeedStolen) {
    // Stolen columns: imei_norm, reporting_date, status.
    OPENCEIR_RETURN_IF_ERROR(
        registry.ScanCurrentList(store::ListKind::kStolen, [&](const store::ListRow& row) {
          if (IsConfirmedStolen(row[2])) imeis.Add(row[0]);
          return Status::Ok();
        }));
  }
  for (auto [part, kind] : {std::pair{kNeedBarred, store::ListKind::kBarred},
                            std::pair{kNeedMonitoring, store::ListKind::kMonitoring}}) {
    if ((parts & part) == 0) continue;
    OPENCEIR_RETURN_IF_ERROR(registry.ScanCurrentList(kind, [&](const store::ListRow& row) {
      imeis.Add(row[0]);
      return Status::Ok();
    }));
  }
  imeis.Finish();
  return imeis;
}

}  // namespace openceir::classify
