# `tide dwarfdump --debug-line` prints the same rows as llvm-dwarfdump for a
# program the project builds (the row lines, byte for byte).
if(TIDE_BUILD_APP AND TARGET tide AND TARGET debuggee_lldb_smoke
   AND EXISTS /usr/lib/llvm-19/bin/llvm-dwarfdump)
  add_test(NAME "dwarfdump: tide dwarfdump --debug-line rows equal llvm-dwarfdump's"
           COMMAND ${CMAKE_COMMAND}
                   -DTIDE=$<TARGET_FILE:tide>
                   -DLLVM_DWARFDUMP=/usr/lib/llvm-19/bin/llvm-dwarfdump
                   -DINPUT=$<TARGET_FILE:debuggee_lldb_smoke>
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/debugger/dwarfdump_compare.cmake)
endif()
