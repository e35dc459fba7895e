// See image_mapping.h. MAP_32BIT is used only for objects with absolute
// 32-bit relocations (non-PIC code), which need an image below 2 GiB.
#include "image_mapping.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>

namespace tide::runner {

std::uint8_t* mapWritableImage(const jit::ImageLayout& layout, std::uint64_t nearAddress,
                               std::string* error) {
  if (layout.size == 0) {
    *error = "object has no loadable sections";
    return nullptr;
  }
  int flags = MAP_PRIVATE | MAP_ANONYMOUS;
  if (layout.needsLow32BitAddress) {
    flags |= MAP_32BIT;
  } else if (nearAddress > (std::uint64_t{2} << 30)) {
    constexpr std::uint64_t kStep = std::uint64_t{64} << 20;
    const std::uint64_t top = (nearAddress & ~(jit::kImagePageSize - 1)) - layout.size;
    for (std::uint64_t distance = kStep; distance <= (std::uint64_t{1} << 30); distance += kStep) {
      void* memory = mmap(reinterpret_cast<void*>(top - distance), layout.size,
                          PROT_READ | PROT_WRITE, flags | MAP_FIXED_NOREPLACE, -1, 0);
      if (memory != MAP_FAILED) return static_cast<std::uint8_t*>(memory);
    }
  }
  void* memory = mmap(nullptr, layout.size, PROT_READ | PROT_WRITE, flags, -1, 0);
  if (memory == MAP_FAILED) {
    *error = std::string("mmap of the image failed: ") + std::strerror(errno);
    return nullptr;
  }
  return static_cast<std::uint8_t*>(memory);
}

std::string protectImage(std::uint8_t* image, const jit::ImageLayout& layout) {
  for (const jit::ImageSegment& segment : layout.segments) {
    int protection = PROT_READ;
    if (segment.permissions == jit::Permissions::ReadExecute) protection |= PROT_EXEC;
    if (segment.permissions == jit::Permissions::ReadWrite) protection |= PROT_WRITE;
    if (mprotect(image + segment.offset, segment.size, protection) != 0)
      return std::string("mprotect of the image failed: ") + std::strerror(errno);
  }
  return {};
}

}  // namespace tide::runner
