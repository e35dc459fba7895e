# Codegen's whole-system ctest entries: `tide build` end to end, and the
# corpus through the AOT path. Both need the `tide` executable.
if(TIDE_BUILD_APP)
  add_test(NAME "codegen: tide build writes objects and links programs that run"
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/build_command_test.sh $<TARGET_FILE:tide>)
  add_test(NAME "codegen: every corpus case passes when built by tide build at -O0"
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/aot_corpus.sh $<TARGET_FILE:tide>
                   ${CMAKE_SOURCE_DIR}/tests/corpus/cases)
  set_tests_properties("codegen: every corpus case passes when built by tide build at -O0"
                       PROPERTIES TIMEOUT 900)
endif()
