#include "e2e/allocation_counter.hpp"

#include <cerrno>
#include <cstddef>
#include <cstdlib>

#if defined(__GLIBC__)
#include <atomic>

// glibc's own allocator under its exported internal names. It has no __libc_posix_memalign or
// __libc_aligned_alloc: both are built on __libc_memalign below, as glibc builds them.
extern "C" {
void* __libc_malloc(std::size_t size) noexcept;
void* __libc_calloc(std::size_t count, std::size_t size) noexcept;
void* __libc_realloc(void* block, std::size_t size) noexcept;
void* __libc_memalign(std::size_t alignment, std::size_t size) noexcept;
void __libc_free(void* block) noexcept;
}

namespace {

// Constant-initialized (no constructor runs), so counting works before main and during the
// dynamic loader's first allocations; relaxed because only the total matters.
std::atomic<int64_t> allocations{0};

void Count() {
  allocations.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

// Definitions in the executable take precedence over libc's for every shared library too.
extern "C" {

void* malloc(std::size_t size) noexcept {
  Count();
  return __libc_malloc(size);
}

void* calloc(std::size_t count, std::size_t size) noexcept {
  Count();
  return __libc_calloc(count, size);
}

void* realloc(void* block, std::size_t size) noexcept {
  Count();
  return __libc_realloc(block, size);
}

void free(void* block) noexcept {
  __libc_free(block);
}

void* memalign(std::size_t alignment, std::size_t size) noexcept {
  Count();
  return __libc_memalign(alignment, size);
}

void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
  Count();
  return __libc_memalign(alignment, size);
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
  Count();
  // POSIX: a power of two that is a multiple of sizeof(void*); *out untouched on failure.
  if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
  void* block = __libc_memalign(alignment, size);
  if (block == nullptr) return ENOMEM;
  *out = block;
  return 0;
}

}  // extern "C"

namespace twilio::bench {

int64_t AllocationCount() {
  return allocations.load(std::memory_order_relaxed);
}

bool AllocationCounting() {
  return true;
}

}  // namespace twilio::bench

#else  // not glibc: no portable way to reach the C library's allocator underneath

namespace twilio::bench {

int64_t AllocationCount() {
  return 0;
}

bool AllocationCounting() {
  return false;
}

}  // namespace twilio::bench

#endif
