// What the forge driver calls: the submission's answer(), through the glue.
#pragma once

namespace forge_adapter {
int Answer();
}
