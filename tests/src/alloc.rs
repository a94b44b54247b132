//! A counting global allocator for tests that prove allocation behaviour.
//!
//! Counts are kept per thread, so the test harness's own threads do not disturb a measurement.
//! Install it in a test binary of its own:
//!
//! ```text
//! #[global_allocator]
//! static ALLOCATOR: wiremsg_tests::alloc::CountingAllocator = wiremsg_tests::alloc::CountingAllocator;
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Wraps the system allocator and counts, per thread, what [`measure`] asks for.
pub struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
    static FREED: Cell<u64> = const { Cell::new(0) };
}

fn add(counter: &'static std::thread::LocalKey<Cell<u64>>, amount: u64) {
    // During thread teardown the counters may be gone: such frees are not measured.
    let _ = counter.try_with(|cell| cell.set(cell.get().wrapping_add(amount)));
}

fn read(counter: &'static std::thread::LocalKey<Cell<u64>>) -> u64 {
    counter.try_with(Cell::get).unwrap_or(0)
}

// SAFETY: every call is forwarded unchanged to the system allocator; the wrapper only counts,
// in `const`-initialised thread locals that never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(&ALLOCATIONS, 1);
        add(&ALLOCATED, layout.size() as u64);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(&ALLOCATIONS, 1);
        add(&ALLOCATED, layout.size() as u64);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(&FREED, layout.size() as u64);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(&ALLOCATIONS, 1);
        add(&ALLOCATED, new_size as u64);
        add(&FREED, layout.size() as u64);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// What one thread allocated while a closure ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocStats {
    /// Calls to `alloc`, `alloc_zeroed` and `realloc`.
    pub allocations: u64,
    /// Bytes asked for.
    pub bytes_allocated: u64,
    /// Bytes still allocated when the closure returned, less bytes it freed that were allocated
    /// before: zero for code that leaks nothing and keeps no new caches.
    pub live_bytes: i64,
}

/// Runs `f` and returns what this thread allocated meanwhile. Meaningful only in a binary whose
/// global allocator is [`CountingAllocator`]; elsewhere every count is zero.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, AllocStats) {
    let before = (read(&ALLOCATIONS), read(&ALLOCATED), read(&FREED));
    let result = f();
    let after = (read(&ALLOCATIONS), read(&ALLOCATED), read(&FREED));
    let allocated = after.1 - before.1;
    let freed = after.2 - before.2;
    let stats = AllocStats {
        allocations: after.0 - before.0,
        bytes_allocated: allocated,
        live_bytes: allocated as i64 - freed as i64,
    };
    (result, stats)
}
