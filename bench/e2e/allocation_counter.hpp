// Heap allocations of the whole process, libcurl's and the C++ runtime's included: the .cpp
// replaces glibc's allocation functions (forwarding to glibc's own) and counts each call. Link it
// into one executable only; a program that links it allocates through it from its first call.
#pragma once

#include <cstdint>

namespace twilio::bench {

/// Calls of malloc, calloc, realloc, posix_memalign, aligned_alloc and memalign so far, in every
/// thread. Always 0 when AllocationCounting() is false.
int64_t AllocationCount();

/// False when the C library is not glibc: nothing is interposed and nothing counted.
bool AllocationCounting();

}  // namespace twilio::bench
