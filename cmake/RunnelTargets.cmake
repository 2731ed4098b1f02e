# Helpers that keep every library and test declared the same way.

# runnel_engine_library(NAME name SOURCES ... DEPENDS ...)
# An engine library: plain C++20, include paths rooted at the repository, never Qt.
function(runnel_engine_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPENDS" ${ARGN})
  add_library(${ARG_NAME} STATIC ${ARG_SOURCES})
  target_include_directories(${ARG_NAME} PUBLIC ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/generated)
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_DEPENDS} PRIVATE runnel_warnings)
  set_target_properties(${ARG_NAME} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
  if(RUNNEL_UNITY_BUILD)
    set_target_properties(${ARG_NAME} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
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
  _runnel_links_qt_widgets(with_widgets ${ARG_LIBS})
  if(with_widgets)
    _runnel_reuse_test_pch(${ARG_NAME} runnel_test_pch_widgets Qt6::Widgets)
  else()
    _runnel_reuse_test_pch(${ARG_NAME} runnel_test_pch_core "")
  endif()
  target_include_directories(${ARG_NAME} PRIVATE ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/generated)
  set_target_properties(${ARG_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  _runnel_moc_test_sources(${ARG_NAME} ${ARG_SOURCES})
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  # The sanitizer step of CI builds only what it runs: the suites labelled engine.
  if("engine" IN_LIST ARG_LABELS)
    if(NOT TARGET runnel_engine_tests)
      add_custom_target(runnel_engine_tests)
    endif()
    add_dependencies(runnel_engine_tests ${ARG_NAME})
  endif()
  set(env "QT_QPA_PLATFORM=offscreen" "RUNNEL_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
  set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
                       ENVIRONMENT "${env}")
endfunction()

# Every suite includes <QtTest>, which brings in all of QtCore: about 4 s of parsing per suite on
# CI's 2 cores, paid ~80 times in the dev build and again under ASan. The suites share two
# precompiled headers instead. QtTest's headers test QT_GUI_LIB/QT_WIDGETS_LIB, so suites that link
# widgets need their own; and the per-directory QT_TESTCASE_BUILDDIR/SOURCEDIR definitions Qt adds
# would make GCC reject a shared header, so they are undefined (no suite uses QFINDTESTDATA; the
# suites find their data through RUNNEL_SOURCE_DIR).
function(_runnel_reuse_test_pch target pch_target extra_lib)
  if(NOT TARGET ${pch_target})
    file(WRITE ${CMAKE_BINARY_DIR}/${pch_target}.cpp "// anchors the shared QtTest PCH\n")
    add_library(${pch_target} OBJECT ${CMAKE_BINARY_DIR}/${pch_target}.cpp)
    target_link_libraries(${pch_target} PRIVATE Qt6::Test ${extra_lib} runnel_warnings)
    target_compile_options(${pch_target} PRIVATE -UQT_TESTCASE_BUILDDIR -UQT_TESTCASE_SOURCEDIR)
    target_precompile_headers(${pch_target} PRIVATE <QtTest>)
    set_target_properties(${pch_target} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
  endif()
  target_compile_options(${target} PRIVATE -UQT_TESTCASE_BUILDDIR -UQT_TESTCASE_SOURCEDIR)
  target_precompile_headers(${target} REUSE_FROM ${pch_target})
endfunction()

# A suite declares its test class in its .cpp and ends with `#include "<file>.moc"`. AUTOMOC would
# cost ~5 s of CPU per suite: it lets moc follow every include (QtTest pulls in ~650 headers) to
# record dependencies, and compiles a mocs_compilation.cpp that is empty but still loads the
# precompiled header. moc needs none of the includes to see a class declared in the file itself, so
# each such source gets one plain moc run (~0.05 s) instead.
function(_runnel_moc_test_sources target)
  set(moc_dir ${CMAKE_CURRENT_BINARY_DIR}/${target}_moc)
  set(mocked "")
  foreach(source ${ARGN})
    get_filename_component(path ${source} ABSOLUTE)
    get_filename_component(stem ${source} NAME_WE)
    if(NOT path MATCHES "\\.cpp$")
      continue()
    endif()
    file(STRINGS ${path} moc_include REGEX "^#include \"${stem}\\.moc\"")
    if(moc_include)
      add_custom_command(
        OUTPUT ${moc_dir}/${stem}.moc
        COMMAND Qt6::moc ${path} -o ${moc_dir}/${stem}.moc
        DEPENDS ${path} Qt6::moc
        COMMENT "moc ${stem}.cpp"
        VERBATIM)
      list(APPEND mocked ${moc_dir}/${stem}.moc)
    endif()
  endforeach()
  if(mocked)
    target_sources(${target} PRIVATE ${mocked})
    target_include_directories(${target} PRIVATE ${moc_dir})
  endif()
  set_target_properties(${target} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
endfunction()

# Sets `out` to TRUE when any of the libraries links Qt6::Widgets, directly or through others.
function(_runnel_links_qt_widgets out)
  set(pending ${ARGN})
  set(seen "")
  while(pending)
    list(POP_FRONT pending lib)
    if(lib IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${lib})
    if(lib STREQUAL "Qt6::Widgets" OR lib STREQUAL "Qt::Widgets")
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
    if(TARGET ${lib})
      get_target_property(imported ${lib} IMPORTED)
      if(NOT imported)
        get_target_property(deps ${lib} LINK_LIBRARIES)
        if(deps)
          list(APPEND pending ${deps})
        endif()
      endif()
      get_target_property(interface_deps ${lib} INTERFACE_LINK_LIBRARIES)
      if(interface_deps)
        list(APPEND pending ${interface_deps})
      endif()
    endif()
  endwhile()
  set(${out} FALSE PARENT_SCOPE)
endfunction()
