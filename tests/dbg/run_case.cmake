# One golden `tide dbg` session: runs TIDE dbg program.toy in CASE_DIR with
# CASE_DIR/stdin as the commands, normalizes what varies between machines
# and code generator changes (absolute addresses, offsets inside functions),
# and compares with CASE_DIR/expected. Set UPDATE=1 to rewrite expected
# (then read every line of it before keeping it). The output of a failing
# case is kept in OUT_DIR/NAME.actual.
execute_process(
  COMMAND ${TIDE} dbg program.toy
  WORKING_DIRECTORY ${CASE_DIR}
  INPUT_FILE ${CASE_DIR}/stdin
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors
  RESULT_VARIABLE status
  TIMEOUT 100)
string(APPEND output "${errors}")
string(APPEND output "[tide dbg exit status ${status}]\n")
# Offsets inside a function change whenever the code generator does.
string(REGEX REPLACE "\\+0x[0-9a-f]+>" "+OFF>" output "${output}")
# Runtime addresses (image, stack, C library) differ between machines.
string(REGEX REPLACE "0x[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]+" "0xADDR" output "${output}")
# A program interrupted at an arbitrary instruction stops at a line known in
# advance but not at a known column.
if(EXISTS ${CASE_DIR}/ignore_columns)
  string(REGEX REPLACE "(\\.toy:[0-9]+):[0-9]+" "\\1:COL" output "${output}")
endif()
# A case may normalize more of its own (NAME/normalize.cmake edits `output`).
if(EXISTS ${CASE_DIR}/normalize.cmake)
  include(${CASE_DIR}/normalize.cmake)
endif()
# How deep a stack overflows depends on the stack limit and environment size.
string(REGEX REPLACE "\\.\\.\\. [0-9]+ frames elided" "... N frames elided" output "${output}")
string(REGEX REPLACE "\n#[0-9][0-9][0-9]+ " "\n#N " output "${output}")
if(UPDATE)
  file(WRITE ${CASE_DIR}/expected "${output}")
  return()
endif()
file(READ ${CASE_DIR}/expected expected)
if(NOT output STREQUAL expected)
  file(WRITE ${OUT_DIR}/${CASE_NAME}.actual "${output}")
  string(REPLACE "\n" "\n  | " shown "${output}")
  message(FATAL_ERROR "tide dbg session differs from ${CASE_DIR}/expected; got:\n  | ${shown}")
endif()
