// The three-stage pipeline that reads network data files (operator data, events): a reader
// thread cuts the input into chunks of whole lines, a parser thread validates each chunk into a
// batch, and the caller's thread consumes the batches in file order. One template so that every
// row parser gets the same buffering, line-length limit and early stop.
//
// Parser needs: void ParseChunk(std::string_view chunk, Batch* out); void
// ReportLineTooLong(std::size_t max_line_bytes); void Finish(). Batch needs clear().
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "openceir/base/status.h"
#include "openceir/io/input_file.h"
#include "openceir/io/sha256.h"

namespace openceir::observe {
namespace chunked_file_detail {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
constexpr int kInFlight = 3;  // buffers per stage: one being filled, one queued, one consumed

// A closable FIFO hand-off between two threads.
template <typename T>
class Channel {
 public:
  void Push(T item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }
  // False when closed and empty.
  bool Pop(T* item) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return false;
    *item = std::move(items_.front());
    items_.pop_front();
    return true;
  }
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
  bool closed_ = false;
};

struct RawChunk {
  std::string bytes;
  bool line_too_long = false;
};

}  // namespace chunked_file_detail

// The SHA-256 of the input's bytes, computed by the reader thread as it reads (for inputs that
// are the file's own bytes: io::InputStream::reads_raw_bytes), so a file is read once.
struct RawDigest {
  io::Sha256* digest = nullptr;  // not owned
  bool complete = false;         // set when the whole input was read and hashed
};

// Reads `input` through `parser` and hands each batch to `consume`, in file order. A line
// longer than `max_line_bytes` ends the read (the parser reports it). Stops early when
// `consume` fails and returns its status; an input error is returned first. `raw` (optional)
// receives every byte read; it is complete only when the read reached the end of the input.
template <typename Parser, typename Batch>
Status ReadChunkedFile(io::InputStream* input, Parser* parser,
                       const std::function<Status(const Batch&)>& consume,
                       std::size_t max_line_bytes, RawDigest* raw = nullptr) {
  using chunked_file_detail::Channel;
  using chunked_file_detail::kChunkBytes;
  using chunked_file_detail::kInFlight;
  using chunked_file_detail::RawChunk;
  Channel<std::unique_ptr<RawChunk>> raw_free, raw_full;
  Channel<std::unique_ptr<Batch>> parsed_free, parsed_full;
  for (int i = 0; i < kInFlight; ++i) {
    auto chunk = std::make_unique<RawChunk>();
    chunk->bytes.reserve(kChunkBytes + 4096);
    raw_free.Push(std::move(chunk));
    parsed_free.Push(std::make_unique<Batch>());
  }
  Status read_status;
  std::atomic<bool> stopped{false};  // the consumer failed: producers stop at the next chunk

  // Stage 1: whole lines of about kChunkBytes; the bytes after the last line break are carried
  // into the next chunk.
  std::thread reader([&] {
    std::string carry;
    bool eof = false;
    while (!eof && !stopped.load()) {
      std::unique_ptr<RawChunk> chunk;
      if (!raw_free.Pop(&chunk)) break;  // stopped
      chunk->bytes.swap(carry);
      carry.clear();
      chunk->line_too_long = false;
      for (;;) {
        std::size_t have = chunk->bytes.size();
        std::size_t want = have < kChunkBytes ? kChunkBytes - have : 65536;
        chunk->bytes.resize(have + want);
        Result<std::size_t> n = input->Read(chunk->bytes.data() + have, want);
        if (!n.ok()) {
          read_status = n.status();
          chunk->bytes.resize(have);
          eof = true;
          break;
        }
        chunk->bytes.resize(have + *n);
        if (*n == 0) {
          if (raw != nullptr) raw->complete = true;
          eof = true;
          break;
        }
        if (raw != nullptr) {
          Status hashed = raw->digest->Update(std::string_view(chunk->bytes).substr(have));
          if (!hashed.ok()) {
            read_status = hashed;
            eof = true;
            break;
          }
        }
        std::size_t last_break = chunk->bytes.rfind('\n');
        if (last_break != std::string::npos && chunk->bytes.size() >= kChunkBytes) {
          carry.assign(chunk->bytes, last_break + 1);
          chunk->bytes.resize(last_break + 1);
          break;
        }
        std::size_t since_break = last_break == std::string::npos
                                      ? chunk->bytes.size()
                                      : chunk->bytes.size() - last_break - 1;
        if (since_break > max_line_bytes) {
          chunk->line_too_long = true;
          chunk->bytes.resize(last_break == std::string::npos ? 0 : last_break + 1);
          eof = true;
          break;
        }
      }
      raw_full.Push(std::move(chunk));
    }
    raw_full.Close();
  });

  // Stage 2: validation.
  std::thread parse([&] {
    std::unique_ptr<RawChunk> chunk;
    while (!stopped.load() && raw_full.Pop(&chunk)) {
      std::unique_ptr<Batch> batch;
      if (!parsed_free.Pop(&batch)) break;  // stopped
      batch->clear();
      parser->ParseChunk(chunk->bytes, batch.get());
      bool too_long = chunk->line_too_long;
      raw_free.Push(std::move(chunk));
      parsed_full.Push(std::move(batch));
      if (too_long) {
        parser->ReportLineTooLong(max_line_bytes);
        break;
      }
    }
    raw_free.Close();  // lets the reader stop if the parse ended early
    parser->Finish();
    parsed_full.Close();
  });

  // Stage 3: the caller's consumer.
  Status status;
  std::unique_ptr<Batch> batch;
  while (parsed_full.Pop(&batch)) {
    if (status.ok()) status = consume(*batch);
    if (!status.ok()) {
      // Stop the producers; keep draining so that they can finish.
      stopped.store(true);
      raw_free.Close();
      parsed_free.Close();
    }
    parsed_free.Push(std::move(batch));
  }
  parse.join();
  reader.join();
  if (!read_status.ok()) return read_status;
  return status;
}

}  // namespace openceir::observe
