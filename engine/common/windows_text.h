// Text at the Win32 boundary: the engine speaks UTF-8 everywhere, Windows' wide ("W") calls take
// UTF-16, and its error codes read best through FormatMessage. Windows builds only (compiled in by
// engine/common/CMakeLists.txt on WIN32). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace runnel {

// UTF-8 to UTF-16 for the W APIs; invalid sequences become U+FFFD rather than failing, so a bad
// path still reaches the OS and comes back as a clear "not found" naming it.
std::wstring toWide(std::string_view utf8);
std::string toUtf8(std::wstring_view wide);

// The system's message for a GetLastError()/WSAGetLastError() code, without the trailing period
// and line break, followed by the code ("Access is denied (error 5)").
std::string windowsErrorText(unsigned long code);

}  // namespace runnel
