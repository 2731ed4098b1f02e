# CMake toolchain for cross-compiling Runnel's engine and command-line programs for 64-bit Windows
# with Debian's MinGW-w64, used by cross-check.sh (see docs/INSTALL.md). The "posix" flavour of the
# compiler is the one whose libstdc++ has std::thread and std::mutex.
# RUNNEL_CROSS_STAGE: an extra prefix to search (cross-check.sh puts spdlog's and fmt's headers
# there, to be used header-only, without exposing the host's whole /usr/include).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(runnel_mingw_triple x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${runnel_mingw_triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${runnel_mingw_triple}-g++-posix)
set(CMAKE_RC_COMPILER ${runnel_mingw_triple}-windres)

set(CMAKE_FIND_ROOT_PATH /usr/${runnel_mingw_triple} ${RUNNEL_CROSS_STAGE})
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES RUNNEL_CROSS_STAGE)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)  # host tools: python, the code generators
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Static C/C++ runtime, winpthreads and zlib: the .exe files run on Windows (or wine) alone,
# without MinGW's DLLs beside them.
set(ZLIB_USE_STATIC_LIBS ON)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
