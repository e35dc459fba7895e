// mmap-backed regions and the accessors for guest memory. The accessors go
// through volatile pointers in functions the sanitizers do not instrument,
// so that a guest's wild write is the guest's SIGSEGV, not an ASan report
// about the interpreter. Addresses that can never be mapped (the null page,
// anything outside the user half) fault before the access.
#include "interp_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>

#include "interp_fault.h"

namespace tide::core::interp {

namespace {

size_t pageSize() { return static_cast<size_t>(sysconf(_SC_PAGESIZE)); }

size_t roundUpToPage(size_t bytes) {
  const size_t page = pageSize();
  return (bytes + page - 1) / page * page;
}

// Checked before every access, so that a bad address faults the way native
// code would, whatever register the compiler puts the address in: x86-64
// raises #SS instead of #GP for a non-canonical address reached through
// rbp or rsp, which Linux reports as SIGBUS, and at -O2 the accessors do
// address through rbp. Natively a Toy program's wild pointer is SIGSEGV.
void checkAddressable(uint64_t address, size_t size) {
  if (size == 0) return;
  char message[112];
  if (address < kNullPageLimit) {
    std::snprintf(message, sizeof message, "null pointer dereference (address 0x%llx)",
                  static_cast<unsigned long long>(address));
    raiseFault(SIGSEGV, message);
  }
  // `size > limit - address` also catches a range that wraps past 2^64.
  if (address >= kUserAddressLimit || size > kUserAddressLimit - address) {
    std::snprintf(message, sizeof message,
                  "invalid memory access (address 0x%llx is outside user space)",
                  static_cast<unsigned long long>(address));
    raiseFault(SIGSEGV, message);
  }
}

}  // namespace

GuestStack::GuestStack(size_t capacityBytes) : capacity_(roundUpToPage(capacityBytes)) {
  const size_t guard = pageSize();
  void* memory = mmap(nullptr, capacity_ + guard, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (memory == MAP_FAILED) {
    capacity_ = 0;
    return;
  }
  base_ = static_cast<uint8_t*>(memory);
  top_ = base_;
  mprotect(base_ + capacity_, guard, PROT_NONE);
}

GuestStack::~GuestStack() {
  if (base_ != nullptr) munmap(base_, capacity_ + pageSize());
}

uint8_t* GuestStack::allocate(size_t bytes) {
  const size_t rounded = (bytes + 15) & ~size_t{15};
  if (base_ == nullptr || rounded > capacity_ - static_cast<size_t>(top_ - base_)) return nullptr;
  uint8_t* block = top_;
  top_ += rounded;
  // Released frames leave stale bytes behind; locals start zeroed.
  std::memset(block, 0, rounded);
  return block;
}

void GuestStack::release(uint8_t* mark) { top_ = mark; }

StaticRegion::~StaticRegion() {
  if (base_ != nullptr) munmap(base_, size_);
}

uint8_t* StaticRegion::map(size_t bytes) {
  size_ = roundUpToPage(bytes == 0 ? 1 : bytes);
  void* memory = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  base_ = memory == MAP_FAILED ? nullptr : static_cast<uint8_t*>(memory);
  if (base_ == nullptr) size_ = 0;
  return base_;
}

void StaticRegion::makeReadOnly() {
  if (base_ != nullptr) mprotect(base_, size_, PROT_READ);
}

// Scalar accesses are single host loads/stores of the access size (the
// guest's alignment is its own business: x86-64 allows unaligned ones).
__attribute__((no_sanitize("address", "undefined"))) uint64_t loadGuest(uint64_t address,
                                                                        size_t size) {
  checkAddressable(address, size);
  const void* from = reinterpret_cast<const void*>(address);
  switch (size) {
    case 1: return *static_cast<const volatile uint8_t*>(from);
    case 2: return *static_cast<const volatile uint16_t*>(from);
    case 4: return *static_cast<const volatile uint32_t*>(from);
    case 8: return *static_cast<const volatile uint64_t*>(from);
    default: break;
  }
  const volatile uint8_t* bytes = static_cast<const volatile uint8_t*>(from);
  uint64_t value = 0;
  for (size_t i = 0; i < size && i < 8; ++i) value |= uint64_t{bytes[i]} << (8 * i);
  return value;
}

__attribute__((no_sanitize("address", "undefined"))) void storeGuest(uint64_t address, size_t size,
                                                                     uint64_t value) {
  checkAddressable(address, size);
  void* to = reinterpret_cast<void*>(address);
  switch (size) {
    case 1: *static_cast<volatile uint8_t*>(to) = static_cast<uint8_t>(value); return;
    case 2: *static_cast<volatile uint16_t*>(to) = static_cast<uint16_t>(value); return;
    case 4: *static_cast<volatile uint32_t*>(to) = static_cast<uint32_t>(value); return;
    case 8: *static_cast<volatile uint64_t*>(to) = value; return;
    default: break;
  }
  volatile uint8_t* bytes = static_cast<volatile uint8_t*>(to);
  for (size_t i = 0; i < size && i < 8; ++i) bytes[i] = static_cast<uint8_t>(value >> (8 * i));
}

__attribute__((no_sanitize("address", "undefined"))) void copyGuest(uint64_t destination,
                                                                    uint64_t source, size_t size) {
  checkAddressable(destination, size);
  checkAddressable(source, size);
  volatile uint8_t* to = reinterpret_cast<volatile uint8_t*>(destination);
  const volatile uint8_t* from = reinterpret_cast<const volatile uint8_t*>(source);
  // memmove semantics: an aggregate may be copied onto an overlapping place.
  if (destination < source) {
    for (size_t i = 0; i < size; ++i) to[i] = from[i];
  } else {
    for (size_t i = size; i > 0; --i) to[i - 1] = from[i - 1];
  }
}

__attribute__((no_sanitize("address", "undefined"))) void zeroGuest(uint64_t destination,
                                                                    size_t size) {
  checkAddressable(destination, size);
  volatile uint8_t* to = reinterpret_cast<volatile uint8_t*>(destination);
  for (size_t i = 0; i < size; ++i) to[i] = 0;
}

}  // namespace tide::core::interp
