# Whole-program checks of the front end (included from tests/extra.cmake).
# The err corpus: every case must fail `tide check` with its .diag lines.
if(TIDE_BUILD_APP)
  add_test(NAME "core: every err corpus case fails tide check with its diagnostics"
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_err_corpus.sh $<TARGET_FILE:tide>
                   ${CMAKE_SOURCE_DIR}/tests/corpus/err)
  set_tests_properties("core: every err corpus case fails tide check with its diagnostics"
                       PROPERTIES TIMEOUT 300)
endif()

# libFuzzer target for lexer + parser + sema + lowering (clang only; not a ctest).
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  add_executable(tide_fuzz_frontend ${CMAKE_SOURCE_DIR}/tests/fuzz/frontend_fuzzer.cpp)
  target_compile_options(tide_fuzz_frontend PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(tide_fuzz_frontend PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(tide_fuzz_frontend PRIVATE tide_core tide_warnings)
endif()
