// Where rendered bytes go: a string (tests, the gate) or stdout as they are made (a large --types).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace memlayout::report {

class Output {
public:
  // Bytes are passed on to `write` in pieces of about 64 KiB, and the rest on flush().
  explicit Output(std::function<void(std::string_view)> write) : write_(std::move(write)) {}
  ~Output() { flush(); }
  Output(const Output &) = delete;
  Output &operator=(const Output &) = delete;

  Output &operator<<(std::string_view text) {
    buffer_ += text;
    if (buffer_.size() >= kChunk) flush();
    return *this;
  }
  void flush() {
    if (buffer_.empty()) return;
    write_(buffer_);
    buffer_.clear();
  }

private:
  static constexpr std::size_t kChunk = 64 * 1024;
  std::function<void(std::string_view)> write_;
  std::string buffer_;
};

// A report's parts, a blank line between two; an empty part leaves no trace.
class Parts {
public:
  explicit Parts(Output &out) : out_(out) {}
  void add(std::string_view part) {
    if (!part.empty()) next() << part;
  }
  // The Output for a part written piece by piece (known not to be empty).
  Output &next() {
    if (!first_) out_ << "\n";
    first_ = false;
    return out_;
  }

private:
  Output &out_;
  bool first_ = true;
};

// Runs `render` on an Output that collects into the returned string.
template <class Render> std::string renderToString(Render &&render) {
  std::string text;
  {
    Output out([&text](std::string_view piece) { text += piece; });
    render(out);
  }
  return text;
}

} // namespace memlayout::report
