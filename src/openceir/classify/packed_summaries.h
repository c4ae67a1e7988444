// PackedSummaries: a batch of IMEIs' window summaries written one after the other into one flat
// byte buffer, and read back into summaries the reader keeps. This is how the summary scan's
// thread hands summaries to the classifying thread (summary_streams.h): an ImeiSummary is a
// dozen heap blocks (IMSIs, their day words, operators, MSISDNs), and writing them into blocks
// last read by the other thread missed the cache on every one (a quarter of the scan thread's
// time). Written in order into one buffer, the stores stream; read in order, the loads do, and
// the summaries unpacked into stay in the reader's cache from IMEI to IMEI.
//
// Not thread-safe: one writer, then (after a hand-over that orders memory, e.g. a mutex) one
// reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "openceir/store/imei_summary.h"

namespace openceir::classify {

class PackedSummaries {
 public:
  // Empties the batch, keeping its buffers.
  void Clear();
  // Appends one IMEI: summaries[w] is its summary for window w, or null when it was not seen
  // there (at least one is not null; all have the same imei_norm and first_seen_ever).
  void Append(std::span<const store::ImeiSummary* const> summaries);

  std::size_t size() const { return starts_.size(); }
  // Bytes held (the buffer's capacity).
  std::size_t capacity_bytes() const { return capacity_; }

  // IMEI `index`: its imei_norm (a view into the batch, valid until Clear()), and into
  // out[w] its summary for window w, reusing what out[w] holds; present[w] says whether it was
  // seen there (out[w] is left as it was when not). out and present have one entry a window.
  // IMSI entries out[w] no longer needs go to *spare, and new ones are taken from it, so that
  // their day buffers are reused too.
  std::string_view Unpack(std::size_t index, std::span<store::ImeiSummary> out,
                          std::span<bool> present, std::vector<store::ImsiSeen>* spare) const;

 private:
  // Room for `size` more bytes after the last IMEI (their contents undefined); returns it.
  char* Reserve(std::size_t size);

  std::unique_ptr<char[]> bytes_;  // capacity_ bytes, the first size_ written
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  std::vector<std::size_t> starts_;  // offset of each IMEI in bytes_
};

}  // namespace openceir::classify
