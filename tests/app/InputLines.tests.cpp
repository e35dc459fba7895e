// The line reader of `tide dbg`: whole lines out of blocks, a last line
// without '\n', and whether a line can be had without blocking.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

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
