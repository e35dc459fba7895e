// What the in-process benchmarks measure with: the calling thread's CPU time
// (steadier than the wall clock on a shared machine) and the process's peak
// resident set.
#pragma once

#include <sys/resource.h>

#include <ctime>

namespace tide::bench {

inline double threadCpuSeconds() {
  timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

inline long peakRssKb() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace tide::bench
