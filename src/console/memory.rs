//! Giving freed memory back to the system. The big loads — the facts for
//! the queues and the dashboard, the search index — free a hundred
//! megabytes and more at once, and glibc's allocator keeps freed pages of
//! its per-thread arenas for later instead of returning them, so the
//! console's resident memory would stay at its peak. `malloc_trim` hands
//! them back. Elsewhere (musl, macOS) this does nothing: those allocators
//! return large blocks on their own.

/// Returns the allocator's free pages to the system.
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc's `int malloc_trim(size_t pad)`; thread-safe, trims
            /// every arena.
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim takes no pointers and only releases memory
        // the allocator holds as free; any thread may call it at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
