//! `Snapshot::approx_bytes` against what a snapshot really holds on the heap, counted by this test
//! binary's own allocator. Undo histories budget their memory with that estimate.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use tumble_core::{presets, World};

/// Counts the bytes live on this thread's heap (allocations minus frees).
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.with(|l| l.set(l.get() + layout.size() as isize));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.with(|l| l.set(l.get() - layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.with(|l| l.set(l.get() + new_size as isize - layout.size() as isize));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> isize {
    LIVE.with(|l| l.get())
}

#[test]
fn approx_bytes_is_within_a_factor_of_the_real_heap_size() {
    for spec in [
        "playground",
        "pyramid?base=20",
        "rain?count=1000",
        "ragdolls",
        "chain_bridge",
        "galton_board",
        "joint_grid",
        "car",
    ] {
        let mut world = World::from_scene(&presets::build_spec(spec).unwrap()).unwrap();
        for _ in 0..120 {
            world.step();
        }
        let before = live();
        let snapshot = world.snapshot();
        let real = (live() - before) as f64;
        let estimate = snapshot.approx_bytes() as f64;
        println!(
            "{spec}: real {real} estimate {estimate} ratio {:.2}",
            estimate / real
        );
        assert!(
            (0.75..=1.5).contains(&(estimate / real)),
            "{spec}: estimate {estimate} bytes, real {real}"
        );
        drop(snapshot);
    }
}
