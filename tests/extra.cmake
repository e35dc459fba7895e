# Whole-system ctest entries owned by each area; one include per area.
include(${CMAKE_CURRENT_SOURCE_DIR}/jit/tests.cmake)
include(${CMAKE_CURRENT_SOURCE_DIR}/corpus/tests.cmake)
include(${CMAKE_CURRENT_SOURCE_DIR}/core/tests.cmake)
include(${CMAKE_CURRENT_SOURCE_DIR}/batch/tests.cmake)
include(${CMAKE_CURRENT_SOURCE_DIR}/codegen/tests.cmake)
include(${CMAKE_CURRENT_SOURCE_DIR}/debugger/dwarf_tests.cmake)
include(${CMAKE_CURRENT_SOURCE_DIR}/dbg/tests.cmake)
