#pragma once

namespace Util {

// Process-wide allocator policy for streaming downloads; call once at the top of main().
//
// Qt's network thread reads every socket block into a fresh QByteArray of up to a read buffer
// in size, and the pool's thread frees it a moment later. With glibc's default (dynamic)
// thresholds those frees keep shrinking the heap, so the next blocks fault their pages in
// again: a third of the CPU time of a loopback download went to page faults and heap trimming.
// Fixed thresholds keep a few tens of MiB of freed blocks for reuse instead. Memory stays
// bounded: what can be in flight is bounded by the read buffers, not by file sizes.
void tuneAllocatorForStreaming();

}  // namespace Util
