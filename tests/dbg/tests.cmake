# Golden `tide dbg` sessions: tests/dbg/cases/NAME/{program.toy, stdin,
# expected}, one ctest entry per case. They drive LLDB, so they exist only
# where the app is built (not in the asan preset, which has no app/).
if(TARGET tide)
  file(GLOB TIDE_DBG_CASES LIST_DIRECTORIES true ${CMAKE_CURRENT_LIST_DIR}/cases/*)
  foreach(case_dir ${TIDE_DBG_CASES})
    if(IS_DIRECTORY ${case_dir})
      get_filename_component(case_name ${case_dir} NAME)
      add_test(NAME "dbg: ${case_name}"
               COMMAND ${CMAKE_COMMAND} -DTIDE=$<TARGET_FILE:tide> -DCASE_DIR=${case_dir}
                       -DCASE_NAME=${case_name} -DOUT_DIR=${CMAKE_BINARY_DIR}
                       -P ${CMAKE_CURRENT_LIST_DIR}/run_case.cmake)
      set_tests_properties("dbg: ${case_name}" PROPERTIES TIMEOUT 120)
    endif()
  endforeach()
endif()

# The session tests in tests/debugger (SessionCrossCheck) launch tide-runner.
if(TARGET tide_debugger_tests AND TARGET tide-runner)
  add_dependencies(tide_debugger_tests tide-runner)
endif()
