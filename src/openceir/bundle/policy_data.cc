// ReadPolicyData: one scan of each reference list.
#include "openceir/bundle/policy_data.h"

#include <algorithm>
#include <string_view>

#include "openceir/eir/snapshot_builder.h"
#include "openceir/identifiers/ascii.h"

namespace openceir::bundle {

namespace {

bool IsWhitelistStatus(std::string_view status) {
  constexpr std::string_view kWhitelist = "whitelist";
  return status.size() == kWhitelist.size() &&
         std::equal(status.begin(), status.end(), kWhitelist.begin(),
                    [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a + 32 : a) == b; });
}

template <typename T>
void SortUnique(std::vector<T>& keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

}  // namespace

Result<PolicyData> ReadPolicyData(store::RegistryStore& registry,
                                  const PolicyDataRequest& request) {
  PolicyData data;
  if (request.allocated_tacs) {
    OPENCEIR_RETURN_IF_ERROR(registry.ScanCurrentList(
        store::ListKind::kGsmaTac, [&data](const store::ListRow& row) -> Status {
          const std::string& tac = row[0];
          if (tac.size() != 8 || !identifiers::AllDigits(tac)) {
            ++data.skipped_rows;
            return Status::Ok();
          }
          data.allocated_tacs.push_back(static_cast<std::uint32_t>(std::stoul(tac)));
          return Status::Ok();
        }));
    SortUnique(data.allocated_tacs);
  }
  if (request.known_imeis) {
    // The status column by name: the list's columns are the store's schema, not ours.
    const store::ListSchema& schema = store::SchemaOf(store::ListKind::kRegistration);
    const auto status_at = static_cast<std::size_t>(
        std::find(schema.columns.begin(), schema.columns.end(), "status") - schema.columns.begin());
    if (status_at >= schema.columns.size()) {
      return InternalError("the registration list has no status column");
    }
    OPENCEIR_RETURN_IF_ERROR(registry.ScanCurrentList(
        store::ListKind::kRegistration, [&data, status_at](const store::ListRow& row) -> Status {
          // As the classification reads it (classify_context.cc): trimmed, any case.
          const std::string_view status = identifiers::TrimAscii(row[status_at]);
          if (!status.empty() && !IsWhitelistStatus(status)) return Status::Ok();
          const std::optional<std::uint64_t> key = eir::ImeiKeyOf(row[0]);
          if (!key) {
            ++data.skipped_rows;
            return Status::Ok();
          }
          data.known_imeis.push_back(*key);
          return Status::Ok();
        }));
    SortUnique(data.known_imeis);
  }
  return data;
}

}  // namespace openceir::bundle
