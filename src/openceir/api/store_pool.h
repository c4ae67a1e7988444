// Registry store objects for the server's worker threads. A RegistryStore is used by one thread
// at a time, so each request leases one (opened on demand, kept for the next request).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::api {

using StoreOpener = std::function<Result<std::unique_ptr<store::RegistryStore>>()>;

class StorePool {
 public:
  explicit StorePool(StoreOpener opener) : opener_(std::move(opener)) {}

  // A store held until the lease is destroyed. Thread-safe.
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<store::RegistryStore> store)
        : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    // Drops the store instead of returning it to the pool (its connection is gone: kUnavailable),
    // so the next request opens a fresh one.
    void Discard() { store_.reset(); }
    store::RegistryStore& operator*() { return *store_; }
    store::RegistryStore* operator->() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::RegistryStore> store_;
  };

  // An idle store, or a new one. Errors: the opener's.
  Result<Lease> Acquire();

 private:
  void Release(std::unique_ptr<store::RegistryStore> store);

  StoreOpener opener_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::RegistryStore>> idle_;
};

}  // namespace openceir::api
