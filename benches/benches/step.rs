//! Criterion benches: one step of each benchmark scene, and the frame-buffer refresh.
//!
//! Each world is warmed up 60 steps first so the bench measures a settling pile, not free fall.
//! The world then keeps evolving across iterations (rain keeps piling, the pyramid stands): that
//! is what a running sandbox does, and over a few hundred steps the cost per step is stable.

use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Duration;
use tumble_bench::ALL;

fn step(c: &mut Criterion) {
    let mut group = c.benchmark_group("step");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for scene in ALL {
        let mut world = scene.world();
        for _ in 0..60 {
            world.step();
        }
        group.bench_function(scene.spec(), |b| b.iter(|| world.step()));
    }
    group.finish();
}

fn refresh(c: &mut Criterion) {
    // `advance` with less than one step of time runs no step but refreshes every frame buffer
    // once: that is the per-frame cost Tumble adds on top of rapier. A dt of 1e-9 s never
    // accumulates to a 1/60 s step within any realistic number of iterations (1.6e7).
    let scene = tumble_bench::BenchScene {
        name: "rain",
        n: 10000,
    };
    let mut world = scene.world();
    for _ in 0..60 {
        world.step();
    }
    let mut group = c.benchmark_group("frame_refresh");
    group.sample_size(30);
    group.bench_function("rain?count=10000", |b| {
        b.iter(|| world.advance(1e-9).expect("dt is valid"))
    });
    group.finish();
}

criterion_group!(benches, step, refresh);
criterion_main!(benches);
