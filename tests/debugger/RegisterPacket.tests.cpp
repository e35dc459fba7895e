// Registers out of a gdb-remote `g` packet: slots from a target.xml in
// lldb-server's form, bytes in target order, and refusals for what a
// server may send that is not a register's value.
#include <catch2/catch.hpp>

#include "tide/debugger/register_packet.h"

using tide::debugger::findRegisterSlot;
using tide::debugger::registerBytesFromPacket;
using tide::debugger::registerSlotsFromTargetXml;

namespace {

constexpr const char* kTargetXml = R"(<?xml version="1.0"?>
<target version="1.0">
  <architecture>x86_64</architecture>
  <feature>
    <reg name="rax" bitsize="64" regnum="0" offset="8" encoding="uint" format="hex" />
    <reg name="rbx" bitsize="64" regnum="1" offset="0" encoding="uint" format="hex" />
    <reg name="eax" bitsize="32" regnum="2" offset="8" value_regnums="0" />
    <reg name="flag" bitsize="1" regnum="3" offset="16" />
    <reg name="nooffset" bitsize="64" regnum="4" />
    <reg name="xmm0" bitsize="128" regnum="5" offset="16" encoding="vector" />
  </feature>
</target>)";

}  // namespace

TEST_CASE("target.xml gives each whole-byte register with an offset its slot", "[registers]") {
  const auto slots = registerSlotsFromTargetXml(kTargetXml);
  REQUIRE(slots.size() == 4);  // not the 1-bit flag, not the one without an offset
  const auto* rax = findRegisterSlot(slots, "rax");
  REQUIRE(rax != nullptr);
  CHECK(rax->offset == 8);
  CHECK(rax->size == 8);
  const auto* eax = findRegisterSlot(slots, "eax");
  REQUIRE(eax != nullptr);
  CHECK(eax->size == 4);
  CHECK(findRegisterSlot(slots, "xmm0")->size == 16);
  CHECK(findRegisterSlot(slots, "flag") == nullptr);
  CHECK(findRegisterSlot(slots, "nooffset") == nullptr);
  CHECK(registerSlotsFromTargetXml("<reg name=\"broken\" bitsize=\"64\" offset=\"8\"").empty());
}

TEST_CASE("a register's bytes come out of the packet at its offset, in target order",
          "[registers]") {
  const auto slots = registerSlotsFromTargetXml(kTargetXml);
  // rbx = 0x1122334455667788, rax = 0x2a, xmm0 = bytes 00..0f
  const std::string packet =
      "8877665544332211"
      "2a00000000000000"
      "000102030405060708090a0b0c0d0e0f";
  const auto rax = registerBytesFromPacket(packet, *findRegisterSlot(slots, "rax"));
  REQUIRE(rax.has_value());
  CHECK(*rax == std::vector<std::uint8_t>{0x2a, 0, 0, 0, 0, 0, 0, 0});
  const auto rbx = registerBytesFromPacket(packet, *findRegisterSlot(slots, "rbx"));
  REQUIRE(rbx.has_value());
  CHECK((*rbx)[0] == 0x88);
  CHECK((*rbx)[7] == 0x11);
  const auto xmm0 = registerBytesFromPacket(packet, *findRegisterSlot(slots, "xmm0"));
  REQUIRE(xmm0.has_value());
  CHECK((*xmm0)[15] == 0x0f);
}

TEST_CASE("a short packet, an error reply or an unavailable register gives no bytes",
          "[registers]") {
  const auto slots = registerSlotsFromTargetXml(kTargetXml);
  const auto& xmm0 = *findRegisterSlot(slots, "xmm0");
  CHECK_FALSE(registerBytesFromPacket("8877665544332211", xmm0).has_value());
  CHECK_FALSE(registerBytesFromPacket("E15", *findRegisterSlot(slots, "rbx")).has_value());
  CHECK_FALSE(registerBytesFromPacket("xxxxxxxxxxxxxxxx", *findRegisterSlot(slots, "rbx")));
  CHECK(registerBytesFromPacket("8877665544332211", *findRegisterSlot(slots, "rbx")));
}
