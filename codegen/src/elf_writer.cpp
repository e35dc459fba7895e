// ELF64 writer, two phases. Layout: the ELF header, every section's bytes at
// its alignment, then the section header table. Section header order is the
// object's sections (index i -> header i + 1), then .symtab, .strtab,
// .rela<name> for each section with relocations, .shstrtab. The symbol table
// is: null, STT_FILE, one STT_SECTION per section, local symbols, globals.
#include "tide/codegen/elf_writer.h"

#include <elf.h>

#include <cstring>
#include <unordered_map>

namespace tide::codegen {

int ElfObject::findSection(const std::string& name) const {
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (sections[i].name == name) return static_cast<int>(i);
  return -1;
}

int ElfObject::addSection(ElfSection section) {
  sections.push_back(std::move(section));
  return static_cast<int>(sections.size() - 1);
}

std::uint32_t ElfObject::addSymbol(ElfSymbol symbol) {
  symbols.push_back(std::move(symbol));
  return static_cast<std::uint32_t>(symbols.size() - 1);
}

namespace {

// Offsets depend only on the order of first additions, so a hash map (the
// symbol names of a large program: thousands) gives the bytes a std::map did.
struct StringTable {
  std::vector<std::uint8_t> bytes{0};
  std::unordered_map<std::string, std::uint32_t> offsets;
  std::uint32_t add(const std::string& text) {
    if (text.empty()) return 0;
    auto [it, inserted] = offsets.try_emplace(text, static_cast<std::uint32_t>(bytes.size()));
    if (inserted) {
      bytes.insert(bytes.end(), text.begin(), text.end());
      bytes.push_back(0);
    }
    return it->second;
  }
};

template <typename T>
void appendStruct(std::vector<std::uint8_t>& out, const T& value) {
  const auto* raw = reinterpret_cast<const std::uint8_t*>(&value);
  out.insert(out.end(), raw, raw + sizeof value);
}

std::uint64_t alignUp(std::uint64_t value, std::uint64_t align) {
  return align <= 1 ? value : (value + align - 1) / align * align;
}

// One section header in the making, and where its bytes come from: an
// object section (copied with its in-place addends), a relocation list
// (encoded as Elf64_Rela), or bytes the writer made (symbols, names). The
// bytes are produced straight into the output in phase 2: building each
// section's final bytes apart first copied the whole object twice more.
struct PlannedSection {
  Elf64_Shdr header{};
  const ElfSection* content = nullptr;      // its bytes, addends stored in place
  const ElfSection* relocations = nullptr;  // its relocations, as .rela
  const std::vector<std::uint8_t>* made = nullptr;
};

struct SymbolLayout {
  std::vector<std::uint8_t> symtab;
  StringTable strtab;
  std::vector<std::uint32_t> indexOfSymbol;  // ElfObject::symbols -> symtab index
  std::uint32_t firstSectionSymbol = 0;
  std::uint32_t firstGlobal = 0;
};

SymbolLayout layoutSymbols(const ElfObject& object) {
  SymbolLayout layout;
  layout.indexOfSymbol.assign(object.symbols.size(), 0);
  layout.symtab.reserve((object.symbols.size() + object.sections.size() + 2) * sizeof(Elf64_Sym));
  layout.strtab.offsets.reserve(object.symbols.size() + 1);
  std::uint32_t count = 0;
  auto add = [&](const Elf64_Sym& symbol) {
    appendStruct(layout.symtab, symbol);
    return count++;
  };
  add(Elf64_Sym{});
  if (!object.sourceFileName.empty()) {
    Elf64_Sym file{};
    file.st_name = layout.strtab.add(object.sourceFileName);
    file.st_info = ELF64_ST_INFO(STB_LOCAL, STT_FILE);
    file.st_shndx = SHN_ABS;
    add(file);
  }
  layout.firstSectionSymbol = count;
  for (std::size_t i = 0; i < object.sections.size(); ++i) {
    Elf64_Sym section{};
    section.st_info = ELF64_ST_INFO(STB_LOCAL, STT_SECTION);
    section.st_shndx = static_cast<std::uint16_t>(i + 1);
    add(section);
  }
  for (int pass = 0; pass < 2; ++pass) {
    const bool wantGlobal = pass == 1;
    if (wantGlobal) layout.firstGlobal = count;
    for (std::size_t i = 0; i < object.symbols.size(); ++i) {
      const ElfSymbol& symbol = object.symbols[i];
      if (symbol.global != wantGlobal) continue;
      Elf64_Sym entry{};
      entry.st_name = layout.strtab.add(symbol.name);
      entry.st_info = ELF64_ST_INFO(symbol.global ? STB_GLOBAL : STB_LOCAL, symbol.type);
      entry.st_shndx =
          symbol.section < 0 ? SHN_UNDEF : static_cast<std::uint16_t>(symbol.section + 1);
      entry.st_value = symbol.value;
      entry.st_size = symbol.size;
      layout.indexOfSymbol[i] = add(entry);
    }
  }
  return layout;
}

// Stores every absolute relocation's addend in place in `out`, a copy of
// the section's bytes.
void storeAddendsInPlace(const ElfSection& section, std::uint8_t* out) {
  const std::size_t size = section.bytes.size();
  for (const ElfRelocation& relocation : section.relocations) {
    const int width = relocation.type == R_X86_64_64 ? 8 : relocation.type == R_X86_64_32 ? 4 : 0;
    if (width == 0 || relocation.offset + width > size) continue;
    const auto value = static_cast<std::uint64_t>(relocation.addend);
    std::memcpy(out + relocation.offset, &value, static_cast<std::size_t>(width));
  }
}

void writeRelocations(const ElfSection& section, const SymbolLayout& symbols, std::uint8_t* out) {
  for (const ElfRelocation& relocation : section.relocations) {
    const std::uint32_t symbol = relocation.againstSection
                                     ? symbols.firstSectionSymbol + relocation.target
                                     : symbols.indexOfSymbol[relocation.target];
    Elf64_Rela entry{};
    entry.r_offset = relocation.offset;
    entry.r_info = ELF64_R_INFO(symbol, relocation.type);
    entry.r_addend = relocation.addend;
    std::memcpy(out, &entry, sizeof entry);
    out += sizeof entry;
  }
}

std::uint64_t plannedSize(const PlannedSection& plan) {
  if (plan.content) return plan.content->bytes.size();
  if (plan.relocations) return plan.relocations->relocations.size() * sizeof(Elf64_Rela);
  return plan.made ? plan.made->size() : 0;
}

}  // namespace

std::vector<std::uint8_t> writeElfObject(const ElfObject& object) {
  // ---- phase 1: layout
  SymbolLayout symbols = layoutSymbols(object);
  StringTable sectionNames;
  std::vector<PlannedSection> planned(1);  // index 0: the null section
  for (const ElfSection& section : object.sections) {
    PlannedSection plan;
    plan.header.sh_name = sectionNames.add(section.name);
    plan.header.sh_type = section.type;
    plan.header.sh_flags = section.flags;
    plan.header.sh_addralign = section.align;
    plan.header.sh_entsize = section.entrySize;
    if (section.type == SHT_NOBITS)
      plan.header.sh_size = section.noBitsSize;
    else
      plan.content = &section;
    planned.push_back(plan);
  }
  const auto symtabIndex = static_cast<std::uint32_t>(planned.size());
  {
    PlannedSection symtab;
    symtab.header.sh_name = sectionNames.add(".symtab");
    symtab.header.sh_type = SHT_SYMTAB;
    symtab.header.sh_addralign = 8;
    symtab.header.sh_entsize = sizeof(Elf64_Sym);
    symtab.header.sh_link = symtabIndex + 1;
    symtab.header.sh_info = symbols.firstGlobal;
    symtab.made = &symbols.symtab;
    planned.push_back(symtab);
    PlannedSection strtab;
    strtab.header.sh_name = sectionNames.add(".strtab");
    strtab.header.sh_type = SHT_STRTAB;
    strtab.header.sh_addralign = 1;
    strtab.made = &symbols.strtab.bytes;
    planned.push_back(strtab);
  }
  for (std::size_t i = 0; i < object.sections.size(); ++i) {
    const ElfSection& section = object.sections[i];
    if (section.relocations.empty()) continue;
    PlannedSection rela;
    rela.header.sh_name = sectionNames.add(".rela" + section.name);
    rela.header.sh_type = SHT_RELA;
    rela.header.sh_flags = SHF_INFO_LINK;
    rela.header.sh_addralign = 8;
    rela.header.sh_entsize = sizeof(Elf64_Rela);
    rela.header.sh_link = symtabIndex;
    rela.header.sh_info = static_cast<std::uint32_t>(i + 1);
    rela.relocations = &section;
    planned.push_back(rela);
  }
  const auto shstrtabIndex = static_cast<std::uint16_t>(planned.size());
  {
    PlannedSection shstrtab;
    shstrtab.header.sh_name = sectionNames.add(".shstrtab");
    shstrtab.header.sh_type = SHT_STRTAB;
    shstrtab.header.sh_addralign = 1;
    shstrtab.made = &sectionNames.bytes;
    planned.push_back(shstrtab);
  }
  std::uint64_t offset = sizeof(Elf64_Ehdr);
  for (std::size_t i = 1; i < planned.size(); ++i) {
    Elf64_Shdr& header = planned[i].header;
    offset = alignUp(offset, header.sh_addralign);
    header.sh_offset = offset;
    if (header.sh_type != SHT_NOBITS) {
      header.sh_size = plannedSize(planned[i]);
      offset += header.sh_size;
    }
  }
  const std::uint64_t sectionHeadersAt = alignUp(offset, 8);

  // ---- phase 2: bytes
  Elf64_Ehdr elfHeader{};
  std::memcpy(elfHeader.e_ident, ELFMAG, SELFMAG);
  elfHeader.e_ident[EI_CLASS] = ELFCLASS64;
  elfHeader.e_ident[EI_DATA] = ELFDATA2LSB;
  elfHeader.e_ident[EI_VERSION] = EV_CURRENT;
  elfHeader.e_ident[EI_OSABI] = ELFOSABI_SYSV;
  elfHeader.e_type = ET_REL;
  elfHeader.e_machine = EM_X86_64;
  elfHeader.e_version = EV_CURRENT;
  elfHeader.e_shoff = sectionHeadersAt;
  elfHeader.e_ehsize = sizeof(Elf64_Ehdr);
  elfHeader.e_shentsize = sizeof(Elf64_Shdr);
  elfHeader.e_shnum = static_cast<std::uint16_t>(planned.size());
  elfHeader.e_shstrndx = shstrtabIndex;
  // Reserved once, then appended to in layout order: only the padding
  // between sections and the .rela entries are zero-filled before they are
  // written (zero-filling the whole object first was a 7 MB memset).
  std::vector<std::uint8_t> out;
  out.reserve(sectionHeadersAt + planned.size() * sizeof(Elf64_Shdr));
  appendStruct(out, elfHeader);
  for (std::size_t i = 1; i < planned.size(); ++i) {
    const PlannedSection& plan = planned[i];
    if (plan.header.sh_type == SHT_NOBITS) continue;
    out.resize(plan.header.sh_offset, 0);
    if (plan.content) {
      out.insert(out.end(), plan.content->bytes.begin(), plan.content->bytes.end());
      storeAddendsInPlace(*plan.content, out.data() + plan.header.sh_offset);
    } else if (plan.relocations) {
      out.resize(out.size() + plan.header.sh_size);
      writeRelocations(*plan.relocations, symbols, out.data() + plan.header.sh_offset);
    } else if (plan.made) {
      out.insert(out.end(), plan.made->begin(), plan.made->end());
    }
  }
  out.resize(sectionHeadersAt, 0);
  for (const PlannedSection& section : planned) appendStruct(out, section.header);
  return out;
}

}  // namespace tide::codegen
