// The table Sema finds every name through: identifier -> Value, open
// addressing with linear probing over (full hash, entry) pairs. The values
// live in a deque, so a Value's address never changes while the table grows
// (Sema keeps pointers to them across a scope).
//
// It replaced std::unordered_map, whose find was ~6% of compileSources on the
// 100,000-line benchmark: a division by the bucket count per lookup, and at
// each step down a bucket's chain the next key hashed again to see whether it
// still belonged to the bucket (the hash is not cached for string_view keys).
// Here a lookup is one probe of a power-of-two array in the common case, and
// the name itself is compared only when the full 64-bit hashes agree.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <string_view>
#include <vector>

namespace tide::core {

namespace name_table_detail {
inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
}  // namespace name_table_detail

// Identifiers are short: up to 16 bytes the hash and the comparison use at
// most two overlapping loads inside the name, never past its end
// (std::hash<string_view> calls the out-of-line _Hash_bytes, equal_to calls
// memcmp). No table is ever iterated, so the hash decides nothing but speed.
inline uint64_t hashName(std::string_view name) noexcept {
  using name_table_detail::load32;
  using name_table_detail::load64;
  const char* p = name.data();
  const uint64_t n = name.size();
  uint64_t h;
  if (n >= 8) {
    h = load64(p) * 0x9E3779B97F4A7C15ull ^ load64(p + n - 8);
    for (size_t i = 8; i + 8 < n; i += 8) h = (h ^ load64(p + i)) * 0xff51afd7ed558ccdull;
  } else if (n >= 4) {
    h = uint64_t{load32(p)} << 32 | load32(p + n - 4);
  } else if (n > 0) {
    h = uint64_t{static_cast<uint8_t>(p[0])} << 16 | uint64_t{static_cast<uint8_t>(p[n / 2])} << 8 |
        static_cast<uint8_t>(p[n - 1]);
  } else {
    h = 0;
  }
  h ^= n << 56;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

inline bool sameName(std::string_view a, std::string_view b) noexcept {
  using name_table_detail::load32;
  using name_table_detail::load64;
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8 && n <= 16) return load64(p) == load64(q) && load64(p + n - 8) == load64(q + n - 8);
  if (n >= 4 && n < 8) return load32(p) == load32(q) && load32(p + n - 4) == load32(q + n - 4);
  if (n < 4) {
    for (size_t i = 0; i < n; ++i)
      if (p[i] != q[i]) return false;
    return true;
  }
  return std::memcmp(p, q, n) == 0;
}

template <typename Value>
class NameTable {
 public:
  // The value for `name`, or null.
  Value* find(std::string_view name) const {
    if (count_ == 0) return nullptr;
    const uint64_t hash = hashName(name);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.entry == nullptr) return nullptr;
      if (slot.hash == hash && sameName(slot.entry->name, name)) return &slot.entry->value;
    }
  }
  // The value for `name`, made (value-initialized) if there was none. The
  // table keeps the string_view: the text it points into must outlive it.
  Value& operator[](std::string_view name) {
    // Grown at half full, so a probe sequence stays short.
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const uint64_t hash = hashName(name);
    size_t i = hash & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.entry == nullptr) break;
      if (slot.hash == hash && sameName(slot.entry->name, name)) return slot.entry->value;
    }
    Entry& made = entries_.emplace_back();
    made.name = name;
    slots_[i] = {hash, &made};
    ++count_;
    return made.value;
  }
  size_t size() const { return count_; }

 private:
  struct Entry {
    std::string_view name;
    Value value{};
  };
  struct Slot {
    uint64_t hash = 0;
    Entry* entry = nullptr;
  };

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    const size_t size = old.empty() ? 1024 : old.size() * 2;
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    for (const Slot& slot : old) {
      if (slot.entry == nullptr) continue;
      size_t i = slot.hash & mask_;
      while (slots_[i].entry != nullptr) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t count_ = 0;
  std::deque<Entry> entries_;
};

}  // namespace tide::core
