// The native path of `tide run`: a codegen object -> tide-runner (JIT), with
// the automatic symbolized backtrace on a fault.
#pragma once

#include <string>
#include <vector>

#include "tide/codegen/object.h"

namespace tide::cli {

// Runs `object` (compileToObject's or compileFilesToObject's) natively with
// `arguments` as argv[1..] (argv[0] = `programName`); stdin/stdout/stderr are
// inherited. Code generation problems are printed first. On a fault prints
// "tide: program received signal N (SIGx); backtrace:" and one line per
// frame ending at main to stderr. Returns the exit status (128 + signal
// after a fault, 125 when the object could not be loaded).
int runNativeObject(const codegen::ObjectFile& object, const std::string& programName,
                    const std::vector<std::string>& arguments);

}  // namespace tide::cli
