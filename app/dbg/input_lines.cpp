// The block reader of input_lines.h.
#include "dbg/input_lines.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace tide::dbg {

bool InputLines::next(std::string* line) {
  for (;;) {
    const std::size_t end = buffer_.find('\n', start_);
    if (end != std::string::npos) {
      line->assign(buffer_, start_, end - start_);
      start_ = end + 1;
      return true;
    }
    if (ended_) {
      if (start_ >= buffer_.size()) return false;
      line->assign(buffer_, start_);
      start_ = buffer_.size();
      return true;
    }
    buffer_.erase(0, start_);
    start_ = 0;
    char block[65536];
    const ssize_t count = ::read(fd_, block, sizeof block);
    if (count > 0) {
      buffer_.append(block, static_cast<std::size_t>(count));
    } else if (count < 0 && errno == EINTR) {
      if (interrupted_) interrupted_();
    } else {
      ended_ = true;
    }
  }
}

bool InputLines::lineReady() const {
  if (ended_ || buffer_.find('\n', start_) != std::string::npos) return true;
  pollfd descriptor{fd_, POLLIN, 0};
  return ::poll(&descriptor, 1, 0) > 0;
}

}  // namespace tide::dbg
