# Compiler settings shared by every Runnel target: warnings, sanitizers, ccache.
find_program(RUNNEL_CCACHE ccache)
if(RUNNEL_CCACHE)
  set(CMAKE_C_COMPILER_LAUNCHER ${RUNNEL_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${RUNNEL_CCACHE})
endif()

add_library(runnel_warnings INTERFACE)
target_compile_options(runnel_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(RUNNEL_WERROR)
  target_compile_options(runnel_warnings INTERFACE -Werror)
endif()

if(RUNNEL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
