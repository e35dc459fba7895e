// Signal handling for the interpreter: SIGSEGV, SIGBUS, SIGFPE, SIGILL,
// SIGTRAP and SIGABRT are caught while a FaultScope is armed and turned into
// a jump back to interpret(). Previous handlers (a test framework's, a
// sanitizer's) are saved on arming and restored on disarming.
#include "interp_fault.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

namespace tide::core::interp {

namespace {

constexpr int kCaughtSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT};
constexpr int kSignalCount = sizeof(kCaughtSignals) / sizeof(kCaughtSignals[0]);
constexpr size_t kAlternateStackBytes = 256 * 1024;

// Per thread: a fault on another thread (the IDE's) while a program runs is
// not the program's, and gets the default action.
thread_local FaultScope* gActiveScope = nullptr;
struct sigaction gSavedActions[kSignalCount];
stack_t gSavedAlternateStack;
std::vector<char> gAlternateStack;

void handleSignal(int signal, siginfo_t* /*info*/, void* /*context*/) {
  FaultScope* scope = gActiveScope;
  if (scope == nullptr) {
    // Not ours: fall back to the default action so the process dies with it.
    ::signal(signal, SIG_DFL);
    raise(signal);
    return;
  }
  scope->record.signal = signal;
  scope->fromSignal = 1;
  siglongjmp(scope->jump, 1);
}

}  // namespace

FaultScope::FaultScope() {
  gActiveScope = this;
  gAlternateStack.assign(kAlternateStackBytes, 0);
  stack_t alternate{};
  alternate.ss_sp = gAlternateStack.data();
  alternate.ss_size = gAlternateStack.size();
  sigaltstack(&alternate, &gSavedAlternateStack);
  struct sigaction action {};
  action.sa_sigaction = handleSignal;
  // SA_NODEFER: the jump leaves the handler without sigreturn, so the signal
  // must not stay blocked. The mask is restored by siglongjmp anyway because
  // sigsetjmp saves it (savemask = 1).
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < kSignalCount; ++i) sigaction(kCaughtSignals[i], &action, &gSavedActions[i]);
}

FaultScope::~FaultScope() {
  for (int i = 0; i < kSignalCount; ++i) sigaction(kCaughtSignals[i], &gSavedActions[i], nullptr);
  sigaltstack(&gSavedAlternateStack, nullptr);
  gActiveScope = nullptr;
}

FaultScope* activeFaultScope() { return gActiveScope; }

void raiseFault(int signal, std::string message) {
  FaultScope* scope = gActiveScope;
  if (scope == nullptr) std::abort();  // an interpreter bug: no run is active
  scope->record.signal = signal;
  scope->record.message = std::move(message);
  siglongjmp(scope->jump, 1);
}

void raiseExit(int status, std::string message) {
  FaultScope* scope = gActiveScope;
  if (scope == nullptr) std::exit(status);
  scope->record.exited = true;
  scope->record.exitStatus = status;
  scope->record.message = std::move(message);
  siglongjmp(scope->jump, 1);
}

}  // namespace tide::core::interp
