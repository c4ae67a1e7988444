#include "openceir/classify/context_loader.h"

#include <array>
#include <string_view>

#include "openceir/store/list_schema.h"

namespace openceir::classify {
namespace {

using store::ListKind;
using store::ListRow;

// Column positions of one list, looked up once.
class Columns {
 public:
  explicit Columns(ListKind kind) : columns_(store::SchemaOf(kind).columns) {}
  std::size_t operator()(std::string_view name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i] == name) return i;
    }
    return columns_.size();  // unreachable for the names used below (schema_test checks them)
  }

 private:
  std::span<const std::string_view> columns_;
};

std::string_view At(const ListRow& row, std::size_t index) {
  return index < row.size() ? std::string_view(row[index]) : std::string_view();
}

}  // namespace

ContextNeeds NeedsOf(std::span<const std::unique_ptr<Dimension>> dimensions, Date curr_date) {
  ContextNeeds needs;
  for (const auto& dimension : dimensions) dimension->AddNeeds(curr_date, &needs);
  return needs;
}

Result<std::unique_ptr<ClassifyContext>> LoadClassifyContext(store::RegistryStore& registry,
                                                             store::ObservationStore* observations,
                                                             const config::RegionConfig& region,
                                                             Date curr_date,
                                                             const ContextNeeds& needs) {
  auto context = std::make_unique<ClassifyContext>(curr_date);
  ClassifyContext& c = *context;
  OPENCEIR_RETURN_IF_ERROR(c.SetRegion(region));

  if (needs.parts & kNeedGsmaTac) {
    const Columns col(ListKind::kGsmaTac);
    const std::size_t tac = col("tac"), manufacturer = col("manufacturer"),
                      model = col("model_name"), type = col("device_type"),
                      caps = col("radio_caps"), allocated = col("allocation_date");
    OPENCEIR_RETURN_IF_ERROR(registry.ScanCurrentList(ListKind::kGsmaTac, [&](const ListRow& r) {
      c.AddGsmaTac(At(r, tac), At(r, manufacturer), At(r, model), At(r, type), At(r, caps),
                   At(r, allocated));
      return Status::Ok();
    }));
  }
  if (needs.parts & kNeedStolen) {
    const Columns col(ListKind::kStolen);
    const std::size_t imei = col("imei_norm"), date = col("reporting_date"), status = col("status");
    OPENCEIR_RETURN_IF_ERROR(registry.ScanCurrentList(ListKind::kStolen, [&](const ListRow& r) {
      c.AddStolen(At(r, imei), At(r, date), At(r, status));
      return Status::Ok();
    }));
  }
  // One scan of the registration list serves both its parts (it is the largest list).
  const bool registration = (needs.parts & kNeedRegistration) != 0;
  const bool typed_imeis = (needs.parts & kNeedTypedImeis) != 0;
  if (registration || typed_imeis) {
    // Four of its ten columns: the others are neither decoded nor copied.
    constexpr std::array<std::string_view, 4> kColumns = {"imei_norm", "status", "device_type",
                                                          "approved_imei"};
    OPENCEIR_RETURN_IF_ERROR(
        registry.ScanCurrentListColumns(ListKind::kRegistration, kColumns, [&](const ListRow& r) {
          if (registration) c.AddRegistration(r[0], r[1], r[2]);
          if (typed_imeis) c.AddTypedImei(r[0], r[3]);
          return Status::Ok();
        }));
  }
  if (needs.parts & kNeedBarred) {
    OPENCEIR_RETURN_IF_ERROR(registry.ScanCurrentList(ListKind::kBarred, [&](const ListRow& r) {
      c.AddBarred(At(r, 0));
      return Status::Ok();
    }));
  }
  if (needs.parts & kNeedBarredTac) {
    OPENCEIR_RETURN_IF_ERROR(registry.ScanCurrentList(ListKind::kBarredTac, [&](const ListRow& r) {
      c.AddBarredTac(At(r, 0));
      return Status::Ok();
    }));
  }
  if (needs.parts & kNeedMonitoring) {
    OPENCEIR_RETURN_IF_ERROR(registry.ScanCurrentList(ListKind::kMonitoring, [&](const ListRow& r) {
      c.AddMonitored(At(r, 0));
      return Status::Ok();
    }));
  }
  if (needs.parts & kNeedAssociation) {
    const Columns col(ListKind::kAssociation);
    const std::size_t uid = col("uid"), imei = col("imei_norm");
    OPENCEIR_RETURN_IF_ERROR(
        registry.ScanCurrentList(ListKind::kAssociation, [&](const ListRow& r) {
          c.AddAssociation(At(r, uid), At(r, imei));
          return Status::Ok();
        }));
  }
  if (needs.parts & kNeedSubscribers) {
    const Columns col(ListKind::kSubscribers);
    const std::size_t uid = col("uid"), imsi = col("imsi");
    OPENCEIR_RETURN_IF_ERROR(
        registry.ScanCurrentList(ListKind::kSubscribers, [&](const ListRow& r) {
          c.AddSubscriber(At(r, uid), At(r, imsi));
          return Status::Ok();
        }));
  }
  if (needs.travel_window) {
    if (observations == nullptr) {
      return FailedPreconditionError(
          "impossible_travel needs the observation store's travel evidence");
    }
    OPENCEIR_RETURN_IF_ERROR(observations->ScanTravelEvidence(
        *needs.travel_window, [&](const store::TravelEvidence& evidence) {
          c.AddTravelEvidence(evidence);
          return Status::Ok();
        }));
  }
  c.Finish();
  return context;
}

}  // namespace openceir::classify
