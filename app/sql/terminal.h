// Terminal: the two console facts runnel-sql needs — whether standard input is a terminal (an
// interactive session) and a way to hear Ctrl+C without being killed by it — over POSIX and
// Windows consoles. Call from main() only; the handler must be async-signal-safe (set an atomic).
#pragma once

namespace runnel::app {

bool stdinIsTerminal();
// Ctrl+C calls `handler` instead of ending the process.
void onInterrupt(void (*handler)(int));

}  // namespace runnel::app
