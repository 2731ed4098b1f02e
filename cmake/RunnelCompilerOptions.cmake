# Compiler settings shared by every Runnel target: warnings, sanitizers, ccache.
find_program(RUNNEL_CCACHE ccache)
if(RUNNEL_CCACHE)
  set(CMAKE_C_COMPILER_LAUNCHER ${RUNNEL_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${RUNNEL_CCACHE})
endif()

add_library(runnel_warnings INTERFACE)
if(MSVC)
  # For every target, Qt's and third-party code included:
  # /utf-8: the sources are UTF-8 (the literals hold arrows, dashes and accents);
  # /bigobj: unity batches of generated Kafka message codecs can exceed 2^16 sections;
  # /Zc:__cplusplus: __cplusplus says 202002L instead of 199711L (headers test it);
  # /permissive-: standard two-phase name lookup and conversions, as GCC and Clang.
  # CMake's defaults add /EHsc and mark imported targets' headers external (/external:W0), so
  # /W4 judges Runnel's own code only.
  add_compile_options(/utf-8 /bigobj $<$<COMPILE_LANGUAGE:CXX>:/Zc:__cplusplus>
                      $<$<COMPILE_LANGUAGE:CXX>:/permissive->)
  target_compile_options(runnel_warnings INTERFACE /W4)
  if(RUNNEL_WERROR)
    target_compile_options(runnel_warnings INTERFACE /WX)
  endif()
else()
  target_compile_options(runnel_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  if(RUNNEL_WERROR)
    target_compile_options(runnel_warnings INTERFACE -Werror)
  endif()
endif()
if(WIN32)
  # <windows.h> must not define min/max macros (they break std::min) nor pull in the old
  # winsock.h; Windows 10 is the oldest target (WSAPoll, MoveFileExW's write-through).
  # No _CRT_SECURE_NO_WARNINGS: the code calls none of the CRT functions MSVC deprecates
  # (environment variables go through engine/common/environment.h), and new calls should be seen.
  add_compile_definitions(NOMINMAX WIN32_LEAN_AND_MEAN _WIN32_WINNT=0x0A00)
endif()

if(RUNNEL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# CI builds everything twice on 2 cores and needs only line tables (sanitizer reports and
# backtraces name file:line). Full debug info and -O2 cost about a fifth of its compile time;
# developers keep them. Later flags win, so these override the build type's -O2 -g.
option(RUNNEL_CI_BUILD "Lighter code generation for CI: -O1 (dev) and line-table debug info" OFF)
# Unity batches of engine sources parse the standard headers once per batch instead of once per
# file, but a one-file edit recompiles its whole batch, so only CI uses them by default. Two files
# that define the same file-local name break a batch: name such helpers distinctly or share them
# (configure with -DRUNNEL_UNITY_BUILD=ON to check before pushing).
option(RUNNEL_UNITY_BUILD "Compile engine libraries in unity batches (on for CI builds)" ${RUNNEL_CI_BUILD})
if(RUNNEL_CI_BUILD AND NOT MSVC)
  if(CMAKE_BUILD_TYPE STREQUAL "RelWithDebInfo")
    add_compile_options(-O1)
  endif()
  add_compile_options(-g1)
endif()

# GNU ld spends seconds on each of the ~130 executables (every test suite links the engine); lld
# links the same inputs about three times faster. Fall back to the default linker without it.
option(RUNNEL_USE_LLD "Link with lld when the compiler accepts -fuse-ld=lld" ON)
if(RUNNEL_USE_LLD AND NOT MSVC)  # link.exe would only warn about the unknown flag
  include(CheckLinkerFlag)
  check_linker_flag(CXX "-fuse-ld=lld" RUNNEL_LINKER_ACCEPTS_LLD)
  if(RUNNEL_LINKER_ACCEPTS_LLD)
    add_link_options(-fuse-ld=lld)
  endif()
endif()
