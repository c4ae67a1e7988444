// RowWriter / RowReader over stdio with large buffers, and the CSV field rules.
#include "openceir/lists/row_file.h"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

namespace openceir::lists {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

}  // namespace

void AppendCsvField(std::string_view field, std::string* line) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    line->append(field);
    return;
  }
  line->push_back('"');
  for (char c : field) {
    if (c == '"') line->push_back('"');
    line->push_back(c);
  }
  line->push_back('"');
}

Result<std::unique_ptr<RowWriter>> RowWriter::Create(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return IoError(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  }
  std::setvbuf(file, nullptr, _IOFBF, kBufferBytes);
  return std::unique_ptr<RowWriter>(new RowWriter(path, file));
}

RowWriter::~RowWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status RowWriter::Write(std::span<const std::string_view> fields) {
  line_.clear();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line_.push_back(',');
    AppendCsvField(fields[i], &line_);
  }
  line_.push_back('\n');
  ++rows_;
  return WriteRaw(line_);
}

Status RowWriter::WriteRaw(std::string_view line) {
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size()) {
    return IoError(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  }
  return Status::Ok();
}

Status RowWriter::Close() {
  std::FILE* file = file_;
  file_ = nullptr;
  if (std::fclose(file) != 0) {
    return IoError(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  }
  return Status::Ok();
}

Result<std::unique_ptr<RowReader>> RowReader::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  std::setvbuf(file, nullptr, _IOFBF, kBufferBytes);
  return std::unique_ptr<RowReader>(new RowReader(path, file));
}

RowReader::~RowReader() {
  std::fclose(file_);
  std::free(buffer_);
}

Result<bool> RowReader::Next(std::vector<std::string>* fields) {
  ssize_t got = ::getline(&buffer_, &capacity_, file_);
  if (got < 0) {
    if (std::ferror(file_)) return IoError(fmt::format("{}: read failed", path_));
    return false;
  }
  std::string_view line(buffer_, static_cast<std::size_t>(got));
  // A quoted field may hold line breaks: read on until the quotes balance.
  auto odd_quotes = [](std::string_view text) {
    std::size_t quotes = 0;
    for (char c : text) quotes += c == '"';
    return quotes % 2 == 1;
  };
  if (odd_quotes(line)) {
    pending_.assign(line);
    while (odd_quotes(pending_)) {
      got = ::getline(&buffer_, &capacity_, file_);
      if (got < 0) return IoError(fmt::format("{}: unterminated quoted field", path_));
      pending_.append(buffer_, static_cast<std::size_t>(got));
    }
    line = pending_;
  }
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  std::size_t field = 0;
  auto next_field = [&]() -> std::string& {
    if (fields->size() <= field) fields->emplace_back();
    std::string& out = (*fields)[field++];
    out.clear();
    return out;
  };
  std::size_t i = 0;
  while (true) {
    std::string& out = next_field();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            out.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        out.push_back(line[i++]);
      }
    } else {
      std::size_t end = line.find(',', i);
      if (end == std::string_view::npos) end = line.size();
      out.assign(line.substr(i, end - i));
      i = end;
    }
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  fields->resize(field);
  return true;
}

int CompareKeys(std::span<const std::string> a, std::span<const std::string> b,
                std::size_t key_size) {
  for (std::size_t i = 0; i < key_size; ++i) {
    int c = a[i].compare(b[i]);
    if (c != 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

}  // namespace openceir::lists
