// Where each loaded piece of a relocatable object lives in the JIT image.
// One function computes it, and both the runner (to map and relocate) and the
// parent (to translate runtime addresses back to image addresses) call it on
// the same object, so they agree without exchanging the layout.
//
// Convention shared with the code generator and the DWARF reader: `.text` is
// placed FIRST at image offset 0, so an offset into .text IS its image
// address. After it: the other executable sections and the PLT stubs (the
// executable group), then read-only sections and the GOT (read-only group),
// then writable and NOBITS sections and COMMON symbols (writable group). Each
// group starts on a page boundary so the runner can give it its own
// permissions (R+X, R, R+W) and no page is ever writable and executable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tide/jit/elf_object.h"

namespace tide::jit {

inline constexpr std::uint64_t kImagePageSize = 4096;
inline constexpr std::uint64_t kNotLoaded = ~std::uint64_t{0};
inline constexpr std::uint64_t kStubSize = 8;  // jmp *GOT(%rip) (6 bytes) + 2 x int3

enum class Permissions { ReadExecute, ReadOnly, ReadWrite };

struct PlacedSection {
  std::uint32_t sectionIndex = 0;
  std::uint64_t imageOffset = 0;
  std::uint64_t size = 0;
  Permissions permissions = Permissions::ReadOnly;
  bool zeroFill = false;  // SHT_NOBITS: nothing to copy
};

// A page-aligned run of the image with one set of permissions.
struct ImageSegment {
  Permissions permissions = Permissions::ReadOnly;
  std::uint64_t offset = 0;  // multiple of kImagePageSize
  std::uint64_t size = 0;    // multiple of kImagePageSize
};

struct ImageLayout {
  std::vector<PlacedSection> sections;       // in image order
  std::vector<std::uint64_t> sectionOffset;  // by ELF section index; kNotLoaded if not placed
  std::vector<ImageSegment> segments;        // non-empty groups, in address order
  // GOT: one 8-byte slot per symbol that a GOTPCREL relocation names or a
  // PLT stub jumps through. gotSlot[symbol] is the slot number or -1.
  std::uint64_t gotOffset = 0;
  std::vector<std::int32_t> gotSlot;
  std::uint32_t gotSlotCount = 0;
  // PLT stubs for undefined functions called via PLT32, used when the callee
  // is more than 2 GiB away. stubSlot[symbol] is the stub number or -1.
  std::uint64_t stubsOffset = 0;
  std::vector<std::int32_t> stubSlot;
  std::uint32_t stubCount = 0;
  // SHN_COMMON symbols get space in the writable group: commonOffset[symbol].
  std::vector<std::uint64_t> commonOffset;  // kNotLoaded when not COMMON
  std::uint64_t size = 0;                   // total, page-rounded
  std::uint64_t textSize = 0;               // [0, textSize) is .text
  // The object has absolute 32-bit relocations (R_X86_64_32/32S) in loaded
  // sections: the image must be mapped below 2 GiB.
  bool needsLow32BitAddress = false;
};

struct LayoutResult {
  std::optional<ImageLayout> layout;
  std::string error;
};

LayoutResult layoutImage(const ElfObject& object);

// The image address of runtime `address` for an image loaded at `base`, or 0
// when the address lies outside the image (C library, runner, stack...).
// Image address 0 is the first byte of .text, which is never a return address.
std::uint64_t runtimeToImage(std::uint64_t address, std::uint64_t base, const ImageLayout& layout);

// Whether runtime `address` lies in one of the image's executable segments.
bool isImageCode(std::uint64_t address, std::uint64_t base, const ImageLayout& layout);

}  // namespace tide::jit
