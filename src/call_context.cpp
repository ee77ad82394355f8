#include "twilio/call_context.hpp"

#include "twilio/errors.hpp"

namespace twilio {

void CallContext::ThrowIfDone() const {
  if (IsCancelled()) throw CancelledException();
  if (IsExpired()) throw DeadlineExceededException();
}

}  // namespace twilio
