// Where a writer formats a record's line: in place in the stream's own buffer when the stream
// writes to an FdSink (saving a copy of every line: 78 MB for 200,000 jsonl records), else in a
// buffer of its own that is handed to the stream afterwards.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "stdout_sink.hpp"

namespace supersim_usage {

class LineOutput {
 public:
  explicit LineOutput(std::ostream& out) : out_(out), sink_(dynamic_cast<FdSink*>(out.rdbuf())) {}

  /// Room for a line of at most `most` bytes, valid until End().
  char* Begin(std::size_t most) {
    in_sink_ = false;
    if (sink_ != nullptr && out_) {
      if (char* room = sink_->Room(most)) {
        in_sink_ = true;
        return begin_ = room;
      }
    }
    scratch_.resize(most);
    return begin_ = scratch_.data();
  }

  /// The line is the bytes from Begin()'s pointer to `end`. A failed write marks the stream
  /// bad, as std::ostream::write does.
  void End(const char* end) {
    const auto size = static_cast<std::size_t>(end - begin_);
    if (in_sink_) {
      sink_->Advance(size);
      return;
    }
    const auto count = static_cast<std::streamsize>(size);
    if (!out_ || out_.rdbuf()->sputn(begin_, count) != count) out_.setstate(std::ios::badbit);
  }

 private:
  std::ostream& out_;
  FdSink* sink_;
  std::string scratch_;
  char* begin_ = nullptr;
  bool in_sink_ = false;
};

}  // namespace supersim_usage
