# Helpers that keep every library and test declared the same way.

# runnel_engine_library(NAME name SOURCES ... DEPENDS ...)
# An engine library: plain C++20, include paths rooted at the repository, never Qt.
function(runnel_engine_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPENDS" ${ARGN})
  add_library(${ARG_NAME} STATIC ${ARG_SOURCES})
  target_include_directories(${ARG_NAME} PUBLIC ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/generated)
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_DEPENDS} PRIVATE runnel_warnings)
  set_target_properties(${ARG_NAME} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
  foreach(dep ${ARG_DEPENDS})
    if(dep MATCHES "^Qt")
      message(FATAL_ERROR "${ARG_NAME}: engine libraries must not link Qt (${dep})")
    endif()
  endforeach()
endfunction()

# runnel_test(NAME name SOURCES ... LIBS ... LABELS ... [TIMEOUT s] [GUI])
# A Qt Test suite registered with CTest. GUI tests run on the offscreen platform.
function(runnel_test)
  cmake_parse_arguments(ARG "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} Qt6::Test runnel_warnings)
  target_include_directories(${ARG_NAME} PRIVATE ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/generated)
  set_target_properties(${ARG_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  set(env "QT_QPA_PLATFORM=offscreen" "RUNNEL_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
  set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
                       ENVIRONMENT "${env}")
endfunction()
