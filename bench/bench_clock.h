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

// Page faults of the calling thread so far (a fresh page costs ~1-3 us on
// the virtual machines here: in a fresh process it is much of a compile).
inline long threadMinorFaults() {
  rusage usage;
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_minflt;
}

}  // namespace tide::bench
