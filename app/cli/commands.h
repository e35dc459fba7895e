// Entry points of the headless commands; the table in command_table.cpp
// lists them. Each returns the process exit status.
#pragma once

#include <span>
#include <string>

namespace tide::cli {

int runHelp(std::span<const std::string> arguments);
int runVersion(std::span<const std::string> arguments);
int runCheck(std::span<const std::string> arguments);       // check_command.cpp
int runIr(std::span<const std::string> arguments);          // ir_command.cpp
int runRun(std::span<const std::string> arguments);         // run_command.cpp
int runBuild(std::span<const std::string> arguments);       // build_command.cpp
int runDwarfdump(std::span<const std::string> arguments);   // dwarfdump_command.cpp
int runBatch(std::span<const std::string> arguments);       // batch_command.cpp
int runBatchMerge(std::span<const std::string> arguments);  // batch_command.cpp
int runDbg(std::span<const std::string> arguments);         // dbg_command.cpp

}  // namespace tide::cli
