// RowWriter / RowReader over stdio with large buffers, and the CSV field rules.
#include "openceir/lists/row_file.h"

#include <fmt/format.h>
#include <openssl/evp.h>

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

Sha256Stream::Sha256Stream() : context_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(context_), EVP_sha256(), nullptr);
}

Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_)); }

void Sha256Stream::Update(std::string_view bytes) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), bytes.data(), bytes.size());
}

std::string Sha256Stream::FinishHex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(context_), digest, &size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(size * 2, '0');
  for (unsigned int i = 0; i < size; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 15];
  }
  return hex;
}

RowWriter::RowWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}

Result<std::unique_ptr<RowWriter>> RowWriter::Create(const std::string& path, bool sha256) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return IoError(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  }
  std::setvbuf(file, nullptr, _IONBF, 0);  // RowWriter buffers itself
  std::unique_ptr<RowWriter> writer(new RowWriter(path, file));
  if (sha256) writer->hash_ = std::make_unique<Sha256Stream>();
  writer->buffer_.reserve(kBufferBytes + 4096);
  return writer;
}

RowWriter::~RowWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status RowWriter::Write(std::span<const std::string_view> fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) buffer_.push_back(',');
    AppendCsvField(fields[i], &buffer_);
  }
  buffer_.push_back('\n');
  ++rows_;
  return buffer_.size() >= kBufferBytes ? Flush() : Status::Ok();
}

Status RowWriter::WriteRaw(std::string_view line) {
  buffer_.append(line);
  return buffer_.size() >= kBufferBytes ? Flush() : Status::Ok();
}

Status RowWriter::Flush() {
  if (buffer_.empty()) return Status::Ok();
  if (hash_) hash_->Update(buffer_);
  bytes_ += static_cast<std::int64_t>(buffer_.size());
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return IoError(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  }
  buffer_.clear();
  return Status::Ok();
}

Status RowWriter::Close() {
  Status flushed = Flush();
  std::FILE* file = file_;
  file_ = nullptr;
  if (std::fclose(file) != 0 && flushed.ok()) {
    return IoError(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  }
  if (hash_) sha256_hex_ = hash_->FinishHex();
  return flushed;
}

Result<std::string> Sha256OfFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  Sha256Stream hash;
  std::string buffer(kBufferBytes, '\0');
  while (true) {
    std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file);
    if (got == 0) break;
    hash.Update(std::string_view(buffer.data(), got));
  }
  bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return IoError(fmt::format("{}: read failed", path));
  return hash.FinishHex();
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
