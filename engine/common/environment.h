// What the process finds around it, asked the same way on every platform: environment variables
// as UTF-8 (Windows' getenv answers in the ANSI code page, and MSVC deprecates it) and its own
// process id. Free functions; thread-safe as long as nothing sets variables at the same time.
#pragma once

#include <cstdint>
#include <string>

namespace runnel {

// The variable's value, or "" when it is not set (callers treat empty and unset alike).
std::string environmentVariable(const char* name);

// This process's id (getpid() / GetCurrentProcessId()): tells apart the scratch directories of
// concurrent runs.
std::uint32_t processId();

}  // namespace runnel
