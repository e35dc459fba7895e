// Entry points of the headless commands; the table in command_table.cpp
// lists them. Each returns the process exit status.
#pragma once

#include <span>
#include <string>

namespace tide::cli {

int runHelp(std::span<const std::string> arguments);
int runVersion(std::span<const std::string> arguments);

}  // namespace tide::cli
