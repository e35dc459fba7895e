// DWARF constants, defined once for the writer (codegen) and the reader
// (debugger): the DWARF 5 standard's section 7 tables, plus the DWARF 4
// values that DWARF 5 keeps for compatibility. They live in codegen, the
// leftmost folder that uses them, so the debugger includes them from its
// left. Only the values someone interprets are listed; the reader carries
// unknown ones through as numbers.
#pragma once

#include <cstdint>

namespace tide::dwarf {

// 7.5.1 Unit header unit types.
inline constexpr std::uint8_t DW_UT_compile = 0x01, DW_UT_type = 0x02, DW_UT_partial = 0x03,
                              DW_UT_skeleton = 0x04, DW_UT_split_compile = 0x05,
                              DW_UT_split_type = 0x06;

// 7.5.3 Tag encodings.
inline constexpr std::uint16_t DW_TAG_array_type = 0x01, DW_TAG_enumeration_type = 0x04,
                               DW_TAG_formal_parameter = 0x05, DW_TAG_lexical_block = 0x0b,
                               DW_TAG_member = 0x0d, DW_TAG_pointer_type = 0x0f,
                               DW_TAG_compile_unit = 0x11, DW_TAG_structure_type = 0x13,
                               DW_TAG_subroutine_type = 0x15, DW_TAG_typedef = 0x16,
                               DW_TAG_union_type = 0x17, DW_TAG_unspecified_parameters = 0x18,
                               DW_TAG_inlined_subroutine = 0x1d, DW_TAG_subrange_type = 0x21,
                               DW_TAG_base_type = 0x24, DW_TAG_const_type = 0x26,
                               DW_TAG_enumerator = 0x28, DW_TAG_subprogram = 0x2e,
                               DW_TAG_variable = 0x34, DW_TAG_volatile_type = 0x35,
                               DW_TAG_restrict_type = 0x37, DW_TAG_call_site = 0x48,
                               DW_TAG_GNU_call_site = 0x4109;

// 7.5.4 Attribute encodings.
inline constexpr std::uint16_t DW_AT_sibling = 0x01, DW_AT_location = 0x02, DW_AT_name = 0x03,
                               DW_AT_byte_size = 0x0b, DW_AT_stmt_list = 0x10, DW_AT_low_pc = 0x11,
                               DW_AT_high_pc = 0x12, DW_AT_language = 0x13, DW_AT_comp_dir = 0x1b,
                               DW_AT_const_value = 0x1c, DW_AT_inline = 0x20, DW_AT_producer = 0x25,
                               DW_AT_prototyped = 0x27, DW_AT_lower_bound = 0x22,
                               DW_AT_upper_bound = 0x2f, DW_AT_abstract_origin = 0x31,
                               DW_AT_count = 0x37, DW_AT_data_member_location = 0x38,
                               DW_AT_decl_column = 0x39, DW_AT_decl_file = 0x3a,
                               DW_AT_decl_line = 0x3b, DW_AT_declaration = 0x3c,
                               DW_AT_encoding = 0x3e, DW_AT_external = 0x3f,
                               DW_AT_frame_base = 0x40, DW_AT_specification = 0x47,
                               DW_AT_type = 0x49, DW_AT_ranges = 0x55, DW_AT_data_bit_offset = 0x6b,
                               DW_AT_linkage_name = 0x6e, DW_AT_str_offsets_base = 0x72,
                               DW_AT_addr_base = 0x73, DW_AT_rnglists_base = 0x74,
                               DW_AT_loclists_base = 0x8c;

// 7.5.6 Attribute form encodings.
inline constexpr std::uint16_t DW_FORM_addr = 0x01, DW_FORM_block2 = 0x03, DW_FORM_block4 = 0x04,
                               DW_FORM_data2 = 0x05, DW_FORM_data4 = 0x06, DW_FORM_data8 = 0x07,
                               DW_FORM_string = 0x08, DW_FORM_block = 0x09, DW_FORM_block1 = 0x0a,
                               DW_FORM_data1 = 0x0b, DW_FORM_flag = 0x0c, DW_FORM_sdata = 0x0d,
                               DW_FORM_strp = 0x0e, DW_FORM_udata = 0x0f, DW_FORM_ref_addr = 0x10,
                               DW_FORM_ref1 = 0x11, DW_FORM_ref2 = 0x12, DW_FORM_ref4 = 0x13,
                               DW_FORM_ref8 = 0x14, DW_FORM_ref_udata = 0x15,
                               DW_FORM_indirect = 0x16, DW_FORM_sec_offset = 0x17,
                               DW_FORM_exprloc = 0x18, DW_FORM_flag_present = 0x19,
                               DW_FORM_strx = 0x1a, DW_FORM_addrx = 0x1b, DW_FORM_ref_sup4 = 0x1c,
                               DW_FORM_strp_sup = 0x1d, DW_FORM_data16 = 0x1e,
                               DW_FORM_line_strp = 0x1f, DW_FORM_ref_sig8 = 0x20,
                               DW_FORM_implicit_const = 0x21, DW_FORM_loclistx = 0x22,
                               DW_FORM_rnglistx = 0x23, DW_FORM_ref_sup8 = 0x24,
                               DW_FORM_strx1 = 0x25, DW_FORM_strx2 = 0x26, DW_FORM_strx3 = 0x27,
                               DW_FORM_strx4 = 0x28, DW_FORM_addrx1 = 0x29, DW_FORM_addrx2 = 0x2a,
                               DW_FORM_addrx3 = 0x2b, DW_FORM_addrx4 = 0x2c;

// 7.7.1 DWARF expression operations.
inline constexpr std::uint8_t DW_OP_addr = 0x03, DW_OP_deref = 0x06, DW_OP_const1u = 0x08,
                              DW_OP_const1s = 0x09, DW_OP_const2u = 0x0a, DW_OP_const2s = 0x0b,
                              DW_OP_const4u = 0x0c, DW_OP_const4s = 0x0d, DW_OP_const8u = 0x0e,
                              DW_OP_const8s = 0x0f, DW_OP_constu = 0x10, DW_OP_consts = 0x11,
                              DW_OP_dup = 0x12, DW_OP_drop = 0x13, DW_OP_plus = 0x22,
                              DW_OP_plus_uconst = 0x23, DW_OP_minus = 0x1c, DW_OP_lit0 = 0x30,
                              DW_OP_lit31 = 0x4f, DW_OP_reg0 = 0x50, DW_OP_reg31 = 0x6f,
                              DW_OP_breg0 = 0x70, DW_OP_breg6 = 0x76 /* rbp */, DW_OP_breg31 = 0x8f,
                              DW_OP_regx = 0x90, DW_OP_fbreg = 0x91, DW_OP_bregx = 0x92,
                              DW_OP_piece = 0x93, DW_OP_deref_size = 0x94, DW_OP_nop = 0x96,
                              DW_OP_call_frame_cfa = 0x9c, DW_OP_implicit_value = 0x9e,
                              DW_OP_stack_value = 0x9f, DW_OP_entry_value = 0xa3,
                              DW_OP_addrx = 0xa1, DW_OP_constx = 0xa2, DW_OP_GNU_entry_value = 0xf3;

// 7.22 Line number opcodes.
inline constexpr std::uint8_t DW_LNS_copy = 0x01, DW_LNS_advance_pc = 0x02,
                              DW_LNS_advance_line = 0x03, DW_LNS_set_file = 0x04,
                              DW_LNS_set_column = 0x05, DW_LNS_negate_stmt = 0x06,
                              DW_LNS_set_basic_block = 0x07, DW_LNS_const_add_pc = 0x08,
                              DW_LNS_fixed_advance_pc = 0x09, DW_LNS_set_prologue_end = 0x0a,
                              DW_LNS_set_epilogue_begin = 0x0b, DW_LNS_set_isa = 0x0c;
inline constexpr std::uint8_t DW_LNE_end_sequence = 0x01, DW_LNE_set_address = 0x02,
                              DW_LNE_define_file = 0x03, DW_LNE_set_discriminator = 0x04;
// 7.22 Line number header entry formats.
inline constexpr std::uint16_t DW_LNCT_path = 0x1, DW_LNCT_directory_index = 0x2,
                               DW_LNCT_timestamp = 0x3, DW_LNCT_size = 0x4, DW_LNCT_MD5 = 0x5;

// 7.24 Call frame instructions (high two bits, then low six).
inline constexpr std::uint8_t DW_CFA_advance_loc = 0x40, DW_CFA_offset = 0x80,
                              DW_CFA_restore = 0xc0, DW_CFA_nop = 0x00, DW_CFA_set_loc = 0x01,
                              DW_CFA_advance_loc1 = 0x02, DW_CFA_advance_loc2 = 0x03,
                              DW_CFA_advance_loc4 = 0x04, DW_CFA_offset_extended = 0x05,
                              DW_CFA_restore_extended = 0x06, DW_CFA_undefined = 0x07,
                              DW_CFA_same_value = 0x08, DW_CFA_register = 0x09,
                              DW_CFA_remember_state = 0x0a, DW_CFA_restore_state = 0x0b,
                              DW_CFA_def_cfa = 0x0c, DW_CFA_def_cfa_register = 0x0d,
                              DW_CFA_def_cfa_offset = 0x0e, DW_CFA_def_cfa_expression = 0x0f,
                              DW_CFA_expression = 0x10, DW_CFA_offset_extended_sf = 0x11,
                              DW_CFA_def_cfa_sf = 0x12, DW_CFA_def_cfa_offset_sf = 0x13,
                              DW_CFA_val_offset = 0x14, DW_CFA_val_offset_sf = 0x15,
                              DW_CFA_val_expression = 0x16, DW_CFA_GNU_args_size = 0x2e;

// 7.8 Base type encodings (the ones C uses).
inline constexpr std::uint8_t DW_ATE_boolean = 0x02, DW_ATE_float = 0x04, DW_ATE_signed = 0x05,
                              DW_ATE_signed_char = 0x06, DW_ATE_unsigned = 0x07,
                              DW_ATE_unsigned_char = 0x08;

// .eh_frame pointer encodings (LSB "DWARF Extensions", DW_EH_PE_*).
inline constexpr std::uint8_t DW_EH_PE_absptr = 0x00, DW_EH_PE_uleb128 = 0x01,
                              DW_EH_PE_udata2 = 0x02, DW_EH_PE_udata4 = 0x03,
                              DW_EH_PE_udata8 = 0x04, DW_EH_PE_sleb128 = 0x09,
                              DW_EH_PE_sdata2 = 0x0a, DW_EH_PE_sdata4 = 0x0b,
                              DW_EH_PE_sdata8 = 0x0c, DW_EH_PE_pcrel = 0x10,
                              DW_EH_PE_datarel = 0x30, DW_EH_PE_indirect = 0x80,
                              DW_EH_PE_omit = 0xff;

// 7.5.3 Abbreviation children flag.
inline constexpr std::uint8_t DW_CHILDREN_no = 0, DW_CHILDREN_yes = 1;

// 7.12 Source languages.
inline constexpr std::uint16_t DW_LANG_C99 = 0x0c;

// x86-64 DWARF register numbers (System V psABI, Figure 3.36).
inline constexpr std::uint8_t kDwarfRegRbp = 6, kDwarfRegRsp = 7, kDwarfRegReturnAddress = 16;

}  // namespace tide::dwarf
