// Status names are part of the file formats (docs/batch.md): keep them stable.
#include "batch/result.h"

#include <array>
#include <utility>

namespace tide::batch {

namespace {

constexpr std::array<std::pair<Status, std::string_view>, 7> kStatusNames{{
    {Status::Pass, "pass"},
    {Status::Fail, "fail"},
    {Status::Skip, "skip"},
    {Status::Timeout, "timeout"},
    {Status::Crash, "crash"},
    {Status::CompileError, "compile-error"},
    {Status::OutputLimit, "output-limit"},
}};

}  // namespace

std::string_view statusName(Status status) {
  for (const auto& [value, name] : kStatusNames)
    if (value == status) return name;
  return "fail";
}

std::optional<Status> statusFromName(std::string_view name) {
  for (const auto& [value, text] : kStatusNames)
    if (text == name) return value;
  return std::nullopt;
}

bool isFailure(Status status) { return status != Status::Pass && status != Status::Skip; }

std::string truncatedForReport(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  return text.substr(0, limit) + "\n[... " + std::to_string(text.size() - limit) + " more bytes]";
}

}  // namespace tide::batch
