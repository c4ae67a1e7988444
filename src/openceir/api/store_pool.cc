#include "openceir/api/store_pool.h"

namespace openceir::api {

StorePool::Lease::~Lease() {
  if (pool_ != nullptr && store_ != nullptr) pool_->Release(std::move(store_));
}

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<store::RegistryStore> store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store));
    }
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::RegistryStore> store, opener_());
  return Lease(this, std::move(store));
}

void StorePool::Release(std::unique_ptr<store::RegistryStore> store) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(store));
}

}  // namespace openceir::api
