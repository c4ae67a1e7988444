#include "openceir/events/travel_buffer.h"

#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <tuple>

namespace openceir::events {

TravelBuffer::TravelBuffer(int partitions, std::size_t memory_budget_bytes, std::string spill_dir)
    : partitions_(static_cast<std::size_t>(std::clamp(partitions, 1, 4096))),
      spill_files_(partitions_.size(), nullptr),
      max_in_memory_(std::max<std::size_t>(1024, memory_budget_bytes / sizeof(TravelRecord))),
      spill_parent_(std::move(spill_dir)) {}

TravelBuffer::~TravelBuffer() {
  for (std::FILE*& file : spill_files_) {
    if (file != nullptr) std::fclose(file);
  }
  if (!spill_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(spill_dir_, ignored);
  }
}

Status TravelBuffer::OpenSpillDir() {
  std::error_code error;
  std::filesystem::path parent = spill_parent_.empty() ? std::filesystem::temp_directory_path(error)
                                                       : std::filesystem::path(spill_parent_);
  if (error) return IoError(fmt::format("no temporary folder: {}", error.message()));
  std::string pattern = (parent / "openceir-travel-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return IoError(fmt::format("cannot create a spill folder in {}: {}", parent.string(),
                               std::strerror(errno)));
  }
  spill_dir_ = pattern;
  return Status::Ok();
}

std::string TravelBuffer::SpillPath(std::size_t partition) const {
  return fmt::format("{}/part-{}", spill_dir_, partition);
}

Status TravelBuffer::SpillLargest() {
  auto largest = std::max_element(partitions_.begin(), partitions_.end(),
                                  [](const auto& a, const auto& b) { return a.size() < b.size(); });
  auto index = static_cast<std::size_t>(largest - partitions_.begin());
  if (spill_dir_.empty()) OPENCEIR_RETURN_IF_ERROR(OpenSpillDir());
  std::FILE*& file = spill_files_[index];
  if (file == nullptr) {
    file = std::fopen(SpillPath(index).c_str(), "w+b");
    if (file == nullptr) {
      return IoError(fmt::format("cannot create {}: {}", SpillPath(index), std::strerror(errno)));
    }
  }
  std::size_t bytes = largest->size() * sizeof(TravelRecord);
  if (std::fwrite(largest->data(), 1, bytes, file) != bytes) {
    return IoError(fmt::format("cannot write {}: {}", SpillPath(index), std::strerror(errno)));
  }
  spilled_bytes_ += static_cast<std::int64_t>(bytes);
  records_ += static_cast<std::int64_t>(largest->size());
  in_memory_ -= largest->size();
  std::vector<TravelRecord>().swap(*largest);  // give the memory back
  return Status::Ok();
}

Status TravelBuffer::Finish(const TravelPartitionVisitor& visit) {
  std::vector<TravelRecord> all;
  for (std::size_t index = 0; index < partitions_.size(); ++index) {
    std::vector<TravelRecord>& part = partitions_[index];
    std::FILE*& file = spill_files_[index];
    in_memory_ -= part.size();
    if (file != nullptr) {
      std::fflush(file);
      long size = std::ftell(file);
      if (size < 0 || std::fseek(file, 0, SEEK_SET) != 0) {
        return IoError(fmt::format("cannot read back {}", SpillPath(index)));
      }
      std::size_t count = static_cast<std::size_t>(size) / sizeof(TravelRecord);
      all.resize(count);
      if (std::fread(all.data(), sizeof(TravelRecord), count, file) != count) {
        return IoError(fmt::format("cannot read back {}", SpillPath(index)));
      }
      std::fclose(file);
      file = nullptr;
      std::remove(SpillPath(index).c_str());
      all.insert(all.end(), part.begin(), part.end());
      std::vector<TravelRecord>().swap(part);
    } else {
      all.swap(part);
      std::vector<TravelRecord>().swap(part);
    }
    if (all.empty()) continue;
    std::sort(all.begin(), all.end(), [](const TravelRecord& a, const TravelRecord& b) {
      return std::tie(a.imei_key, a.time, a.subscriber, a.cell) <
             std::tie(b.imei_key, b.time, b.subscriber, b.cell);
    });
    OPENCEIR_RETURN_IF_ERROR(visit(all));
    all.clear();
  }
  records_ = 0;
  return Status::Ok();
}

}  // namespace openceir::events
