// The native path of `tide run`: IR -> codegen object -> tide-runner (JIT),
// with the automatic symbolized backtrace on a fault.
#pragma once

#include <string>
#include <vector>

#include "tide/core/ir.h"

namespace tide::cli {

// Runs `module` natively with `arguments` as argv[1..] (argv[0] =
// `programName`); stdin/stdout/stderr are inherited. On a fault prints
// "tide: program received signal N (SIGx); backtrace:" and one line per
// frame ending at main to stderr. Returns the exit status (128 + signal
// after a fault, 125 when the object could not be loaded).
int runNativeProgram(const ir::Module& module, const std::string& programName,
                     const std::vector<std::string>& arguments);

}  // namespace tide::cli
