#include "util/allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Util {

void tuneAllocatorForStreaming()
{
#if defined(__GLIBC__)
    // Blocks of a few MiB come from the heap, not from mmap/munmap each time…
    mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
    // …and up to this much free memory at the top of a heap is kept for the next blocks.
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
#endif
}

}  // namespace Util
