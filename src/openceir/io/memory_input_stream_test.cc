// Tests for MemoryInputStream: owned and viewed data, short reads, moves.
#include "openceir/io/memory_input_stream.h"

#include <gtest/gtest.h>

#include <string>

namespace openceir::io {
namespace {

std::string Drain(InputStream& stream, std::size_t chunk) {
  std::string out;
  std::string buffer(chunk, '\0');
  while (true) {
    Result<std::size_t> count = stream.Read(buffer.data(), buffer.size());
    EXPECT_TRUE(count.ok());
    if (*count == 0) return out;
    EXPECT_LE(*count, chunk);
    out.append(buffer.data(), *count);
  }
}

TEST(MemoryInputStreamTest, ServesAllBytesInChunks) {
  for (std::size_t chunk : {1u, 3u, 64u}) {
    MemoryInputStream stream("imei\n35123456789012\n", "list.csv");
    EXPECT_EQ(stream.display_name(), "list.csv");
    EXPECT_EQ(Drain(stream, chunk), "imei\n35123456789012\n");
  }
}

TEST(MemoryInputStreamTest, CapsReadsAtMaxRead) {
  MemoryInputStream stream("abcdefgh", "m", 3);
  char buffer[8];
  Result<std::size_t> count = stream.Read(buffer, sizeof(buffer));
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 3u);
  EXPECT_EQ(std::string(buffer, 3), "abc");
}

TEST(MemoryInputStreamTest, ViewAndMoveKeepTheData) {
  const std::string data(100, 'x');
  MemoryInputStream view = MemoryInputStream::View(data);
  EXPECT_EQ(view.display_name(), "<memory>");
  MemoryInputStream moved_view(std::move(view));
  EXPECT_EQ(Drain(moved_view, 7), data);

  MemoryInputStream small("short");  // short-string storage moves by copy
  MemoryInputStream moved_small(std::move(small));
  EXPECT_EQ(Drain(moved_small, 2), "short");
  MemoryInputStream large(std::string(1000, 'y'));
  MemoryInputStream moved_large(std::move(large));
  EXPECT_EQ(Drain(moved_large, 100), std::string(1000, 'y'));
}

}  // namespace
}  // namespace openceir::io
