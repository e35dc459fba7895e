// The gdb-remote view of a thread's registers: where each register lies in
// the `g` packet (from the server's target.xml, which lists every register
// with its bit size and byte offset) and its bytes out of a `g` response.
// Reading all registers as one packet is one round trip, where a value per
// register through LLDB's API costs ~10 us each (a stop's refresh reads ~40).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tide::debugger {

struct RegisterSlot {
  std::string name;
  std::size_t offset = 0;  // bytes into the `g` packet's data
  std::size_t size = 0;    // bytes
};

// Every `<reg>` element of a target.xml with a name, a bitsize that is a
// whole number of bytes and an offset; the others are left out.
std::vector<RegisterSlot> registerSlotsFromTargetXml(std::string_view xml);

// The slot named `name`, or none.
const RegisterSlot* findRegisterSlot(const std::vector<RegisterSlot>& slots, std::string_view name);

// The register's bytes (target byte order) from the hex text of a `g`
// response; none when the response is too short for the slot or its digits
// there are not hex (a server marks an unavailable register with "xx").
std::optional<std::vector<std::uint8_t>> registerBytesFromPacket(std::string_view hex,
                                                                 const RegisterSlot& slot);

}  // namespace tide::debugger
