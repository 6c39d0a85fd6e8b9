// Symbol visibility for libnewsdex: only declarations marked NEWSDEX_EXPORT are public.
// The library is compiled with hidden visibility and NEWSDEX_COMPILE_LIBRARY; a shared build
// also defines NEWSDEX_SHARED_LIBRARY, for itself and (through CMake and newsdex.pc) for the
// programs that link it. A static build exports nothing, so embedders' binaries stay lean.
#pragma once

#if defined(NEWSDEX_SHARED_LIBRARY) && defined(NEWSDEX_COMPILE_LIBRARY)
#define NEWSDEX_EXPORT __attribute__((visibility("default")))
#else
#define NEWSDEX_EXPORT
#endif
