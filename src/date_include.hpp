// Internal: includes Howard Hinnant's date.h without GCC 12's false positive in it.
#pragma once

// At -O2, GCC 12 reports date::from_stream's local `S` as maybe-uninitialized; it is assigned
// before every read. The pragma must surround the definition, where GCC attaches the warning.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <date/date.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
