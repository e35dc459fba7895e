// The native path of `tide run`: a codegen object -> tide-runner (JIT), with
// the automatic symbolized backtrace on a fault.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tide/codegen/object.h"
#include "tide/jit/preforked_host.h"

namespace tide::cli {

// A forked child to host the program, with `arguments` as argv[1..]
// (argv[0] = `programName`) and stdin/stdout/stderr inherited. Call before
// compiling (see PreforkedHost); stdio is flushed first.
std::unique_ptr<jit::PreforkedHost> prepareNativeHost(const std::string& programName,
                                                      const std::vector<std::string>& arguments);

// Runs `object` (compileToObject's or compileFilesToObject's) natively in
// `host`. Code generation problems are printed first. On a fault prints
// "tide: program received signal N (SIGx); backtrace:" and one line per
// frame ending at main to stderr. Returns the exit status (128 + signal
// after a fault, 125 when the object could not be loaded).
int runNativeObject(const codegen::ObjectFile& object, jit::PreforkedHost& host);

}  // namespace tide::cli
