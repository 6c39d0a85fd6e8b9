// Symbol visibility for libnewsdex: only declarations marked NEWSDEX_EXPORT are public.
#pragma once

#if defined(NEWSDEX_SHARED_LIBRARY) && defined(NEWSDEX_COMPILE_LIBRARY)
#define NEWSDEX_EXPORT __attribute__((visibility("default")))
#else
#define NEWSDEX_EXPORT
#endif
