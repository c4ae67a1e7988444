// What the S13 peer extension (s13_peer.fdx) is told to do: its configuration file (the
// LoadExtension argument) and the request file it reads. Both are plain text:
//
//   configuration, "key = value" a line, '#' comments:
//     requests = FILE            one request a line (below); required
//     count = N                  requests to send, cycling through the file (default: its lines)
//     window = N                 requests outstanding at most (default 16)
//     destination_realm = REALM  required
//     destination_host = HOST    the EIR's Diameter Identity; also the peer waited for (required)
//     results = FILE             summary written at the end (required)
//     answers = FILE             one line per request: "index result_code experimental_code
//                                equipment_status latency_us" ('-' for an absent AVP)
//     wire_dump = FILE           every message sent and received, as a text2pcap hex dump
//     connect_timeout_seconds = N  how long to wait for the EIR connection (default 30)
//
//   request line, comma-separated fields (empty lines and '#' lines skipped):
//     imei=DIGITS  sv=DIGITS  meid=HEXOCTETS  imsi=DIGITS  vsai (add a
//     Vendor-Specific-Application-Id)  no_terminal_information
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openceir::s13::peer {

struct PeerRequest {
  bool terminal_information = true;
  std::optional<std::string> imei;
  std::optional<std::string> software_version;
  std::optional<std::vector<std::uint8_t>> meid;
  std::optional<std::string> imsi;
  bool vendor_specific_application_id = false;
};

struct PeerOptions {
  std::string requests_file;
  std::uint64_t count = 0;  // 0: one per request line
  std::uint32_t window = 16;
  std::string destination_realm;
  std::string destination_host;
  std::string results_file;
  std::string answers_file;
  std::string wire_dump_file;
  int connect_timeout_seconds = 30;
};

// The options in `path`, or an error message naming the line.
bool ReadPeerOptions(const std::string& path, PeerOptions* options, std::string* error);
// The request lines of `path`, or an error message naming the line.
bool ReadPeerRequests(const std::string& path, std::vector<PeerRequest>* requests,
                      std::string* error);

}  // namespace openceir::s13::peer
