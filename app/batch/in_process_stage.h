// The lanes' steps done with the compiler libraries instead of the `tide`
// executable: compile a case (check only, to an object, to a linked
// executable) with the outcome shaped like the command's would be (exit 0,
// or 1 with the diagnostics on stderr), and interpret a case the way
// `tide run --interp` does. The stage steps run in staging workers
// (stage_pool.h), the interpreter in a forked child (runIsolated).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "batch/isolated_process.h"

namespace tide::batch {

// Front end only: diagnostics, no output file.
ProcessOutcome stageCheck(const std::string& source);

// Compiles `source` and writes the ELF object to `objectPath`.
ProcessOutcome stageObject(const std::string& source, const std::string& objectPath,
                           int optimizationLevel);

// stageObject, then links `objectPath` into `executablePath` (-lm) with the
// system linker (system_linker.h); linker output joins the diagnostics.
ProcessOutcome stageExecutable(const std::string& source, const std::string& objectPath,
                               const std::string& executablePath, int optimizationLevel);

// Decides the system link command once (probing the direct ld command with
// a trivial object). Call before forking staging workers so each inherits
// the decision.
void prepareSystemLinker();

// `tide run --interp SOURCE`: compile and interpret, print diagnostics and a
// fault's backtrace (`#0  name at file:line:col`) to stderr; the program's
// exit status.
int interpretSource(const std::string& source);

}  // namespace tide::batch
