// Named points where a test can freeze the process, so that it can be killed with SIGKILL at a
// known step (kill-during-import tests). Off unless the environment variable
// OPENCEIR_FREEZE_AT names the point; then the process stops itself with SIGSTOP there, and the
// test that started it kills it. Costs one branch on a cached flag when off.
#pragma once

#include <string_view>

namespace openceir {

// Freezes the process when OPENCEIR_FREEZE_AT equals `name` (for a repeated point, the value
// "name@N" freezes on its N-th passage, counting from 1).
void FaultPoint(std::string_view name);

}  // namespace openceir
