//! The allocator of the wasm modules: power-of-two size classes, each with a free list, carved
//! from memory the module grows and never returns.
//!
//! Why not the standard library's dlmalloc: it is 7 KB of code (about 3 KB gzip of every page
//! load and Worker cold start) for generality this module does not use. The module runs one call
//! at a time, and each call allocates and frees the same few sizes (the request, its body, the
//! answer), so a block freed by one call is the block the next call takes: allocation and
//! release are a few instructions, and memory stays flat from call to call (the benchmark checks
//! it through 200,000 calls). The cost is up to half of a block unused (a 1,100-byte string takes
//! a 2,048-byte block) and blocks never merged or returned; both are bounded by the largest
//! input the JavaScript side lets in.
//!
//! Single-threaded by design: wasm32-unknown-unknown without threads has one thread, so the
//! allocator state lives in a `Cell`s without locking. The logic is generic over where memory
//! comes from ([`Grow`]), so it is tested natively (`cargo test -p antom-checkout-alloc`) on an
//! arena.
#![no_std]

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;
use core::ptr::null_mut;

/// Smallest block: 2^3 bytes (room for the free list's next pointer on any target here).
const MIN_CLASS: usize = 3;
/// Number of classes: blocks up to 2^31 bytes.
const CLASSES: usize = 32;
/// Every block is aligned to its size up to this; larger alignments are not served (nothing in
/// the module asks for one).
const MAX_ALIGN: usize = 4096;

/// Where fresh memory comes from.
pub trait Grow {
    /// At least `bytes` new bytes, contiguous with nothing in particular: their start address,
    /// or `None` when memory is exhausted.
    fn grow(&self, bytes: usize) -> Option<(usize, usize)>;
}

/// A size-class allocator over `G`.
pub struct SizeClasses<G> {
    /// The head of each class's free list (0: empty). A free block's first word is the next.
    free: [Cell<usize>; CLASSES],
    /// Unused memory from the last growth: `next..end`.
    next: Cell<usize>,
    end: Cell<usize>,
    grow: G,
}

// One thread only (see the module's documentation); `GlobalAlloc` statics must be `Sync`.
unsafe impl<G: Sync> Sync for SizeClasses<G> {}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Cell<usize> = Cell::new(0);

impl<G: Grow> SizeClasses<G> {
    /// An allocator that has taken no memory yet.
    pub const fn new(grow: G) -> Self {
        SizeClasses {
            free: [EMPTY; CLASSES],
            next: Cell::new(0),
            end: Cell::new(0),
            grow,
        }
    }

    /// Where its memory comes from.
    pub fn source(&self) -> &G {
        &self.grow
    }

    /// The class of a layout: the smallest power of two holding its size and alignment.
    #[inline]
    fn class(layout: &Layout) -> Option<usize> {
        let need = layout.size().max(layout.align()).max(1 << MIN_CLASS);
        // The bits of `need - 1`: the exponent of the smallest power of two >= need.
        let class = (usize::BITS - (need - 1).leading_zeros()) as usize;
        (class < CLASSES).then_some(class)
    }

    /// A block of `class` from its free list or fresh memory; 0 when memory is exhausted.
    ///
    /// # Safety
    /// One thread only; the memory [`Grow`] hands out is the allocator's.
    unsafe fn take(&self, class: usize) -> usize {
        let head = self.free[class].get();
        if head != 0 {
            // SAFETY: `head` is a free block of this class, whose first word holds the next.
            self.free[class].set(unsafe { (head as *const usize).read() });
            return head;
        }
        let size = 1usize << class;
        // A block is aligned to its size (up to MAX_ALIGN), so any block of the class serves
        // any layout of the class, whatever alignment the layout that first took it asked.
        let align = size.min(MAX_ALIGN);
        let mut at = align_up(self.next.get(), align);
        if at.checked_add(size).is_none_or(|e| e > self.end.get()) {
            // The rest of the current region is left unused (at most one block's worth).
            let Some((start, len)) = self.grow.grow(size + align) else {
                return 0;
            };
            if start != self.end.get() {
                self.next.set(start);
            }
            self.end.set(start + len);
            at = align_up(self.next.get(), align);
        }
        self.next.set(at + size);
        at
    }
}

fn align_up(x: usize, align: usize) -> usize {
    (x + align - 1) & !(align - 1)
}

unsafe impl<G: Grow> GlobalAlloc for SizeClasses<G> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match Self::class(&layout) {
            // SAFETY: the caller's contract of `GlobalAlloc` (one thread here).
            Some(class) if layout.align() <= MAX_ALIGN => unsafe { self.take(class) as *mut u8 },
            _ => null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(class) = Self::class(&layout) else {
            return;
        };
        // SAFETY: `ptr` is a block of this class (the same layout allocated it) and is no
        // longer used: its first word now links the free list.
        unsafe { (ptr as *mut usize).write(self.free[class].get()) };
        self.free[class].set(ptr as usize);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new) = Layout::from_size_align(new_size, layout.align()) else {
            return null_mut();
        };
        let (old_class, new_class) = (Self::class(&layout), Self::class(&new));
        if old_class.is_some() && old_class == new_class {
            return ptr; // the block already holds the new size
        }
        // SAFETY: the caller's contract of `GlobalAlloc::realloc`.
        unsafe {
            let out = self.alloc(new);
            if !out.is_null() {
                core::ptr::copy_nonoverlapping(ptr, out, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            out
        }
    }
}

/// The wasm module's memory, grown a page (64 KiB) at a time or more.
#[cfg(target_arch = "wasm32")]
pub struct WasmMemory;

#[cfg(target_arch = "wasm32")]
impl Grow for WasmMemory {
    fn grow(&self, bytes: usize) -> Option<(usize, usize)> {
        const PAGE: usize = 65536;
        let pages = bytes.div_ceil(PAGE).max(4);
        let before = core::arch::wasm32::memory_grow(0, pages);
        (before != usize::MAX).then(|| (before * PAGE, pages * PAGE))
    }
}

/// The allocator of the wasm modules.
#[cfg(target_arch = "wasm32")]
pub type WasmAllocator = SizeClasses<WasmMemory>;

/// The allocator to declare as `#[global_allocator]` in the module.
#[cfg(target_arch = "wasm32")]
pub const fn wasm_allocator() -> WasmAllocator {
    SizeClasses::new(WasmMemory)
}
