// Crash guard (see crash_guard.h). Async-signal-safety rules in the handler:
// no allocation, no stdio, no locks; memory is read only inside the stack
// range [faulting rsp, stack top) recorded at start-up, or inside the image's
// code, so a garbage frame pointer is never dereferenced. The chain is
// stepped by codegen's stepFrame, the project's one unwinder.
//
// Frame 0 is the faulting pc. Two refinements keep the chain complete:
//  - a fault on the first instructions of a function (push rbp / mov
//    rbp,rsp: typical for stack overflow) has not linked its frame yet, so
//    the return address is read from the stack top instead;
//  - a fault outside the image (abort() inside the C library, whose code may
//    use rbp as a general register) resynchronises on the innermost frame
//    record above rsp that is genuine: its return address follows a call
//    instruction in image code and its chain climbs cleanly out of the image.
//    The C library's frames hold spilled callee-saved registers of whoever
//    called the program (the runner at -O2 keeps the program's `main` entry
//    and stack pointers there), and such a spill can look exactly like a
//    {link, image address} record; checking the call and the chain rejects it.
#include "crash_guard.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "tide/codegen/frame_record.h"
#include "tide/jit/runner_protocol.h"

// glibc (ld.so): the main thread's stack pointer at process start.
extern "C" void* __libc_stack_end;

namespace tide::runner {
namespace {

namespace protocol = tide::jit::protocol;

constexpr std::size_t kAltStackSize = 64 * 1024;
constexpr std::uint64_t kResyncScanBytes = 64 * 1024;
constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};

alignas(16) std::uint8_t gAltStack[kAltStackSize];
CrashGuardConfig gConfig;
std::uint64_t gStackLow = 0;   // lowest address of the thread's stack mapping
std::uint64_t gStackHigh = 0;  // one past its highest address

// The captured chain: innermost frames in order, outermost in a ring.
struct Capture {
  std::uint64_t inner[protocol::kMaxInnerFrames];
  std::uint64_t outer[protocol::kMaxOuterFrames];
  std::uint64_t total = 0;

  void add(std::uint64_t address) {
    if (total < protocol::kMaxInnerFrames)
      inner[total] = address;
    else
      outer[(total - protocol::kMaxInnerFrames) % protocol::kMaxOuterFrames] = address;
    ++total;
  }
};
Capture gCapture;

alignas(8) std::uint8_t gMessage[sizeof(protocol::MessageHeader) + sizeof(protocol::CrashPayload) +
                                 8 * (protocol::kMaxInnerFrames + protocol::kMaxOuterFrames)];

struct StackRange {
  std::uint64_t low;
  std::uint64_t high;
};

bool readStackWord(void* context, std::uint64_t address, std::uint64_t* out) {
  const StackRange* range = static_cast<const StackRange*>(context);
  if (address % 8 != 0 || address < range->low || address >= range->high ||
      range->high - address < 8)
    return false;
  *out = *reinterpret_cast<const std::uint64_t*>(address);
  return true;
}

bool inImageCode(std::uint64_t address) {
  return address >= gConfig.imageCodeStart && address < gConfig.imageCodeEnd;
}

void walkChain(std::uint64_t fp, StackRange* range) {
  for (;;) {
    codegen::FrameStep step;
    if (codegen::stepFrame(fp, range->high, readStackWord, range, &step) !=
        codegen::FrameStepResult::Ok)
      return;
    gCapture.add(step.returnAddress);
    if (step.callerFramePointer == 0) return;
    fp = step.callerFramePointer;
  }
}

// Whether the call instruction that pushed return address `address` (an
// image code address) was a direct call to another image function. Calls
// through PLT stubs, GOT slots or registers count as leaving the image.
bool returnsFromImageCall(std::uint64_t address) {
  if (address < gConfig.imageCodeStart + 5) return false;
  const std::uint8_t* code = reinterpret_cast<const std::uint8_t*>(address);
  if (code[-5] != 0xe8) return false;
  std::int32_t displacement = 0;
  std::memcpy(&displacement, code - 4, 4);
  const std::uint64_t target = address + static_cast<std::uint64_t>(std::int64_t{displacement});
  return inImageCode(target) && !(target >= gConfig.stubsStart && target < gConfig.stubsEnd);
}

// Bytes taken by a ModRM byte plus its SIB and displacement (x86-64).
std::uint64_t modrmLength(std::uint8_t modrm, std::uint8_t sib) {
  const int mod = modrm >> 6;
  const int rm = modrm & 7;
  if (mod == 3) return 1;
  const std::uint64_t sibBytes = rm == 4 ? 1 : 0;
  if (mod == 1) return 2 + sibBytes;
  if (mod == 2) return 5 + sibBytes;
  if (rm == 5) return 5;                            // rip-relative disp32
  if (rm == 4 && (sib & 7) == 5) return 1 + 1 + 4;  // SIB without base: disp32
  return 1 + sibBytes;
}

// Whether the bytes just before `address` (an image code address) are a
// call: `call rel32` (e8) or `call r/m64` (ff /2, any ModRM form; a REX
// prefix before it does not change where it ends). A real return address
// always is; a function's entry address or a data pointer that merely lands
// in the code normally is not. Reads stay inside the image's code pages.
bool followsCall(std::uint64_t address) {
  const std::uint8_t* code = reinterpret_cast<const std::uint8_t*>(address);
  if (address >= gConfig.imageCodeStart + 5 && code[-5] == 0xe8) return true;
  for (std::uint64_t length = 2; length <= 7; ++length) {
    if (address < gConfig.imageCodeStart + length) break;
    const std::uint8_t* call = code - length;
    if (call[0] != 0xff || ((call[1] >> 3) & 7) != 2) continue;
    const std::uint8_t sib = length >= 3 ? call[2] : 0;
    if (1 + modrmLength(call[1], sib) == length) return true;
  }
  return false;
}

// Whether `address` can be a return address into the image.
bool isImageReturnAddress(std::uint64_t address) {
  return inImageCode(address) && followsCall(address);
}

// Whether the chain from the frame record at `record` is a real one: every
// return address up to the first one outside the image follows a call in
// image code, every link climbs the stack, and the chain does leave the
// image (the program's main always returns into the runner). Stale words or
// register spills that happen to look like one record fail within a step or
// two. Costs one extra walk of the image part of the chain, once per
// candidate record that passed the cheap checks.
bool chainLeavesImage(std::uint64_t record, StackRange* range) {
  for (std::uint64_t fp = record;;) {
    codegen::FrameStep step;
    if (codegen::stepFrame(fp, range->high, readStackWord, range, &step) !=
        codegen::FrameStepResult::Ok)
      return false;
    if (!inImageCode(step.returnAddress)) return true;
    if (!followsCall(step.returnAddress) || step.callerFramePointer == 0) return false;
    fp = step.callerFramePointer;
  }
}

// Fault outside the image (e.g. abort() in the C library, whose code may
// use rbp freely): find the innermost genuine frame record on the stack that
// returns into image code (see chainLeavesImage). If that record belongs to
// an image function (its return address comes from an image-to-image call),
// the C library was called from that function, and the return address into
// it is the nearest word below the record that returns from a call leaving
// the image; stale return addresses deeper in the C library's frames are not
// considered.
void resyncAndWalk(std::uint64_t sp, StackRange* range) {
  std::uint64_t scanEnd = range->high;
  if (scanEnd - sp > kResyncScanBytes) scanEnd = sp + kResyncScanBytes;
  for (std::uint64_t record = (sp + 15) & ~std::uint64_t{15}; record + 16 <= scanEnd;
       record += 16) {
    std::uint64_t link = 0;
    std::uint64_t returnAddress = 0;
    if (!readStackWord(range, record, &link) || !readStackWord(range, record + 8, &returnAddress))
      return;
    // An image function's record always links to its caller's record (the
    // runner's main at least), so a zero or misaligned link is stale data.
    if (!isImageReturnAddress(returnAddress) || link <= record || link % 16 != 0 ||
        link >= range->high || !chainLeavesImage(record, range))
      continue;
    if (returnsFromImageCall(returnAddress)) {
      for (std::uint64_t slot = record - 8; slot >= sp && slot >= range->low; slot -= 8) {
        std::uint64_t word = 0;
        if (readStackWord(range, slot, &word) && isImageReturnAddress(word) &&
            !returnsFromImageCall(word)) {
          gCapture.add(word);
          break;
        }
      }
    }
    walkChain(record, range);
    return;
  }
}

void writeAll(int fd, const std::uint8_t* bytes, std::size_t size) {
  while (size > 0) {
    const ssize_t written = write(fd, bytes, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return;
    }
    bytes += written;
    size -= static_cast<std::size_t>(written);
  }
}

void sendCrash(int signal, const siginfo_t* info, std::uint64_t pc, std::uint64_t sp,
               std::uint64_t fp) {
  protocol::CrashPayload payload;
  payload.signal = signal;
  payload.code = info != nullptr ? info->si_code : 0;
  payload.faultAddress = info != nullptr ? reinterpret_cast<std::uint64_t>(info->si_addr) : 0;
  payload.pc = pc;
  payload.sp = sp;
  payload.fp = fp;
  payload.totalFrames = gCapture.total;
  const std::uint64_t innerCount =
      gCapture.total < protocol::kMaxInnerFrames ? gCapture.total : protocol::kMaxInnerFrames;
  const std::uint64_t outerSeen = gCapture.total - innerCount;
  const std::uint64_t outerCount =
      outerSeen < protocol::kMaxOuterFrames ? outerSeen : protocol::kMaxOuterFrames;
  payload.innerCount = static_cast<std::uint32_t>(innerCount);
  payload.outerCount = static_cast<std::uint32_t>(outerCount);

  std::uint8_t* at = gMessage + sizeof(protocol::MessageHeader) + sizeof(payload);
  std::memcpy(at, gCapture.inner, innerCount * 8);
  at += innerCount * 8;
  // Oldest surviving ring entry first, so the outer frames stay innermost-first.
  const std::uint64_t firstOuter = outerSeen - outerCount;
  for (std::uint64_t i = 0; i < outerCount; ++i) {
    std::memcpy(at, &gCapture.outer[(firstOuter + i) % protocol::kMaxOuterFrames], 8);
    at += 8;
  }
  protocol::MessageHeader header;
  header.kind = static_cast<std::uint32_t>(protocol::MessageKind::Crash);
  header.payloadSize = static_cast<std::uint32_t>(sizeof(payload) + 8 * (innerCount + outerCount));
  std::memcpy(gMessage, &header, sizeof(header));
  std::memcpy(gMessage + sizeof(header), &payload, sizeof(payload));
  writeAll(gConfig.reportFd, gMessage, sizeof(header) + header.payloadSize);
}

void onFatalSignal(int signal, siginfo_t* info, void* rawContext) {
  const int savedErrno = errno;
  const ucontext_t* context = static_cast<const ucontext_t*>(rawContext);
  const std::uint64_t pc = static_cast<std::uint64_t>(context->uc_mcontext.gregs[REG_RIP]);
  const std::uint64_t sp = static_cast<std::uint64_t>(context->uc_mcontext.gregs[REG_RSP]);
  const std::uint64_t fp = static_cast<std::uint64_t>(context->uc_mcontext.gregs[REG_RBP]);
  // Valid frames lie between the faulting rsp and the stack top; that part of
  // the stack is mapped, so every read the walk makes is safe.
  // (After a stack overflow rsp may sit just below the recorded low end.)
  StackRange range{sp > gStackLow ? sp : gStackLow, gStackHigh};
  if (sp >= gStackHigh) range = StackRange{0, 0};  // not on our stack: no walk

  gCapture.total = 0;
  gCapture.add(pc);
  if (inImageCode(pc)) {
    // Code bytes at pc are inside the image's R+X pages: safe to read.
    const std::uint8_t* code = reinterpret_cast<const std::uint8_t*>(pc);
    std::uint64_t returnAddress = 0;
    const bool atPushRbp = code[0] == 0x55;
    const bool atMovRbpRsp =
        pc + 3 <= gConfig.imageCodeEnd && code[0] == 0x48 && code[1] == 0x89 && code[2] == 0xe5;
    if (atPushRbp && readStackWord(&range, sp, &returnAddress)) gCapture.add(returnAddress);
    if (atMovRbpRsp && readStackWord(&range, sp + 8, &returnAddress)) gCapture.add(returnAddress);
    walkChain(fp, &range);
  } else if (range.high != 0) {
    resyncAndWalk(sp, &range);
  }
  if (gConfig.reportFd >= 0) sendCrash(signal, info, pc, sp, fp);
  errno = savedErrno;
  _exit(128 + signal);
}

}  // namespace

bool installCrashGuard(const CrashGuardConfig& config) {
  gConfig = config;
  // The main thread's stack (hostImage runs there): it ends at the page
  // holding the initial stack pointer and may grow down by the stack rlimit.
  // pthread_getattr_np would find the same by parsing /proc/self/maps, which
  // costs about a tenth of a `tide run` of a small program.
  const std::uint64_t pageSize = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  const std::uint64_t initialSp = reinterpret_cast<std::uint64_t>(__libc_stack_end);
  if (initialSp == 0) return false;
  gStackHigh = (initialSp + pageSize) & ~(pageSize - 1);
  rlimit stackLimit{};
  std::uint64_t stackSize = std::uint64_t{8} << 20;
  if (getrlimit(RLIMIT_STACK, &stackLimit) == 0 && stackLimit.rlim_cur != RLIM_INFINITY)
    stackSize = stackLimit.rlim_cur;
  gStackLow = gStackHigh > stackSize ? gStackHigh - stackSize : 0;

  stack_t alternate{};
  alternate.ss_sp = gAltStack;
  alternate.ss_size = sizeof(gAltStack);
  alternate.ss_flags = 0;
  if (sigaltstack(&alternate, nullptr) != 0) return false;

  struct sigaction action {};
  action.sa_sigaction = onFatalSignal;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  // While one fatal signal is handled, the others wait: the handler exits.
  for (int signal : kSignals) sigaddset(&action.sa_mask, signal);
  for (int signal : kSignals)
    if (sigaction(signal, &action, nullptr) != 0) return false;
  // A parent may have spawned us with some of them blocked.
  sigset_t guarded;
  sigemptyset(&guarded);
  for (int signal : kSignals) sigaddset(&guarded, signal);
  return pthread_sigmask(SIG_UNBLOCK, &guarded, nullptr) == 0;
}

}  // namespace tide::runner
