// Toy files straight to an object, front end and code generator at once:
// each function's machine code is generated on a second thread while the
// front end checks and lowers the next one (core::LoweringObserver). The
// bytes are exactly those of compileToObject(*compileFiles(paths).module).
// Small inputs run on the calling thread alone (a thread would cost more
// than it saves).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tide/codegen/object.h"
#include "tide/core/compile.h"

namespace tide::codegen {

struct PipelineOptions {
  CodegenOptions codegen;
  // Source bytes from which code generation gets its own thread.
  std::size_t threadThreshold = std::size_t{64} << 10;
  // On the threaded path (inputs from threadThreshold up), free each
  // function's IR body once its code exists (for callers that need only the
  // object): compiled.module then holds the declarations and released bodies
  // (ir::Function::releaseBody). Kept when the compile verifies the IR (debug
  // builds), which needs every body at the end.
  bool releaseBodies = false;
};

struct CompiledObject {
  core::CompileResult compiled;  // diagnostics, sources, the IR (null module on error)
  ObjectFile object;             // meaningful only when compiled.ok()
  bool usedThread = false;       // code generation ran beside the front end
};

CompiledObject compileFilesToObject(const std::vector<std::string>& paths,
                                    const PipelineOptions& options = {});

}  // namespace tide::codegen
