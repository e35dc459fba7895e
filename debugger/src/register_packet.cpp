// target.xml is read with a scan for `<reg ` elements and their attributes,
// not a general XML parser: the server writes one element per register with
// plain double-quoted attribute values, and anything else is skipped.
#include "tide/debugger/register_packet.h"

#include <charconv>

namespace tide::debugger {

namespace {

std::optional<std::string_view> attribute(std::string_view element, std::string_view name) {
  for (std::size_t at = element.find(name); at != std::string_view::npos;
       at = element.find(name, at + 1)) {
    const bool startsWord =
        at > 0 && (element[at - 1] == ' ' || element[at - 1] == '\t' || element[at - 1] == '\n');
    const std::size_t quote = at + name.size();
    if (!startsWord || element.substr(quote, 2) != "=\"") continue;
    const std::size_t end = element.find('"', quote + 2);
    if (end == std::string_view::npos) return std::nullopt;
    return element.substr(quote + 2, end - quote - 2);
  }
  return std::nullopt;
}

std::optional<std::size_t> number(std::optional<std::string_view> text) {
  if (!text || text->empty()) return std::nullopt;
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::vector<RegisterSlot> registerSlotsFromTargetXml(std::string_view xml) {
  std::vector<RegisterSlot> slots;
  for (std::size_t at = xml.find("<reg "); at != std::string_view::npos;
       at = xml.find("<reg ", at + 1)) {
    const std::size_t end = xml.find('>', at);
    if (end == std::string_view::npos) break;
    const std::string_view element = xml.substr(at, end - at);
    const auto name = attribute(element, "name");
    const auto bits = number(attribute(element, "bitsize"));
    const auto offset = number(attribute(element, "offset"));
    if (!name || name->empty() || !bits || *bits == 0 || *bits % 8 != 0 || !offset) continue;
    slots.push_back({std::string(*name), *offset, *bits / 8});
  }
  return slots;
}

const RegisterSlot* findRegisterSlot(const std::vector<RegisterSlot>& slots,
                                     std::string_view name) {
  for (const RegisterSlot& slot : slots)
    if (slot.name == name) return &slot;
  return nullptr;
}

std::optional<std::vector<std::uint8_t>> registerBytesFromPacket(std::string_view hex,
                                                                 const RegisterSlot& slot) {
  const std::size_t begin = slot.offset * 2;
  if (begin / 2 != slot.offset || hex.size() < begin || hex.size() - begin < slot.size * 2)
    return std::nullopt;
  std::vector<std::uint8_t> bytes(slot.size);
  for (std::size_t index = 0; index < slot.size; ++index) {
    const int high = hexDigit(hex[begin + 2 * index]);
    const int low = hexDigit(hex[begin + 2 * index + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes[index] = static_cast<std::uint8_t>(high << 4 | low);
  }
  return bytes;
}

}  // namespace tide::debugger
