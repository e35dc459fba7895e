# Locates LLDB 19 (Debian's liblldb-19-dev) and lldb-server. Debian's liblldb
# does not find lldb-server by itself, so its path is recorded here and the
# program sets LLDB_DEBUGSERVER_PATH from it when the variable is unset.
set(TIDE_LLVM_ROOT /usr/lib/llvm-19 CACHE PATH "LLVM 19 installation prefix")
find_path(TIDE_LLDB_INCLUDE_DIR lldb/API/LLDB.h PATHS ${TIDE_LLVM_ROOT}/include NO_DEFAULT_PATH)
find_library(TIDE_LLDB_LIBRARY NAMES lldb lldb-19 PATHS ${TIDE_LLVM_ROOT}/lib NO_DEFAULT_PATH)
find_program(TIDE_LLDB_SERVER NAMES lldb-server lldb-server-19 PATHS ${TIDE_LLVM_ROOT}/bin NO_DEFAULT_PATH)
if(NOT TIDE_LLDB_INCLUDE_DIR OR NOT TIDE_LLDB_LIBRARY OR NOT TIDE_LLDB_SERVER)
  message(FATAL_ERROR "LLDB 19 not found (need liblldb-19-dev and lldb-19): run scripts/install-deps.sh")
endif()
add_library(tide_lldb_sdk INTERFACE)
target_include_directories(tide_lldb_sdk SYSTEM INTERFACE ${TIDE_LLDB_INCLUDE_DIR})
target_link_libraries(tide_lldb_sdk INTERFACE ${TIDE_LLDB_LIBRARY})
