// ProgressLine: "\r[   ===      ] stolen.csv  1,234,567 rows  812,345 rows/s" on a terminal.
#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace openceir::cli {
namespace {

// 1234567 -> "1,234,567".
std::string Grouped(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return value < 0 ? "-" + out : out;
}

constexpr int kBarWidth = 20;
constexpr int kBlockWidth = 5;

}  // namespace

ProgressLine::ProgressLine(std::string label)
    : label_(std::move(label)),
      enabled_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Update(std::int64_t rows_read) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  // The total is unknown (compressed input), so the bar bounces instead of filling.
  int span = kBarWidth - kBlockWidth;
  int position = frame_ % (2 * span);
  if (position > span) position = 2 * span - position;
  ++frame_;
  std::string bar(static_cast<std::size_t>(kBarWidth), ' ');
  for (int i = 0; i < kBlockWidth; ++i) bar[static_cast<std::size_t>(position + i)] = '=';
  double seconds = std::chrono::duration<double>(now - start_).count();
  auto rate = seconds > 0 ? static_cast<std::int64_t>(static_cast<double>(rows_read) / seconds) : 0;
  fmt::print(stderr, "\r\033[K[{}] {}  {} rows  {} rows/s", bar, label_, Grouped(rows_read),
             Grouped(rate));
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::Finish() {
  if (!drawn_) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace openceir::cli
