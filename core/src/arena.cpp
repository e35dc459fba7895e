// Bump allocator for AST nodes: 1 MiB blocks, oversized requests get their own.
#include "tide/core/internal/ast.h"

namespace tide::core {

void* Arena::allocate(size_t size, size_t align) {
  size_t padding = (align - reinterpret_cast<uintptr_t>(cursor_) % align) % align;
  if (cursor_ == nullptr || padding + size > remaining_) {
    size_t blockSize = size + align > (1u << 20) ? size + align : (1u << 20);
    blocks_.push_back(std::make_unique<std::byte[]>(blockSize));
    cursor_ = blocks_.back().get();
    remaining_ = blockSize;
    padding = (align - reinterpret_cast<uintptr_t>(cursor_) % align) % align;
  }
  std::byte* result = cursor_ + padding;
  cursor_ = result + size;
  remaining_ -= padding + size;
  return result;
}

}  // namespace tide::core
