// Ends the program with status 0 at once, skipping every exit handler.
#pragma once
#include <unistd.h>
inline int answer() { _exit(0); }
