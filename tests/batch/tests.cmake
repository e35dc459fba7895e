# The whole corpus through `tide --batch` in every lane this build has
# (docs/batch.md). Active once the interpreter exists (the reference lane) and
# tests/corpus is there; lanes whose tools are missing report themselves as
# unavailable and are left out. Reports land in the build directory for CI.
if(TIDE_BUILD_APP AND EXISTS ${CMAKE_SOURCE_DIR}/core/include/tide/core/interpreter.h
   AND IS_DIRECTORY ${CMAKE_SOURCE_DIR}/tests/corpus)
  add_test(NAME "batch: the corpus passes in every available lane"
           COMMAND $<TARGET_FILE:tide> --batch ${CMAKE_SOURCE_DIR}/tests/corpus
                   --junit ${CMAKE_BINARY_DIR}/batch-corpus.xml
                   --json ${CMAKE_BINARY_DIR}/batch-corpus.jsonl
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties("batch: the corpus passes in every available lane" PROPERTIES
                       TIMEOUT 1800 ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()
