#include "openceir/reports/report_files.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace openceir::reports {

Status MakeOutputDir(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return IoError(fmt::format("cannot create {}: {}", dir, error.message()));
  return Status::Ok();
}

Status WriteTextFile(const std::string& path, std::string_view content) {
  const std::string temporary = fmt::format("{}.tmp{}", path, ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      return IoError(fmt::format("cannot write {}", path));
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) return IoError(fmt::format("cannot write {}: {}", path, error.message()));
  return Status::Ok();
}

StreamedFile::StreamedFile(std::string path)
    : path_(std::move(path)),
      temporary_(fmt::format("{}.tmp{}", path_, ::getpid())),
      out_(temporary_, std::ios::binary | std::ios::trunc) {}

StreamedFile::~StreamedFile() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

Status StreamedFile::Commit() {
  out_.close();
  if (!out_) return IoError(fmt::format("cannot write {}", path_));
  std::error_code error;
  std::filesystem::rename(temporary_, path_, error);
  if (error) return IoError(fmt::format("cannot write {}: {}", path_, error.message()));
  committed_ = true;
  return Status::Ok();
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvField(fields[i]);
  }
  line += '\n';
  return line;
}

std::string GroupThousands(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string Percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "0.0%";
  // Integer rounding (tenths of a percent), so the text never depends on float formatting.
  std::int64_t tenths = (part * 2000 + whole) / (2 * whole);
  return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}

}  // namespace openceir::reports
