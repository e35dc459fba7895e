// The JSON lines result file (docs/batch.md): a header object, one object per
// result written and flushed as it completes (a killed run leaves a readable
// prefix), and a footer with the totals. `tide --batch-merge` reads these.
#pragma once

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "batch/json.h"
#include "batch/result.h"

namespace tide::batch {

struct RunHeader {
  std::string toolVersion;
  std::string host;
  std::vector<std::string> lanes;
  std::string startTime;  // ISO 8601 UTC
  std::string shard;      // "K/N" or empty
  int jobs = 1;
};

struct StatusTotals {
  std::map<std::string, std::map<Status, int>> byLane;  // lane -> status -> count
  int total = 0;
  int failures = 0;
  void add(const CaseResult& result);
};

JsonValue headerToJson(const RunHeader& header);
JsonValue resultToJson(const CaseResult& result);
JsonValue footerToJson(const StatusTotals& totals, double elapsedSeconds);
std::optional<CaseResult> resultFromJson(const JsonValue& object);

class JsonLinesWriter {
 public:
  JsonLinesWriter() = default;
  JsonLinesWriter(const JsonLinesWriter&) = delete;
  JsonLinesWriter& operator=(const JsonLinesWriter&) = delete;
  ~JsonLinesWriter();
  bool open(const std::filesystem::path& path);
  void write(const JsonValue& line);  // one line, flushed

 private:
  std::FILE* file_ = nullptr;
};

struct ResultFile {
  std::optional<RunHeader> header;
  std::vector<CaseResult> results;
  std::vector<std::string> errors;  // "file:line: message"
};
ResultFile readResultFile(const std::filesystem::path& path);

std::string currentTimeIso8601();
std::string hostName();

}  // namespace tide::batch
