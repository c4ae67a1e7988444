#include "openceir/s13/peer/peer_options.h"

#include <charconv>
#include <fstream>
#include <string_view>

namespace openceir::s13::peer {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

template <typename Number>
bool ParseNumber(std::string_view text, Number* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ParseHex(std::string_view text, std::vector<std::uint8_t>* out) {
  if (text.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = HexValue(text[i]);
    const int low = HexValue(text[i + 1]);
    if (high < 0 || low < 0) return false;
    out->push_back(static_cast<std::uint8_t>(high * 16 + low));
  }
  return true;
}

bool ParseRequest(std::string_view line, PeerRequest* request) {
  while (!line.empty()) {
    const std::size_t comma = line.find(',');
    const std::string_view field = Trim(line.substr(0, comma));
    line = comma == std::string_view::npos ? std::string_view() : line.substr(comma + 1);
    const std::size_t equals = field.find('=');
    const std::string_view key = field.substr(0, equals);
    const std::string_view value =
        equals == std::string_view::npos ? std::string_view() : field.substr(equals + 1);
    if (key == "imei") {
      request->imei = std::string(value);
    } else if (key == "sv") {
      request->software_version = std::string(value);
    } else if (key == "imsi") {
      request->imsi = std::string(value);
    } else if (key == "meid") {
      request->meid.emplace();
      if (!ParseHex(value, &*request->meid)) return false;
    } else if (key == "vsai") {
      request->vendor_specific_application_id = true;
    } else if (key == "no_terminal_information") {
      request->terminal_information = false;
    } else if (!key.empty()) {
      return false;
    }
  }
  return true;
}

// Calls `use` with each line of `path` that is neither blank nor a '#' comment, trimmed; stops
// at the first line `use` refuses and names it in `error`.
template <typename Use>
bool ForEachContentLine(const std::string& path, std::string* error, Use use) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const std::string_view text = Trim(line);
    if (text.empty() || text.front() == '#') continue;
    if (!use(text)) {
      *error = path + ":" + std::to_string(line_number) + ": cannot use '" + line + "'";
      return false;
    }
  }
  return true;
}

}  // namespace

bool ReadPeerOptions(const std::string& path, PeerOptions* options, std::string* error) {
  const bool read = ForEachContentLine(path, error, [options](std::string_view text) {
    const std::size_t equals = text.find('=');
    const std::string_view key = Trim(text.substr(0, equals));
    const std::string_view value =
        equals == std::string_view::npos ? std::string_view() : Trim(text.substr(equals + 1));
    bool ok = true;
    if (key == "requests") {
      options->requests_file = value;
    } else if (key == "count") {
      ok = ParseNumber(value, &options->count);
    } else if (key == "window") {
      ok = ParseNumber(value, &options->window) && options->window > 0;
    } else if (key == "destination_realm") {
      options->destination_realm = value;
    } else if (key == "destination_host") {
      options->destination_host = value;
    } else if (key == "results") {
      options->results_file = value;
    } else if (key == "answers") {
      options->answers_file = value;
    } else if (key == "wire_dump") {
      options->wire_dump_file = value;
    } else if (key == "connect_timeout_seconds") {
      ok = ParseNumber(value, &options->connect_timeout_seconds);
    } else {
      ok = false;
    }
    return ok;
  });
  if (!read) return false;
  if (options->requests_file.empty() || options->destination_realm.empty() ||
      options->destination_host.empty() || options->results_file.empty()) {
    *error = path + ": requests, destination_realm, destination_host and results are required";
    return false;
  }
  return true;
}

bool ReadPeerRequests(const std::string& path, std::vector<PeerRequest>* requests,
                      std::string* error) {
  const bool read = ForEachContentLine(path, error, [requests](std::string_view text) {
    PeerRequest request;
    if (!ParseRequest(text, &request)) return false;
    requests->push_back(std::move(request));
    return true;
  });
  if (!read) return false;
  if (requests->empty()) {
    *error = path + " holds no request";
    return false;
  }
  return true;
}

}  // namespace openceir::s13::peer
