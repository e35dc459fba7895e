// Lines of a file descriptor, read in blocks by read(2) so the reader knows
// whether a whole line is already waiting. `tide dbg` uses that to flush its
// output only before it would block on input: a script piped in whole then
// costs no write (and no wake-up of the reader on the other end) per command.
#pragma once

#include <functional>
#include <string>

namespace tide::dbg {

class InputLines {
 public:
  // `interrupted` runs when a signal (Ctrl-C at the prompt) cuts a read
  // short; the read is then retried.
  explicit InputLines(int fd, std::function<void()> interrupted = {})
      : fd_(fd), interrupted_(std::move(interrupted)) {}

  // The next line without its '\n' (a last line without one counts); false
  // at the end of input or on a read error. A read interrupted by a signal
  // is retried, not taken as the end.
  bool next(std::string* line);
  // A whole line can be had without blocking: buffered, or the descriptor
  // is readable (or at its end).
  bool lineReady() const;

 private:
  int fd_;
  std::function<void()> interrupted_;
  std::string buffer_;
  std::size_t start_ = 0;  // of the first unread byte in buffer_
  bool ended_ = false;
};

}  // namespace tide::dbg
