// Software breakpoints and symbol lookup. LLDB plants and removes the int3
// bytes itself; we only keep its breakpoint ids, which the stop events carry.
#include "target_impl.h"

namespace tide::debugger {

std::optional<int> LldbTarget::setBreakpointByName(const std::string& function) {
  lldb::SBTarget& target = impl_->target;
  lldb::SBBreakpoint breakpoint = target.BreakpointCreateByName(function.c_str());
  if (!breakpoint.IsValid() || breakpoint.GetNumLocations() == 0) {
    // A breakpoint with no location would stay pending without telling
    // anyone; refuse it so the caller knows the name is wrong.
    if (breakpoint.IsValid()) target.BreakpointDelete(breakpoint.GetID());
    impl_->lastError = "no function named " + function;
    return std::nullopt;
  }
  return breakpoint.GetID();
}

std::optional<int> LldbTarget::setBreakpointAtAddress(std::uint64_t address) {
  lldb::SBBreakpoint breakpoint = impl_->target.BreakpointCreateByAddress(address);
  if (!breakpoint.IsValid()) {
    impl_->lastError = "cannot set a breakpoint at that address";
    return std::nullopt;
  }
  return breakpoint.GetID();
}

bool LldbTarget::clearBreakpoint(int id) {
  return impl_->target.BreakpointDelete(static_cast<lldb::break_id_t>(id));
}

std::optional<std::uint32_t> LldbTarget::breakpointHitCount(int id) const {
  lldb::SBBreakpoint breakpoint =
      impl_->target.FindBreakpointByID(static_cast<lldb::break_id_t>(id));
  if (!breakpoint.IsValid()) return std::nullopt;
  return breakpoint.GetHitCount();
}

std::optional<std::uint64_t> LldbTarget::symbolAddress(const std::string& name) const {
  lldb::SBTarget& target = impl_->target;
  lldb::SBSymbolContextList contexts = target.FindSymbols(name.c_str());
  for (std::uint32_t index = 0; index < contexts.GetSize(); ++index) {
    lldb::SBSymbol symbol = contexts.GetContextAtIndex(index).GetSymbol();
    if (!symbol.IsValid()) continue;
    const lldb::addr_t address = symbol.GetStartAddress().GetLoadAddress(target);
    if (address != LLDB_INVALID_ADDRESS) return address;
  }
  return std::nullopt;
}

}  // namespace tide::debugger
