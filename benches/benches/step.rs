//! Criterion benches: one step of each benchmark scene, and the frame-buffer refresh.
//!
//! `cargo bench -p tumble-bench` (about a minute of measuring after the build).
//!
//! Each world is warmed up 60 steps (1 s of simulated time) first, so the bench does not start
//! in free fall. The world then keeps evolving across iterations: every `world.step()` criterion
//! times advances the same world, which settles into a pile (rain) or keeps standing (pyramid)
//! over the few thousand steps a bench runs. That is what a running sandbox does, and it keeps
//! the measured call exactly `world.step()`. The alternative, restoring a snapshot before each
//! step (with `iter_batched` to keep the restore out of the timing), would time one fixed moment
//! again and again, but each restore clones the whole rapier state and rebuilds the frame
//! buffers' structure, so the timed step would always run on freshly allocated, cold memory:
//! a step no running sandbox ever takes. The CLI (`cargo run -p tumble-bench --release -- --all`) times
//! a fixed window (steps 61..360) per scene instead, with p95, for comparisons across engines.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use tumble_bench::{BenchScene, ALL};
use tumble_core::World;

/// Steps run before measuring.
const WARMUP_STEPS: usize = 60;

fn warmed_up(scene: BenchScene) -> World {
    let mut world = scene.world().expect("benchmark scenes are valid presets");
    for _ in 0..WARMUP_STEPS {
        world.step();
    }
    world
}

fn step(c: &mut Criterion) {
    let mut group = c.benchmark_group("step");
    // Flat: every sample runs the same number of steps. Linear sampling would need 210 steps
    // (1 + 2 + ... + 20) of rain 10 000 at ~30 ms, more than the time budget, and fitting a line
    // through the samples assumes a constant cost per step that an evolving world only roughly has.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for scene in ALL {
        let mut world = warmed_up(scene);
        // The world keeps evolving from one iteration to the next; see the module docs.
        group.bench_function(scene.spec(), |b| b.iter(|| world.step()));
    }
    group.finish();
}

/// Advancing by this much runs no step, only the frame-buffer refresh.
///
/// `advance` keeps leftover time, so the bench must never accumulate a whole 1/60 s step: that
/// takes (1/60) / 1e-9 ≈ 1.7e7 calls, and each call refreshes 10 003 slots (tens of µs), so
/// reaching it would take minutes against the few seconds this bench runs. The bench also
/// checks afterwards that no step ran.
const REFRESH_DT: f64 = 1e-9;

fn refresh(c: &mut Criterion) {
    // Tumble's own per-frame cost on top of rapier: transforms and body state of every slot, and
    // the joint list (the shape table is rebuilt only after a structural change, so not here).
    // There is no public refresh-only method, so this times `advance` with too little time for a
    // step, which is the refresh plus a few comparisons.
    let scene = BenchScene {
        name: "rain",
        n: 10000,
    };
    let mut world = warmed_up(scene);
    let steps_before = world.step_count();
    let mut group = c.benchmark_group("frame_refresh");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function(scene.spec(), |b| {
        b.iter(|| black_box(world.advance(REFRESH_DT).expect("dt is valid")))
    });
    group.finish();
    assert_eq!(
        world.step_count(),
        steps_before,
        "a step ran inside the refresh bench, so it timed a step too; lower REFRESH_DT"
    );
}

criterion_group!(benches, step, refresh);
criterion_main!(benches);
