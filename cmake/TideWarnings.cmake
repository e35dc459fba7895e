# tide_warnings: the warning policy for every target of ours. Third-party
# headers (Qt, QScintilla, LLDB, Catch2) come in as SYSTEM includes so their
# warnings never fail our build.
add_library(tide_warnings INTERFACE)
target_compile_options(tide_warnings INTERFACE -Wall -Wextra -Werror)

# tide_library(NAME DEPS...): a static library from NAME's src/*.cpp with
# include/ as its only public include directory.
function(tide_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                     PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE tide_warnings ${ARG_PRIVATE_DEPS})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
