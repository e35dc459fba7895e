// User breakpoints: FILE:LINE through our line table (the line's first
// is_stmt address in each function, moved to the next line with code and
// reported so) or a function name
// (after its prologue: the function's second is_stmt row). Pending until the
// image is loaded; each resolved address is one Target breakpoint.
#include <algorithm>

#include "session_engine.h"

namespace tide::debugger {

namespace {

bool looksLikeFileLine(const std::string& spec) { return parseFileLine(spec).has_value(); }

}  // namespace

std::vector<std::uint64_t> SessionEngine::firstAddressPerFunction(
    std::vector<std::uint64_t> addresses) const {
  // As gdb does: one location per function, the line's first address. A
  // line's other rows (a `for` header's condition and increment, a `while`
  // condition at the loop's bottom) would stop the program again within one
  // pass over the line, at every iteration.
  std::sort(addresses.begin(), addresses.end());
  std::vector<std::uint64_t> first;
  std::vector<const DebugFunction*> seen;
  for (std::uint64_t address : addresses) {
    const DebugFunction* function = symbolizer_->debugInfo().functionContaining(address);
    if (function && std::find(seen.begin(), seen.end(), function) != seen.end()) continue;
    seen.push_back(function);
    first.push_back(address);
  }
  return first;
}

Result<BreakpointInfo> SessionEngine::addBreakpoint(const std::string& spec,
                                                    const std::string& condition) {
  Result<BreakpointInfo> result;
  if (running_) {
    result.error = "the program is running (interrupt it first)";
    return result;
  }
  if (!symbolizer_) {
    result.error = "no program loaded";
    return result;
  }
  UserBreakpoint breakpoint;
  breakpoint.info.spec = spec;
  breakpoint.info.condition = condition;
  // Resolve the image addresses now (they do not depend on the base).
  if (looksLikeFileLine(spec)) {
    const auto [file, line] = *parseFileLine(spec);
    const auto used = symbolizer_->lineWithCode(file, line);
    const auto addresses = firstAddressPerFunction(symbolizer_->addressesForLine(file, line));
    if (!used || addresses.empty()) {
      result.error = "no code at or after " + spec;
      return result;
    }
    breakpoint.info.requestedLine = line;
    breakpoint.info.line = *used;
    breakpoint.info.imageAddresses = addresses;
    if (auto location = symbolizer_->sourceLocation(addresses.front()))
      breakpoint.info.file = location->file;
  } else {
    const DebugFunction* function = symbolizer_->functionNamed(spec);
    if (!function) {
      result.error = "no function named " + spec;
      return result;
    }
    // After the prologue: the first is_stmt row past the entry.
    std::uint64_t address = function->lowPc;
    auto row = stmtRows_.upper_bound(function->lowPc);
    if (row != stmtRows_.end() && row->first < function->highPc) address = row->first;
    breakpoint.info.imageAddresses = {address};
    if (auto location = symbolizer_->sourceLocation(address)) {
      breakpoint.info.file = location->file;
      breakpoint.info.line = breakpoint.info.requestedLine = location->line;
    }
  }
  breakpoint.info.id = nextBreakpointId_++;
  if (imageLoaded()) resolveBreakpoint(breakpoint);
  result.value = breakpoint.info;
  breakpoints_.emplace(breakpoint.info.id, std::move(breakpoint));
  return result;
}

void SessionEngine::resolveBreakpoint(UserBreakpoint& breakpoint) {
  breakpoint.targetIds.clear();
  if (breakpoint.info.enabled)
    for (std::uint64_t address : breakpoint.info.imageAddresses)
      if (auto id = target_->setBreakpointAtAddress(imageBase_ + address))
        breakpoint.targetIds.push_back(*id);
  breakpoint.info.pending = false;
}

Reply SessionEngine::deleteBreakpoint(int id) {
  if (running_) return Reply::failure("the program is running (interrupt it first)");
  auto found = breakpoints_.find(id);
  if (found == breakpoints_.end()) return Reply::failure("no breakpoint " + std::to_string(id));
  for (int targetId : found->second.targetIds) target_->clearBreakpoint(targetId);
  breakpoints_.erase(found);
  return {};
}

Reply SessionEngine::enableBreakpoint(int id, bool enabled) {
  if (running_) return Reply::failure("the program is running (interrupt it first)");
  auto found = breakpoints_.find(id);
  if (found == breakpoints_.end()) return Reply::failure("no breakpoint " + std::to_string(id));
  UserBreakpoint& breakpoint = found->second;
  if (breakpoint.info.enabled == enabled) return {};
  breakpoint.info.enabled = enabled;
  for (int targetId : breakpoint.targetIds) target_->clearBreakpoint(targetId);
  breakpoint.targetIds.clear();
  if (imageLoaded()) resolveBreakpoint(breakpoint);
  return {};
}

std::vector<BreakpointInfo> SessionEngine::breakpoints() const {
  std::vector<BreakpointInfo> list;
  for (const auto& [id, breakpoint] : breakpoints_) list.push_back(breakpoint.info);
  return list;
}

}  // namespace tide::debugger
