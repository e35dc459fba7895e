// Building a Function by hand: how tests and tools that write IR directly
// keep each block's instructions one contiguous run of Function::instrs.
#include <algorithm>

#include "tide/core/ir.h"

namespace tide::ir {

void Function::releaseBody() {
  std::vector<Instr>().swap(instrs);
  std::vector<Block>().swap(blocks);
  std::vector<BlockId>().swap(layout);
  std::vector<TypeId>().swap(valueTypes);
  std::vector<CallSite>().swap(calls);
  std::vector<CallArgument>().swap(callArguments);
  bodyReleased = true;
}

BlockId Function::addBlock(std::string label) {
  Block& block = blocks.emplace_back();
  block.label = std::move(label);
  block.firstInstr = static_cast<uint32_t>(instrs.size());
  return static_cast<BlockId>(blocks.size() - 1);
}

Instr& Function::append(BlockId blockId, const Instr& instr) {
  Block& block = blocks[blockId];
  const size_t end = size_t{block.firstInstr} + block.instrCount;
  if (end != instrs.size()) {
    // Another block was appended to since: this block's run moves to the end
    // (copied first: insert from the vector into itself may reallocate).
    std::vector<Instr> run(instrs.begin() + block.firstInstr, instrs.begin() + end);
    block.firstInstr = static_cast<uint32_t>(instrs.size());
    instrs.insert(instrs.end(), run.begin(), run.end());
  }
  ++block.instrCount;
  return instrs.emplace_back(instr);
}

void Function::setCall(Instr& instr, std::span<const CallArgument> arguments,
                       ValueId aggregateResultAddress, uint32_t fixedArgumentCount) {
  CallSite& site = calls.emplace_back();
  site.firstArgument = static_cast<uint32_t>(callArguments.size());
  site.argumentCount = static_cast<uint32_t>(arguments.size());
  site.aggregateResultAddress = aggregateResultAddress;
  site.fixedArgumentCount = fixedArgumentCount;
  callArguments.insert(callArguments.end(), arguments.begin(), arguments.end());
  instr.call = static_cast<uint32_t>(calls.size() - 1);
}

}  // namespace tide::ir
