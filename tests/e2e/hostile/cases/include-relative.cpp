// Includes the hidden reference solution through the workspace's parents.
#include "../../../../../../../../@ROOT@/reference/counter/counter.hpp"
int main() {}
