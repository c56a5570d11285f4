//! One allocation of more than [`MAX_ALLOC`] is a finding: the allocator
//! refuses it, Rust aborts ("memory allocation of N bytes failed") and
//! libFuzzer keeps the input. libFuzzer's own `-malloc_limit_mb` sees
//! allocations only under a sanitizer, which scripts/fuzz.sh leaves off.

use std::alloc::{GlobalAlloc, Layout, System};

/// Largest single allocation any input may cause: 256 MiB. The biggest
/// legitimate one is a 16 MiB scenario file's text and its parse.
pub const MAX_ALLOC: usize = 256 << 20;

pub struct Capped;

// SAFETY: every call is passed on to `System` unchanged, except those over
// the cap, which return null as an allocator that is out of memory does.
unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > MAX_ALLOC {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > MAX_ALLOC {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > MAX_ALLOC {
            return std::ptr::null_mut();
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
