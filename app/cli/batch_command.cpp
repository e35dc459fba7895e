// `tide --batch` and `tide --batch-merge`: thin entry points; the engine and
// its reports live in app/batch (library tide_batch, docs/batch.md).
#include <cstdio>

#include "batch/batch_driver.h"
#include "cli/commands.h"

namespace tide::cli {

int runBatch(std::span<const std::string> arguments) {
  return batch::runBatchCommand(arguments, stdout, stderr);
}

int runBatchMerge(std::span<const std::string> arguments) {
  return batch::runBatchMergeCommand(arguments, stdout, stderr);
}

}  // namespace tide::cli
