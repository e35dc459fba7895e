#include "tide/debugger/display_path.h"

#include <filesystem>

namespace tide::debugger {

std::string displayPath(const std::string& path) {
  std::error_code error;
  const std::string current = std::filesystem::current_path(error).string() + "/";
  if (!error && path.starts_with(current)) return path.substr(current.size());
  return path;
}

}  // namespace tide::debugger
