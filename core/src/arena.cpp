// Bump allocator for AST nodes. Blocks start at 64 KiB and double up to
// 1 MiB, so a small program costs little and a large one a few big blocks:
// memory stays proportional to the input. Blocks are not zeroed (make()
// constructs each node), so memory is touched only as nodes are made.
// (Advising the big blocks as transparent huge pages halves the page faults
// but was measured to cost more system time than it saves: with the kernel's
// default defrag=madvise each huge-page fault may compact memory.)
#include <algorithm>
#include <cstdlib>
#include <new>

#include "tide/core/internal/ast.h"

namespace tide::core {

void Arena::FreeBlock::operator()(std::byte* block) const { std::free(block); }

void* Arena::allocateSlow(size_t size, size_t align) {
  constexpr size_t kMaxBlock = size_t{1} << 20;
  size_t blockSize = blocks_.empty() ? (size_t{1} << 16) : std::min(reserved_, kMaxBlock);
  if (size + align > blockSize) blockSize = size + align;
  void* memory = std::malloc(blockSize);
  if (memory == nullptr) throw std::bad_alloc();
  blocks_.emplace_back(static_cast<std::byte*>(memory));
  reserved_ += blockSize;
  cursor_ = blocks_.back().get();
  limit_ = cursor_ + blockSize;
  return allocate(size, align);
}

}  // namespace tide::core
