// The DWARF 5 constants the writer uses, in one place, with the values of
// the DWARF 5 standard (section 7, "Data Representation").
#pragma once

#include <cstdint>

namespace tide::codegen::dwarf {

// 7.5.1 unit types and 7.5.4 tags (Table 7.3)
enum : std::uint16_t {
  DW_UT_compile = 0x01,
  DW_TAG_array_type = 0x01,
  DW_TAG_formal_parameter = 0x05,
  DW_TAG_lexical_block = 0x0b,
  DW_TAG_member = 0x0d,
  DW_TAG_pointer_type = 0x0f,
  DW_TAG_compile_unit = 0x11,
  DW_TAG_structure_type = 0x13,
  DW_TAG_subroutine_type = 0x15,
  DW_TAG_unspecified_parameters = 0x18,
  DW_TAG_base_type = 0x24,
  DW_TAG_subrange_type = 0x21,
  DW_TAG_subprogram = 0x2e,
  DW_TAG_variable = 0x34,
};

// Table 7.5 attributes
enum : std::uint16_t {
  DW_AT_location = 0x02,
  DW_AT_name = 0x03,
  DW_AT_byte_size = 0x0b,
  DW_AT_stmt_list = 0x10,
  DW_AT_low_pc = 0x11,
  DW_AT_high_pc = 0x12,
  DW_AT_language = 0x13,
  DW_AT_comp_dir = 0x1b,
  DW_AT_producer = 0x25,
  DW_AT_prototyped = 0x27,
  DW_AT_count = 0x37,
  DW_AT_data_member_location = 0x38,
  DW_AT_decl_file = 0x3a,
  DW_AT_decl_line = 0x3b,
  DW_AT_encoding = 0x3e,
  DW_AT_external = 0x3f,
  DW_AT_frame_base = 0x40,
  DW_AT_type = 0x49,
};

// Table 7.6 forms
enum : std::uint16_t {
  DW_FORM_addr = 0x01,
  DW_FORM_data1 = 0x0b,
  DW_FORM_data2 = 0x05,
  DW_FORM_data4 = 0x06,
  DW_FORM_data8 = 0x07,
  DW_FORM_strp = 0x0e,
  DW_FORM_udata = 0x0f,
  DW_FORM_ref4 = 0x13,
  DW_FORM_sec_offset = 0x17,
  DW_FORM_exprloc = 0x18,
  DW_FORM_flag_present = 0x19,
  DW_FORM_line_strp = 0x1f,
};

// Table 7.9 location expression operations; 7.8 base type encodings
enum : std::uint8_t {
  DW_OP_addr = 0x03,
  DW_OP_breg6 = 0x76,  // rbp in the x86-64 DWARF register numbering
  DW_OP_fbreg = 0x91,
  DW_OP_call_frame_cfa = 0x9c,
  DW_ATE_boolean = 0x02,
  DW_ATE_float = 0x04,
  DW_ATE_signed = 0x05,
  DW_ATE_signed_char = 0x06,
  DW_ATE_unsigned = 0x07,
  DW_ATE_unsigned_char = 0x08,
  DW_CHILDREN_no = 0,
  DW_CHILDREN_yes = 1,
};

// Table 7.17 language: Toy has no code of its own; C99 makes every consumer
// (gdb, lldb) show values with C rules, which match Toy's machine model.
inline constexpr std::uint16_t DW_LANG_C99 = 0x0c;

// 7.22 line number opcodes and 7.22 content types
enum : std::uint8_t {
  DW_LNS_copy = 0x01,
  DW_LNS_advance_pc = 0x02,
  DW_LNS_advance_line = 0x03,
  DW_LNS_set_file = 0x04,
  DW_LNS_set_column = 0x05,
  DW_LNS_negate_stmt = 0x06,
  DW_LNS_set_prologue_end = 0x0a,
  DW_LNE_end_sequence = 0x01,
  DW_LNE_set_address = 0x02,
  DW_LNCT_path = 0x1,
  DW_LNCT_directory_index = 0x2,
};

// 7.24 call frame instructions; x86-64 DWARF registers (psABI Figure 3.36)
enum : std::uint8_t {
  DW_CFA_advance_loc = 0x40,  // low 6 bits: delta
  DW_CFA_offset = 0x80,       // low 6 bits: register
  DW_CFA_nop = 0x00,
  DW_CFA_def_cfa = 0x0c,
  DW_CFA_def_cfa_register = 0x0d,
  DW_CFA_def_cfa_offset = 0x0e,
  kDwarfRegRbp = 6,
  kDwarfRegRsp = 7,
  kDwarfRegReturnAddress = 16,
};

}  // namespace tide::codegen::dwarf
