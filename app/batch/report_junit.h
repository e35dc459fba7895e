// JUnit XML as Jenkins, GitLab and GitHub reporters read it: <testsuites>
// with one <testsuite> per lane, one <testcase> per case (classname = lane,
// name = case), <failure> for wrong results, <error> for crashes, timeouts,
// output-limit and compile errors, <skipped> with the reason. Text is
// escaped and stripped of characters XML 1.0 cannot carry.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "batch/report_json.h"
#include "batch/result.h"

namespace tide::batch {

std::string xmlEscaped(std::string_view text);

// `laneOrder` orders the suites; lanes only found in the results follow.
std::string junitXml(const std::vector<CaseResult>& results,
                     const std::vector<std::string>& laneOrder, const RunHeader& header);

bool writeTextFile(const std::filesystem::path& path, const std::string& text);

}  // namespace tide::batch
