// Bump allocator for AST nodes. Blocks start at 64 KiB and double up to
// 1 MiB, so a small program costs little and a large one a few big blocks:
// memory stays proportional to the input. Blocks are not zeroed (make()
// constructs each node), so memory is touched only as nodes are made.
// (Advising the big blocks as transparent huge pages halves the page faults
// but was measured to cost more system time than it saves: with the kernel's
// default defrag=madvise each huge-page fault may compact memory.)
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <thread>

#include "tide/core/internal/ast.h"

namespace tide::core {

void Arena::FreeBlock::operator()(std::byte* block) const { std::free(block); }

// The region of populateAhead and the thread mapping its pages, front to
// back, in steps it can stop between (an arena that dies early, a compile
// error, should not wait for the rest).
struct Arena::Populator {
  std::byte* region = nullptr;
  size_t bytes = 0;
  std::atomic<bool> stop{false};
  std::thread thread;

  Populator(std::byte* r, size_t b) : region(r), bytes(b) {
    thread = std::thread([this] {
#ifdef MADV_POPULATE_WRITE
      constexpr size_t kStep = size_t{1} << 20;
      for (size_t at = 0; at < bytes && !stop.load(std::memory_order_relaxed); at += kStep)
        madvise(region + at, std::min(kStep, bytes - at), MADV_POPULATE_WRITE);
#endif
    });
  }
  ~Populator() {
    stop = true;
    thread.join();
    munmap(region, bytes);
  }
};

Arena::Arena() = default;
Arena::~Arena() = default;

void Arena::reset() {
  populator_.reset();
  if (blocks_.empty()) {
    cursor_ = limit_ = blockEnd_ = nullptr;
    reserved_ = 0;
    return;
  }
  size_t largest = 0;
  for (size_t i = 1; i < blocks_.size(); ++i)
    if (blockSizes_[i] > blockSizes_[largest]) largest = i;
  std::swap(blocks_[0], blocks_[largest]);
  std::swap(blockSizes_[0], blockSizes_[largest]);
  blocks_.resize(1);
  blockSizes_.resize(1);
  reserved_ = blockSizes_[0];
  cursor_ = blocks_[0].get();
  limit_ = blockEnd_ = cursor_ + reserved_;
#if defined(__SANITIZE_ADDRESS__)
  ASAN_POISON_MEMORY_REGION(cursor_, reserved_);
#endif
}

void Arena::populateAhead(size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  constexpr size_t kPage = 4096;
  if (bytes < (size_t{4} << 20) || populator_) return;
  bytes = (bytes + kPage - 1) / kPage * kPage;
  void* region = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (region == MAP_FAILED) return;
  try {
    populator_ = std::make_unique<Populator>(static_cast<std::byte*>(region), bytes);
  } catch (...) {  // no thread to be had: the pages fault in as the parser writes them
    munmap(region, bytes);
    return;
  }
  // The rest of the current block (at most its 64 KiB start) is given up.
  cursor_ = static_cast<std::byte*>(region);
  limit_ = blockEnd_ = cursor_ + bytes;
  reserved_ += bytes;
#else
  (void)bytes;
#endif
}

namespace {

constexpr size_t kMaxBlock = size_t{1} << 20;
constexpr size_t kPrefaultStep = size_t{512} << 10;

// Maps the pages of [begin, end) in one call instead of one page fault per
// 4 KiB as the parser first writes them (a fault costs about a microsecond;
// the AST of 100,000 lines is ~69 MB). Linux 5.14+; elsewhere the call fails
// and the pages fault in as before.
void prefault(std::byte* begin, std::byte* end) {
#ifdef MADV_POPULATE_WRITE
  constexpr uintptr_t kPage = 4096;
  uintptr_t first = (reinterpret_cast<uintptr_t>(begin) + kPage - 1) & ~(kPage - 1);
  uintptr_t last = reinterpret_cast<uintptr_t>(end) & ~(kPage - 1);
  if (last <= first) return;
  // Memory a previous compile used is mostly still mapped: asking is cheaper
  // than populating mapped pages again (one page stands for the range).
  unsigned char resident = 0;
  if (mincore(reinterpret_cast<void*>(first), kPage, &resident) == 0 && (resident & 1)) return;
  madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#else
  (void)begin;
  (void)end;
#endif
}

}  // namespace

// A big block is handed out 512 KiB at a time (limit_ is the end of the part
// prefaulted so far), so the pages are mapped shortly before the parser
// writes them. (The step was 64 KiB, to keep the zeroed pages in the cache
// until written; since Arena::allocate prefetches ahead of the cursor, fewer
// madvise calls win: lines_5000.toy lex+parse 16.0 -> 15.3 ms at 512 KiB,
// 15.4 ms for the whole MiB at once, 15.6 ms at 256 KiB.)
void* Arena::allocateSlow(size_t size, size_t align) {
  uintptr_t at = (reinterpret_cast<uintptr_t>(cursor_) + (align - 1)) & ~uintptr_t(align - 1);
  uintptr_t blockEnd = reinterpret_cast<uintptr_t>(blockEnd_);
  if (cursor_ != nullptr && at + size <= blockEnd) {
    // The next part of a big block.
    uintptr_t limit = reinterpret_cast<uintptr_t>(limit_);
    uintptr_t next = std::min(std::max(limit + kPrefaultStep, at + size), blockEnd);
    prefault(limit_, limit_ + (next - limit));
    limit_ += next - limit;
    return allocate(size, align);
  }
  size_t blockSize = blocks_.empty() ? (size_t{1} << 16) : std::min(reserved_, kMaxBlock);
  if (size + align > blockSize) blockSize = size + align;
  void* memory = std::malloc(blockSize);
  if (memory == nullptr) throw std::bad_alloc();
  blocks_.emplace_back(static_cast<std::byte*>(memory));
  blockSizes_.push_back(blockSize);
  reserved_ += blockSize;
  cursor_ = blocks_.back().get();
  blockEnd_ = cursor_ + blockSize;
  limit_ = blockEnd_;
  if (blockSize >= kMaxBlock) {
    limit_ = cursor_ + std::min(std::max(kPrefaultStep, size + align), blockSize);
    prefault(cursor_, limit_);
  }
  return allocate(size, align);
}

}  // namespace tide::core
