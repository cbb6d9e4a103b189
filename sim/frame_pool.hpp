// FramePool: recycles the memory of coroutine frames and processes, by size class.
//
// A run keeps one frame (or a chain of them) and one Process per live process, and every event
// touches a random one; with 1e5-1e6 processes these objects are far larger than the caches, so
// their layout bounds the engine's speed. Blocks of a size class (multiples of 64 bytes, up to
// 1 KiB) are carved from chunks of memory reserved for that class, so live frames of one kind lie
// densely together; every block starts on a 64-byte cache line, so a frame of up to 128 bytes
// spans exactly two lines; chunks grow from 64 KiB to 2 MiB, and 2 MiB chunks are aligned and
// offered to the kernel as transparent huge pages, so random wake-ups do not miss the TLB.
// A freed block goes to its thread's free blocks of its class, which are handed out lowest address
// first: after an engine has freed all its processes and frames, the next engine gets them back in
// address order, so a process and the frame allocated beside it are neighbours again (with a
// last-in first-out list they came back reversed and apart, and a second engine in the same
// thread ran the hold model ~40% slower; see bench/RESULTS.md).
//
// Threads: an engine is single-threaded, but different threads run different engines (sweeps),
// and a frame may be freed on another thread than the one that allocated it. So chunks are never
// given back to the system (they live as long as the program, like malloc's arenas), and a thread
// that exits hands its free blocks to a shared depot that other threads draw from before carving
// new chunks. A thread's free blocks live as long as the thread, so a frame must not be freed by a
// thread that has already begun to exit (no Engine with static or thread storage duration).
// Larger blocks go straight to ::operator new. Under AddressSanitizer the pool is
// bypassed so that every use of a freed frame is still reported.
#pragma once

#include <cstddef>

namespace clustersim::sim::frame_pool {

void* allocate(std::size_t bytes);
void deallocate(void* block, std::size_t bytes) noexcept;
// False when the pool is bypassed (AddressSanitizer builds): blocks then come from ::operator new.
bool enabled();

}  // namespace clustersim::sim::frame_pool
