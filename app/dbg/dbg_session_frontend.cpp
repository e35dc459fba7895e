// `tide dbg FILE... [-- ARGS]`: a text debugger on the DebugSession, in the
// style of gdb/lldb. It lives in the module tide-dbg.so (app/dbg/), which
// `tide dbg` loads on demand, so the `tide` executable does not link LLDB. Commands come from a
// terminal or from stdin (then each is echoed after "(tide) " so a transcript reads like a
// session), which makes sessions scriptable for the golden tests. An execution command waits for
// the stop, printing the program's output as it comes; a trailing "&" returns at once (then
// `interrupt` stops the program). Ctrl-C interrupts.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "dbg/dbg_format.h"
#include "dbg/input_lines.h"
#include "tide/debugger/debug_session.h"
#include "tide/debugger/lldb_target_factory.h"

namespace tide::dbg {

namespace {

using debugger::DebugSession;
using debugger::ExecutionKind;

std::atomic<bool> gInterruptRequested{false};

void onInterrupt(int) { gInterruptRequested = true; }

const char kHelp[] =
    "b FILE:LINE|FUNC [if COND]  set a breakpoint (COND like i == 10)\n"
    "delete N | disable N | enable N\n"
    "info breakpoints            list breakpoints with hit counts\n"
    "run [ARGS]                  start the program (again)\n"
    "c | s | n | finish | si     continue, step into, step over, step out, one instruction\n"
    "until LINE                  run to LINE in this frame\n"
    "  (append & to return at once; then `interrupt`)\n"
    "interrupt                   stop the running program\n"
    "bt | frame N                call stack; select frame N\n"
    "regs [NAMES]                registers (* = changed since the previous stop)\n"
    "locals | globals | p PATH   variables (p acc.total, p a[3], p p.x, p *p, p &v)\n"
    "x ADDR|$REG|&VAR|PTR [N]    N bytes of memory (default 32)\n"
    "disas [ADDR|$REG|FUNC]      a function with source lines (default: the frame's)\n"
    "kill | q | help\n";

struct Frontend {
  DebugSession& session;
  std::vector<std::string> defaultArguments;  // after -- on the command line
  bool echo = false;

  void print(const std::string& line) { std::printf("%s\n", line.c_str()); }

  void printLines(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) print(line);
  }

  void printEvent(const debugger::SessionEvent& event) {
    if (const auto* output = std::get_if<debugger::OutputEvent>(&event)) {
      std::fwrite(output->bytes.data(), 1, output->bytes.size(), stdout);
      return;
    }
    const auto& stop = std::get<debugger::StopEvent>(event);
    printLines(describeStop(stop, [&](const std::string& file, std::uint32_t line) {
      return session.sourceLine(file, line);
    }));
  }

  // Prints events until a stop or exit has been printed. The program's
  // output is flushed as it comes, the rest once nothing happened for a
  // slice (a quick step needs no write of its own before the stop's).
  void waitForStop() {
    for (;;) {
      if (gInterruptRequested.exchange(false)) session.interrupt();
      auto event = session.nextEvent(std::chrono::milliseconds(50));
      if (!event) {
        std::fflush(stdout);
        continue;
      }
      printEvent(*event);
      if (std::holds_alternative<debugger::StopEvent>(*event)) return;
      std::fflush(stdout);
    }
  }

  // Whatever arrived while we were not waiting (after a command with &).
  void drainEvents() {
    while (auto event = session.nextEvent(std::chrono::milliseconds(0))) printEvent(*event);
  }

  void execute(const debugger::Reply& reply, bool background) {
    if (!reply.ok) {
      print("error: " + reply.message);
      return;
    }
    if (!background) waitForStop();
  }

  template <class T, class F>
  void withResult(const debugger::Result<T>& result, F use) {
    if (!result.ok())
      print("error: " + result.error);
    else
      use(*result.value);
  }

  void breakpoint(const std::string& rest) {
    std::string spec = rest, condition;
    if (const std::size_t at = rest.find(" if "); at != std::string::npos) {
      spec = rest.substr(0, at);
      condition = rest.substr(at + 4);
    }
    withResult(session.addBreakpoint(spec, condition), [&](const debugger::BreakpointInfo& info) {
      std::string text = "Breakpoint " + std::to_string(info.id) + " at " + displayPath(info.file) +
                         ":" + std::to_string(info.line);
      if (!condition.empty()) text += " if " + condition;
      print(text);
      if (info.line != info.requestedLine && info.requestedLine != 0)
        print("(moved from line " + std::to_string(info.requestedLine) + ", which has no code)");
    });
  }

  // The address WHERE names: a number, $REG (its value), &VAR, a pointer
  // (where it points), an array or a function; nullopt after an error.
  std::optional<std::uint64_t> addressNamed(const std::string& where, const char* usage) {
    if (where.empty()) {
      print(std::string("error: ") + usage);
      return std::nullopt;
    }
    if (where[0] == '$') {
      std::optional<std::uint64_t> value;
      withResult(session.registers(), [&](const std::vector<debugger::RegisterValue>& values) {
        for (const auto& reg : values)
          if (reg.name == where.substr(1)) value = reg.value();
        if (!value) print("error: no register " + where);
      });
      return value;
    }
    if (std::isdigit(static_cast<unsigned char>(where[0]))) {
      char* end = nullptr;
      const std::uint64_t address = std::strtoull(where.c_str(), &end, 0);
      if (*end == 0) return address;
      print(std::string("error: ") + usage);
      return std::nullopt;
    }
    const debugger::Result<std::uint64_t> named = session.addressOf(where);
    if (!named.ok()) {
      print("error: " + named.error);
      return std::nullopt;
    }
    return *named.value;
  }

  void examine(std::istringstream& words) {
    std::string where;
    std::size_t count = 32;
    words >> where >> count;
    const auto address = addressNamed(where, "x ADDR|$REG|&VAR|PTR [N]");
    if (!address) return;
    withResult(session.readMemory(*address, count), [&](const std::vector<std::uint8_t>& bytes) {
      printLines(describeMemory(*address, bytes));
    });
  }

  void registers(std::istringstream& words) {
    std::vector<std::string> names;
    for (std::string name; words >> name;) names.push_back(name);
    withResult(session.registers(), [&](const std::vector<debugger::RegisterValue>& values) {
      for (const auto& value : values) {
        bool wanted = names.empty();
        for (const std::string& name : names) wanted = wanted || name == value.name;
        if (wanted) print(describeRegister(value));
      }
    });
  }

  void variables(const debugger::Result<std::vector<debugger::VariableValue>>& result) {
    withResult(result, [&](const std::vector<debugger::VariableValue>& values) {
      if (values.empty()) print("(none)");
      for (const auto& value : values) print(value.name + ": " + value.type + " = " + value.value);
    });
  }

  void disassemble(const std::string& where) {
    debugger::Result<std::vector<debugger::DisassemblyLine>> result;
    if (where.empty()) {
      result = session.disassemble();
    } else if (const auto address = addressNamed(where, "disas [ADDR|$REG|FUNC]")) {
      result = session.disassembleAt(*address);
    } else {
      return;
    }
    withResult(result, [&](const std::vector<debugger::DisassemblyLine>& lines) {
      for (const auto& line : lines) {
        if (line.isSource) {
          print(displayPath(line.location) + ":" + std::to_string(line.line) + "\t" + line.text);
        } else {
          char address[32];
          std::snprintf(address, sizeof address, "0x%llx",
                        static_cast<unsigned long long>(line.address));
          print(std::string(line.current ? "=> " : "   ") + address + " " + line.location + "  " +
                line.text);
        }
      }
    });
  }

  // Returns false for q.
  bool command(const std::string& line) {
    std::string trimmed = line;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\r'))
      trimmed.pop_back();
    bool background = false;
    if (!trimmed.empty() && trimmed.back() == '&') {
      background = true;
      trimmed.pop_back();
      while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    }
    std::istringstream words(trimmed);
    std::string verb;
    words >> verb;
    std::string rest;
    std::getline(words >> std::ws, rest);
    std::istringstream restWords(rest);
    if (verb.empty() || verb[0] == '#') return true;
    if (verb == "q" || verb == "quit") return false;
    if (verb == "help") {
      std::fputs(kHelp, stdout);
    } else if (verb == "b" || verb == "break") {
      breakpoint(rest);
    } else if (verb == "delete" || verb == "disable" || verb == "enable") {
      const int id = std::atoi(rest.c_str());
      const debugger::Reply reply = verb == "delete"
                                        ? session.deleteBreakpoint(id)
                                        : session.enableBreakpoint(id, verb == "enable");
      if (!reply.ok) print("error: " + reply.message);
    } else if (verb == "info" && rest.starts_with("b")) {
      const auto list = session.breakpoints();
      if (list.empty()) print("No breakpoints.");
      for (const auto& breakpoint : list) print(describeBreakpoint(breakpoint));
    } else if (verb == "run" || verb == "r") {
      std::vector<std::string> arguments;
      for (std::string argument; restWords >> argument;) arguments.push_back(argument);
      if (arguments.empty()) arguments = defaultArguments;
      execute(session.run(arguments), background);
    } else if (verb == "c" || verb == "continue") {
      execute(session.resume(ExecutionKind::Continue), background);
    } else if (verb == "s" || verb == "step") {
      execute(session.resume(ExecutionKind::StepInto), background);
    } else if (verb == "n" || verb == "next") {
      execute(session.resume(ExecutionKind::StepOver), background);
    } else if (verb == "finish") {
      execute(session.resume(ExecutionKind::StepOut), background);
    } else if (verb == "si" || verb == "stepi") {
      execute(session.resume(ExecutionKind::StepInstruction), background);
    } else if (verb == "until") {
      execute(session.resume(ExecutionKind::Until,
                             static_cast<std::uint32_t>(std::strtoul(rest.c_str(), nullptr, 10))),
              background);
    } else if (verb == "interrupt") {
      if (!session.interrupt())
        print("error: the program is not running");
      else
        waitForStop();
    } else if (verb == "kill") {
      const debugger::Reply reply = session.kill();
      print(reply.ok ? "Killed." : "error: " + reply.message);
    } else if (verb == "bt" || verb == "backtrace") {
      withResult(session.backtrace(),
                 [&](const debugger::Backtrace& trace) { printLines(describeBacktrace(trace)); });
    } else if (verb == "frame" || verb == "f") {
      const debugger::Reply reply =
          session.selectFrame(static_cast<std::size_t>(std::strtoul(rest.c_str(), nullptr, 10)));
      if (!reply.ok)
        print("error: " + reply.message);
      else
        withResult(session.selectedFrame(), [&](const debugger::FrameInfo& frame) {
          print(describeFrame(frame));
          if (frame.line)
            print(std::to_string(frame.line) + "\t" + session.sourceLine(frame.file, frame.line));
        });
    } else if (verb == "regs" || verb == "registers") {
      registers(restWords);
    } else if (verb == "locals") {
      variables(session.locals());
    } else if (verb == "globals") {
      variables(session.globals());
    } else if (verb == "p" || verb == "print") {
      withResult(session.evaluate(rest), [&](const debugger::VariableValue& value) {
        print(value.name + ": " + value.type + " = " + value.value);
      });
    } else if (verb == "x") {
      examine(restWords);
    } else if (verb == "disas" || verb == "disassemble") {
      disassemble(rest);
    } else {
      print("error: unknown command \"" + verb + "\" (try help)");
    }
    return true;
  }
};

}  // namespace

int runDbgFrontend(std::span<const std::string> arguments) {
  std::vector<std::string> files, programArguments;
  bool afterDashes = false;
  for (const std::string& argument : arguments) {
    if (afterDashes)
      programArguments.push_back(argument);
    else if (argument == "--")
      afterDashes = true;
    else
      files.push_back(argument);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: tide dbg FILE... [-- ARGS]\n");
    return 2;
  }
  DebugSession session(debugger::makeLldbTarget);
  const debugger::Reply loaded = session.load(files);
  if (!loaded.ok) {
    std::fputs(loaded.message.c_str(), stderr);
    return 1;
  }
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigaction(SIGINT, &action, nullptr);

  Frontend frontend{session, programArguments};
  const bool interactive = isatty(STDIN_FILENO);
  frontend.echo = !interactive;
  // Ctrl-C at the prompt stops nothing; as in gdb it says so and prompts again.
  InputLines input(STDIN_FILENO, [&] {
    if (!interactive || !gInterruptRequested.exchange(false)) return;
    std::printf("Quit\n(tide) ");
    std::fflush(stdout);
  });
  std::string line;
  for (;;) {
    frontend.drainEvents();
    if (interactive) std::printf("(tide) ");
    // Flushed only before input would block: a piped script then costs no
    // write (and no wake-up of whoever reads us) per command.
    if (interactive || !input.lineReady()) std::fflush(stdout);
    if (!input.next(&line)) break;
    gInterruptRequested = false;  // a Ctrl-C at the prompt stops nothing
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (frontend.echo) std::printf("(tide) %s\n", line.c_str());
    if (!frontend.command(line)) break;
  }
  // Never leave the debuggee behind: stop it if it runs, then kill it.
  if (session.isRunning() && session.interrupt()) frontend.waitForStop();
  session.kill();
  std::fflush(stdout);
  return 0;
}

}  // namespace tide::dbg

extern "C" __attribute__((visibility("default"))) int tide_dbg_main(int argc, char** argv) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  return tide::dbg::runDbgFrontend(arguments);
}
