// Result objects carry every CaseResult field under a stable name; the reader
// accepts what the writer writes and skips lines it does not know (a newer
// writer's extra types), so merge works across versions.
#include "batch/report_json.h"

#include <unistd.h>
#include <ctime>
#include <fstream>

namespace tide::batch {

void StatusTotals::add(const CaseResult& result) {
  ++byLane[result.lane][result.status];
  ++total;
  if (isFailure(result.status)) ++failures;
}

JsonValue headerToJson(const RunHeader& header) {
  JsonArray lanes;
  for (const std::string& lane : header.lanes) lanes.emplace_back(lane);
  return JsonObject{{"type", "header"},
                    {"tool", "tide"},
                    {"version", header.toolVersion},
                    {"host", header.host},
                    {"lanes", std::move(lanes)},
                    {"start", header.startTime},
                    {"shard", header.shard},
                    {"jobs", header.jobs}};
}

JsonValue resultToJson(const CaseResult& r) {
  JsonArray backtrace;
  for (const std::string& name : r.backtrace) backtrace.emplace_back(name);
  return JsonObject{{"type", "result"},
                    {"case", r.caseName},
                    {"lane", r.lane},
                    {"id", r.id},
                    {"status", statusName(r.status)},
                    {"message", r.message},
                    {"expected", r.expected},
                    {"actual", r.actual},
                    {"duration_ms", r.durationMs},
                    {"stage_ms", r.stageMs},
                    {"execute_ms", r.executeMs},
                    {"stdout", r.standardOutput},
                    {"stderr", r.standardError},
                    {"backtrace", std::move(backtrace)},
                    {"diagnostics", r.diagnostics},
                    {"detail", r.detail}};
}

JsonValue footerToJson(const StatusTotals& totals, double elapsedSeconds) {
  JsonObject lanes;
  for (const auto& [lane, counts] : totals.byLane) {
    JsonObject byStatus;
    for (const auto& [status, count] : counts)
      byStatus.emplace_back(std::string(statusName(status)), count);
    lanes.emplace_back(lane, std::move(byStatus));
  }
  return JsonObject{{"type", "footer"},
                    {"total", totals.total},
                    {"failures", totals.failures},
                    {"lanes", std::move(lanes)},
                    {"elapsed_s", elapsedSeconds}};
}

std::optional<CaseResult> resultFromJson(const JsonValue& object) {
  if (object.stringOr("type") != "result") return std::nullopt;
  const auto status = statusFromName(object.stringOr("status"));
  if (!status || object.stringOr("case").empty() || object.stringOr("lane").empty())
    return std::nullopt;
  CaseResult r;
  r.caseName = object.stringOr("case");
  r.lane = object.stringOr("lane");
  r.id = object.stringOr("id");
  r.status = *status;
  r.message = object.stringOr("message");
  r.expected = object.stringOr("expected");
  r.actual = object.stringOr("actual");
  r.durationMs = object.numberOr("duration_ms");
  r.stageMs = object.numberOr("stage_ms");
  r.executeMs = object.numberOr("execute_ms");
  r.standardOutput = object.stringOr("stdout");
  r.standardError = object.stringOr("stderr");
  r.diagnostics = object.stringOr("diagnostics");
  r.detail = object.stringOr("detail");
  if (const JsonValue* backtrace = object.find("backtrace"); backtrace && backtrace->array())
    for (const JsonValue& name : *backtrace->array())
      if (name.string()) r.backtrace.push_back(*name.string());
  return r;
}

JsonLinesWriter::~JsonLinesWriter() {
  if (file_) std::fclose(file_);
}

bool JsonLinesWriter::open(const std::filesystem::path& path) {
  file_ = std::fopen(path.c_str(), "w");
  return file_ != nullptr;
}

void JsonLinesWriter::write(const JsonValue& line) {
  if (!file_) return;
  const std::string text = toJson(line);
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fputc('\n', file_);
  std::fflush(file_);
}

ResultFile readResultFile(const std::filesystem::path& path) {
  ResultFile file;
  std::ifstream in(path);
  if (!in) {
    file.errors.push_back(path.string() + ": cannot read");
    return file;
  }
  int lineNumber = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const JsonParseResult parsed = parseJson(line);
    const std::string where = path.string() + ":" + std::to_string(lineNumber) + ": ";
    if (!parsed.value) {
      file.errors.push_back(where + parsed.error);
      continue;
    }
    const std::string type = parsed.value->stringOr("type");
    if (type == "header") {
      RunHeader header;
      header.toolVersion = parsed.value->stringOr("version");
      header.host = parsed.value->stringOr("host");
      header.startTime = parsed.value->stringOr("start");
      header.shard = parsed.value->stringOr("shard");
      header.jobs = static_cast<int>(parsed.value->numberOr("jobs", 1));
      if (const JsonValue* lanes = parsed.value->find("lanes"); lanes && lanes->array())
        for (const JsonValue& lane : *lanes->array())
          if (lane.string()) header.lanes.push_back(*lane.string());
      file.header = std::move(header);
    } else if (type == "result") {
      if (auto result = resultFromJson(*parsed.value))
        file.results.push_back(std::move(*result));
      else
        file.errors.push_back(where + "malformed result object");
    }
  }
  if (!file.header)
    file.errors.push_back(path.string() + ": no header line (not a tide --batch --json file?)");
  return file;
}

std::string currentTimeIso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string hostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

}  // namespace tide::batch
