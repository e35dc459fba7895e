// Linking a staged object into an executable with the system toolchain, as
// `tide build` does (`cc -o OUT OBJ -lm`), but cheaper per case: the
// compiler driver is asked once (`cc -###`) which linker command it would
// run, and that command (ld with the C runtime objects and libraries,
// without the LTO plugin) is then run directly per case. When the driver's
// answer cannot be parsed, or the direct command fails on a probe object,
// every link goes through `cc` as before. gold is preferred when present:
// it is the cheaper of the two on these small objects.
#pragma once

#include <string>
#include <vector>

#include "batch/isolated_process.h"

namespace tide::batch {

struct LinkerCommand {
  // Argument vector with the placeholders {object} and {output}.
  std::vector<std::string> arguments;
  bool direct = false;  // ld itself, not the cc driver
};

// The command `driver` would run to link one object with -lm, with
// `linker` (resolved on PATH) in place of collect2; empty arguments when
// the driver's answer has no collect2 line or `linker` is not found.
LinkerCommand directLinkerCommand(const std::string& driver = "cc",
                                  const std::string& linker = "ld");

// The command every link uses: the direct command with ld.gold, else with
// ld, whichever first links `probeObject` into a program that exits 0;
// else `cc -o {output} {object} -lm`. Decided once per process.
const LinkerCommand& systemLinkerCommand(const std::vector<unsigned char>& probeObject);

// Runs `command` for one object; exit status and the linker's output.
ProcessOutcome linkExecutable(const LinkerCommand& command, const std::string& objectPath,
                              const std::string& outputPath);

}  // namespace tide::batch
