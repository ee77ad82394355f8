// How a check reports a mismatch: Require throws CheckFailed, which the driver turns into its
// "[driver] FAIL" line.
#pragma once

#include <stdexcept>
#include <string>

namespace example_driver {

struct CheckFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline void Require(bool ok, const std::string& what) {
  if (!ok) throw CheckFailed(what);
}

}  // namespace example_driver
