// The line reader of `tide dbg`: whole lines out of blocks, a last line
// without '\n', and whether a line can be had without blocking.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "dbg/input_lines.h"

namespace {

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int ends[2];
    REQUIRE(::pipe(ends) == 0);
    read = ends[0], write = ends[1];
  }
  ~Pipe() {
    if (read >= 0) ::close(read);
    closeWrite();
  }
  void send(const std::string& text) {
    REQUIRE(::write(write, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  }
  void closeWrite() {
    if (write >= 0) ::close(write);
    write = -1;
  }
};

}  // namespace

TEST_CASE("InputLines splits what one write sends into its lines") {
  Pipe pipe;
  tide::dbg::InputLines input(pipe.read);
  CHECK_FALSE(input.lineReady());  // nothing written yet: reading would block
  pipe.send("n\nregs\n\nbt\n");
  CHECK(input.lineReady());
  std::string line;
  REQUIRE(input.next(&line));
  CHECK(line == "n");
  CHECK(input.lineReady());  // the rest is buffered
  REQUIRE(input.next(&line));
  CHECK(line == "regs");
  REQUIRE(input.next(&line));
  CHECK(line.empty());
  REQUIRE(input.next(&line));
  CHECK(line == "bt");
  CHECK_FALSE(input.lineReady());  // all taken, the writer still open
}

TEST_CASE("InputLines joins a line written in parts and keeps a last line without a newline") {
  Pipe pipe;
  tide::dbg::InputLines input(pipe.read);
  pipe.send("loc");
  pipe.send("als\nq");
  pipe.closeWrite();
  std::string line;
  REQUIRE(input.next(&line));
  CHECK(line == "locals");
  REQUIRE(input.next(&line));
  CHECK(line == "q");
  CHECK(input.lineReady());  // at the end: next answers at once
  CHECK_FALSE(input.next(&line));
}

TEST_CASE("InputLines retries a read a signal cuts short, and says so") {
  // A handler without SA_RESTART, as tide dbg's SIGINT handler is, so the
  // blocked read(2) fails with EINTR.
  struct sigaction action {
  }, saved{};
  action.sa_handler = [](int) {};
  sigaction(SIGUSR1, &action, &saved);
  Pipe pipe;
  std::atomic<int> interruptions{0};
  tide::dbg::InputLines input(pipe.read, [&] { ++interruptions; });
  const pthread_t reader = pthread_self();
  const int writeEnd = pipe.write;
  // Signals until one has cut a read short (one sent before the read
  // blocks would not), then sends the line.
  std::thread signaller([&] {
    while (interruptions == 0) {
      pthread_kill(reader, SIGUSR1);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const ssize_t written = ::write(writeEnd, "c\n", 2);
    (void)written;
  });
  std::string line;
  const bool got = input.next(&line);
  signaller.join();
  sigaction(SIGUSR1, &saved, nullptr);
  REQUIRE(got);
  CHECK(line == "c");
  CHECK(interruptions >= 1);
}
