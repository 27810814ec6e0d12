// Forwards to the submission's answer().
#include "forge.hpp"
#include "forge_adapter.h"

namespace forge_adapter {
int Answer() { return answer(); }
}  // namespace forge_adapter
