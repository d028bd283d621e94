//! The size-class allocator on an arena: blocks are aligned, never overlap, are reused after
//! release, keep their bytes through `realloc`, and a repeated workload takes no new memory.

use antom_checkout_alloc::{Grow, SizeClasses};
use core::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

/// An arena handed out in pieces, like memory.grow (a region contiguous with the last one).
struct Arena {
    base: usize,
    len: usize,
    used: Cell<usize>,
}

impl Grow for Arena {
    fn grow(&self, bytes: usize) -> Option<(usize, usize)> {
        let take = bytes.div_ceil(4096) * 4096;
        let used = self.used.get();
        (used + take <= self.len).then(|| {
            self.used.set(used + take);
            (self.base + used, take)
        })
    }
}

fn arena(len: usize) -> SizeClasses<Arena> {
    let mem: &'static mut [u8] = Box::leak(vec![0u8; len + 4096].into_boxed_slice());
    let base = (mem.as_ptr() as usize).next_multiple_of(4096);
    SizeClasses::new(Arena {
        base,
        len,
        used: Cell::new(0),
    })
}

/// A small deterministic generator (no dependency).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn blocks_are_aligned_disjoint_and_keep_their_bytes() {
    let a = arena(64 << 20);
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
    for round in 0..20_000u32 {
        let r = rng.next();
        if live.is_empty() || (r % 3 != 0 && live.len() < 500) {
            let size = match r % 10 {
                0 => 0,
                1..=6 => (r >> 8) as usize % 64,
                7 | 8 => (r >> 8) as usize % 4096,
                _ => (r >> 8) as usize % 300_000,
            };
            let align = 1usize << ((r >> 40) % 5);
            let layout = Layout::from_size_align(size, align).unwrap();
            let p = unsafe { a.alloc(layout) };
            assert!(!p.is_null(), "round {round}: out of memory");
            assert_eq!(p as usize % align, 0, "round {round}: misaligned");
            let fill = round as u8;
            unsafe { p.write_bytes(fill, size) };
            live.push((p, layout, fill));
        } else if r % 6 == 0 {
            // Grow or shrink one block: its bytes up to the smaller size survive.
            let i = (r >> 16) as usize % live.len();
            let (p, layout, fill) = live[i];
            let new_size = (r >> 24) as usize % 8192;
            let q = unsafe { a.realloc(p, layout, new_size) };
            assert!(!q.is_null());
            let kept = layout.size().min(new_size);
            assert!(unsafe { std::slice::from_raw_parts(q, kept) }
                .iter()
                .all(|&b| b == fill));
            unsafe { q.write_bytes(fill, new_size) };
            live[i] = (
                q,
                Layout::from_size_align(new_size, layout.align()).unwrap(),
                fill,
            );
        } else {
            let i = (r >> 16) as usize % live.len();
            let (p, layout, fill) = live.swap_remove(i);
            // Nobody wrote over it while it was live.
            assert!(unsafe { std::slice::from_raw_parts(p, layout.size()) }
                .iter()
                .all(|&b| b == fill));
            unsafe { a.dealloc(p, layout) };
        }
    }
    // No two live blocks overlap.
    let mut spans: Vec<(usize, usize)> = live
        .iter()
        .map(|(p, l, _)| (*p as usize, *p as usize + l.size()))
        .collect();
    spans.sort();
    for w in spans.windows(2) {
        assert!(w[0].1 <= w[1].0, "overlap: {:?}", w);
    }
}

#[test]
fn a_repeated_workload_takes_no_new_memory() {
    let a = arena(16 << 20);
    let call = |a: &SizeClasses<Arena>| {
        // The shape of one prepare: the input, a body, a few small strings, an answer.
        let layouts =
            [2100, 2048, 24, 64, 13, 700, 4096].map(|s| Layout::from_size_align(s, 1).unwrap());
        let ps: Vec<_> = layouts.iter().map(|l| unsafe { a.alloc(*l) }).collect();
        for (p, l) in ps.into_iter().zip(layouts).rev() {
            unsafe { a.dealloc(p, l) };
        }
    };
    call(&a);
    let used = a_used(&a);
    for _ in 0..10_000 {
        call(&a);
    }
    assert_eq!(a_used(&a), used);
}

fn a_used(a: &SizeClasses<Arena>) -> usize {
    // The arena's growth is what the allocator took from "memory".
    let probe = unsafe { a.alloc(Layout::from_size_align(8, 8).unwrap()) };
    unsafe { a.dealloc(probe, Layout::from_size_align(8, 8).unwrap()) };
    a.source().used.get()
}

#[test]
fn exhaustion_is_null_not_a_crash() {
    let a = arena(1 << 20);
    let big = Layout::from_size_align(2 << 20, 8).unwrap();
    assert!(unsafe { a.alloc(big) }.is_null());
    let huge = Layout::from_size_align(1 << 40, 8).unwrap();
    assert!(unsafe { a.alloc(huge) }.is_null());
    // Still usable afterwards.
    let small = Layout::from_size_align(100, 8).unwrap();
    assert!(!unsafe { a.alloc(small) }.is_null());
}
