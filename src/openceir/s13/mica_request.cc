#include "openceir/s13/mica_request.h"

#include "openceir/s13/s13_dictionary.h"

namespace openceir::s13 {
namespace {

// The first child of `parent` (a message or a grouped AVP), or null.
struct avp* FirstChild(msg_or_avp* parent) {
  msg_or_avp* child = nullptr;
  if (fd_msg_browse_internal(parent, MSG_BRW_FIRST_CHILD, &child, nullptr) != 0) return nullptr;
  return static_cast<struct avp*>(child);
}

struct avp* NextSibling(struct avp* avp) {
  msg_or_avp* next = nullptr;
  if (fd_msg_browse_internal(avp, MSG_BRW_NEXT, &next, nullptr) != 0) return nullptr;
  return static_cast<struct avp*>(next);
}

std::string_view Text(const union avp_value* value) {
  return {reinterpret_cast<const char*>(value->os.data), value->os.len};
}

std::uint32_t VendorOf(const struct avp_hdr* header) {
  return (header->avp_flags & AVP_FLAG_VENDOR) ? header->avp_vendor : 0;
}

void ReadTerminalInformation(struct avp* terminal_information, IdentityCheckRequest* request) {
  for (struct avp* avp = FirstChild(terminal_information); avp != nullptr; avp = NextSibling(avp)) {
    struct avp_hdr* header = nullptr;
    if (fd_msg_avp_hdr(avp, &header) != 0 || header->avp_value == nullptr) continue;
    if (VendorOf(header) != kVendor3gpp) continue;
    switch (header->avp_code) {
      case kImeiAvp: request->imei = Text(header->avp_value); break;
      case kSoftwareVersionAvp: request->software_version = Text(header->avp_value); break;
      case kMeidAvp:
        request->meid =
            std::span<const std::uint8_t>(header->avp_value->os.data, header->avp_value->os.len);
        break;
      default: break;
    }
  }
}

}  // namespace

IdentityCheckRequest ReadIdentityCheckRequest(struct msg* message) noexcept {
  IdentityCheckRequest request;
  for (struct avp* avp = FirstChild(message); avp != nullptr; avp = NextSibling(avp)) {
    struct avp_hdr* header = nullptr;
    if (fd_msg_avp_hdr(avp, &header) != 0) continue;
    const std::uint32_t vendor = VendorOf(header);
    if (vendor == 0 && header->avp_code == kUserNameAvp && header->avp_value != nullptr) {
      request.user_name = Text(header->avp_value);
    } else if (vendor == kVendor3gpp && header->avp_code == kTerminalInformationAvp) {
      request.has_terminal_information = true;
      ReadTerminalInformation(avp, &request);
    }
  }
  return request;
}

}  // namespace openceir::s13
