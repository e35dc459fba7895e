# ctest script: `tide run` on a crashing Toy program (the native JIT path)
# exits 139 and prints the symbolized backtrace from bt_leaf to main.
# -DTIDE=<tide executable> -DPROGRAM=<file.toy>
execute_process(COMMAND ${TIDE} run ${PROGRAM} RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 139)
  message(FATAL_ERROR "expected exit status 139, got ${status}\n${err}")
endif()
string(CONCAT pattern
  "tide: program received signal 11 \\(SIGSEGV\\); backtrace:\n"
  "#0  0x[0-9a-f]+ <bt_leaf\\+0x[0-9a-f]+> at [^\n]*crash_chain.toy:4:[0-9]+\n"
  "#1  0x[0-9a-f]+ <bt_mid\\+0x[0-9a-f]+> at [^\n]*crash_chain.toy:8:[0-9]+\n"
  "#2  0x[0-9a-f]+ <bt_root\\+0x[0-9a-f]+> at [^\n]*crash_chain.toy:12:[0-9]+\n"
  "#3  0x[0-9a-f]+ <main\\+0x[0-9a-f]+> at [^\n]*crash_chain.toy:16:[0-9]+\n$")
if(NOT err MATCHES "${pattern}")
  message(FATAL_ERROR "unexpected backtrace:\n${err}")
endif()
