# JIT tests: C test programs compiled to relocatable objects at build time
# (gcc -c -O0 -fno-omit-frame-pointer -g, the shape the code generator
# emits), which tests/jit/*.tests.cpp load through tide-runner. globals.c is
# also built non-PIC so absolute 32-bit relocations are exercised.
set(TIDE_JIT_OBJECT_DIR ${CMAKE_BINARY_DIR}/jit-test-objects)
file(MAKE_DIRECTORY ${TIDE_JIT_OBJECT_DIR})
file(GLOB TIDE_JIT_PROGRAMS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/jit/programs/*.c)
set(TIDE_JIT_OBJECTS)
function(tide_jit_test_object source output)
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_C_COMPILER} -c -O0 -fno-omit-frame-pointer -g ${ARGN} ${source} -o ${output}
    DEPENDS ${source} VERBATIM)
endfunction()
foreach(source ${TIDE_JIT_PROGRAMS})
  get_filename_component(name ${source} NAME_WE)
  tide_jit_test_object(${source} ${TIDE_JIT_OBJECT_DIR}/${name}.o)
  list(APPEND TIDE_JIT_OBJECTS ${TIDE_JIT_OBJECT_DIR}/${name}.o)
endforeach()
tide_jit_test_object(${CMAKE_CURRENT_SOURCE_DIR}/jit/programs/globals.c
                     ${TIDE_JIT_OBJECT_DIR}/globals_nopic.o -fno-pic)
list(APPEND TIDE_JIT_OBJECTS ${TIDE_JIT_OBJECT_DIR}/globals_nopic.o)
add_custom_target(tide_jit_test_objects DEPENDS ${TIDE_JIT_OBJECTS})
if(TARGET tide_jit_tests)
  add_dependencies(tide_jit_tests tide_jit_test_objects tide-runner)
  target_compile_definitions(tide_jit_tests PRIVATE TIDE_JIT_OBJECT_DIR="${TIDE_JIT_OBJECT_DIR}")
endif()

# The native `tide run` path end to end (codegen -> tide-runner -> symbolized
# backtrace), when the app is built.
if(TARGET tide)
  add_test(NAME "jit: tide run prints the symbolized crash backtrace ending at main"
           COMMAND ${CMAKE_COMMAND} -DTIDE=$<TARGET_FILE:tide>
                   -DPROGRAM=${CMAKE_CURRENT_SOURCE_DIR}/jit/programs/crash_chain.toy
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/jit/check_tide_run.cmake)
endif()
