// Guest memory is host memory: a Toy pointer is a plain host address, so C
// functions (memset, strlen, printf) take guest pointers directly. This file
// owns the two regions the interpreter creates — the guest stack (frames of
// slots) and the static image (globals, string literals) — and the checked
// accessors every Load/Store/Copy/Zero goes through.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tide::core::interp {

// Addresses below this are reported as null dereferences (SIGSEGV, 139)
// without touching memory; Linux never maps them (vm.mmap_min_addr).
inline constexpr uint64_t kNullPageLimit = 4096;
// The end of the lower canonical half with 4-level paging (2^47): a user
// process has nothing mapped at or above it (with 5-level paging Linux maps
// there only on an explicit mmap hint), so a native access there is always
// SIGSEGV. The interpreter faults without touching memory: the CPU would
// report some of these addresses as SIGBUS (see checkAddressable).
inline constexpr uint64_t kUserAddressLimit = uint64_t{1} << 47;

// A reserved, lazily committed region from which frames are bump-allocated.
// Its end is followed by an inaccessible guard page.
class GuestStack {
 public:
  explicit GuestStack(size_t capacityBytes);
  ~GuestStack();
  GuestStack(const GuestStack&) = delete;
  GuestStack& operator=(const GuestStack&) = delete;

  // A zeroed block aligned to 16, or nullptr when the region is exhausted.
  uint8_t* allocate(size_t bytes);
  // Frees everything allocated after `mark` (a previous top()).
  void release(uint8_t* mark);
  uint8_t* top() const { return top_; }

 private:
  uint8_t* base_ = nullptr;
  uint8_t* top_ = nullptr;
  size_t capacity_ = 0;
};

// Page-granular anonymous memory for globals (read-write) and string
// literals (made read-only once written, like .rodata).
class StaticRegion {
 public:
  StaticRegion() = default;
  ~StaticRegion();
  StaticRegion(const StaticRegion&) = delete;
  StaticRegion& operator=(const StaticRegion&) = delete;

  // Maps `bytes` (rounded up to pages) of zeroed memory.
  uint8_t* map(size_t bytes);
  void makeReadOnly();

 private:
  uint8_t* base_ = nullptr;
  size_t size_ = 0;
};

// Checked guest accesses. They fault (raiseFault, SIGSEGV) on null-page
// addresses and on ranges not below kUserAddressLimit; any other bad address raises a real SIGSEGV
// that the armed FaultScope turns into the same fault. They are excluded from the sanitizers: guest
// memory errors are the guest's, reported as 139.
uint64_t loadGuest(uint64_t address, size_t size);
void storeGuest(uint64_t address, size_t size, uint64_t value);
void copyGuest(uint64_t destination, uint64_t source, size_t size);
void zeroGuest(uint64_t destination, size_t size);

}  // namespace tide::core::interp
