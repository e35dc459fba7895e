# Run-case corpus (tests/corpus/README.md): every expected exit status and stdout is
# recomputed from the case's C twin built by gcc, independently of Tide, and must agree
# with the recorded NAME.expected / NAME.stdout sidecars.
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  set(TIDE_CORPUS_PYTHON ${Python3_EXECUTABLE})
else()
  set(TIDE_CORPUS_PYTHON python3)
endif()
add_test(NAME "corpus: C twins agree with the sidecars"
         COMMAND ${TIDE_CORPUS_PYTHON} ${CMAKE_SOURCE_DIR}/scripts/corpus_twins.py --check
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties("corpus: C twins agree with the sidecars" PROPERTIES TIMEOUT 600)
