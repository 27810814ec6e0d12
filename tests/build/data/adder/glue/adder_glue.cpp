// Adapts the student's header-only Add to the driver's interface.
#include "adder.hpp"
#include "adder_adapter.h"

int AdapterAdd(int a, int b) { return Add(a, b); }
