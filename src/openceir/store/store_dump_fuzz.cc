// Fuzzes what `openceir db import` reads from a dump folder: the manifest (JSON) and table rows
// (COPY text). The first byte chooses which; neither may crash, hang or read out of bounds, and a
// decoded row's fields must lie within the line or the unescape buffer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "openceir/store/store_dump.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    openceir::store::ParseDumpManifest(input, "fuzz/manifest.json").status().IgnoreError();
    return 0;
  }
  std::vector<std::optional<std::string_view>> fields;
  std::string storage;
  std::size_t start = 0;
  while (start <= input.size()) {
    std::size_t end = input.find('\n', start);
    std::string_view line = input.substr(start, end == std::string_view::npos ? end : end - start);
    if (openceir::store::DecodeDumpLine(line, &fields, &storage) == 0) {
      for (const auto& field : fields) {
        if (!field) continue;
        bool in_line = field->data() >= line.data() &&
                       field->data() + field->size() <= line.data() + line.size();
        bool in_storage = field->data() >= storage.data() &&
                          field->data() + field->size() <= storage.data() + storage.size();
        if (!in_line && !in_storage) __builtin_trap();
      }
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return 0;
}
