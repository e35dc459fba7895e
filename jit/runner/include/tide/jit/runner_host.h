// The runner's work — load one object into a W^X image, report its base,
// install the crash guard and call main — as a function, so that both the
// tide-runner executable and a forked child of `tide run` (no second exec,
// see PreforkedHost) host images the same way.
#pragma once

#include <string>
#include <vector>

namespace tide::jit {

// Reads the ET_REL object from `objectFd` (rewound first; closed after
// reading), reports on `reportFd` (-1: none) and runs the program with
// `programName` as argv[0]. Never returns: exits with main's value & 0xff,
// 125 when the object cannot be loaded, or 128 + signal after a fault.
[[noreturn]] void hostImage(int objectFd, int reportFd, const char* programName,
                            const std::vector<std::string>& arguments);

}  // namespace tide::jit
