//! Timing steps one by one and summarising them.

use std::time::Instant;

use serde::Serialize;

use crate::sanity::{self, Sanity};
use crate::BenchScene;

/// What one run measured: one row of the table, one object of the JSON array.
///
/// JSON shape (read by `scripts/bench.mjs`): `{"scene":"rain","n":4000,"bodies":4003,
/// "steps":300,"medianMs":7.3,"p95Ms":13.6,"sane":true,"check":"mean y ..."}`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Measurement {
    /// Preset name.
    pub scene: String,
    /// Size parameter.
    pub n: u32,
    /// Bodies in the world, static ones included.
    pub bodies: usize,
    /// Timed steps.
    pub steps: usize,
    /// Median milliseconds per step.
    pub median_ms: f64,
    /// 95th percentile milliseconds per step.
    pub p95_ms: f64,
    /// The sanity check of the world after the last step.
    #[serde(flatten)]
    pub sanity: Sanity,
}

/// The `q`-quantile (0..=1) of `samples` by nearest rank: the smallest sample with at least
/// `q` of the samples at or below it, so always one of the samples (the median of an even count is
/// the lower middle one). `NaN` when empty. The browser bench (`web/bench/measure.ts`) computes
/// it the same way.
pub fn quantile(samples: &[f64], q: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Builds `scene`, runs `warmup` untimed steps, then times `steps` steps one by one with
/// [`Instant`] and checks the result.
///
/// A step is [`tumble_core::World::step`], as the app runs it: one rapier step plus the
/// frame-buffer refresh. Fails only if the scene does not build (a size out of the preset's range).
pub fn measure(scene: BenchScene, warmup: usize, steps: usize) -> tumble_core::Result<Measurement> {
    let mut world = scene.world()?;
    let start = sanity::dynamic_positions(&world);
    for _ in 0..warmup {
        world.step();
    }
    let mut samples = Vec::with_capacity(steps);
    for _ in 0..steps {
        let t = Instant::now();
        world.step();
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    Ok(Measurement {
        scene: scene.name.to_string(),
        n: scene.n,
        bodies: world.body_count(),
        steps,
        median_ms: quantile(&samples, 0.5),
        p95_ms: quantile(&samples, 0.95),
        sanity: sanity::check(scene.name, &start, &world),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let samples: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile(&samples, 0.5), 50.0);
        assert_eq!(quantile(&samples, 0.95), 95.0);
        assert_eq!(quantile(&samples, 1.0), 100.0);
        assert_eq!(quantile(&samples, 0.0), 1.0);
    }

    #[test]
    fn quantiles_of_small_and_unsorted_samples() {
        assert_eq!(quantile(&[3.0, 1.0, 2.0], 0.5), 2.0);
        assert_eq!(quantile(&[4.0, 1.0, 3.0, 2.0], 0.5), 2.0);
        assert_eq!(quantile(&[7.5], 0.5), 7.5);
        assert_eq!(quantile(&[7.5], 0.95), 7.5);
        // 20 samples: p95 is the 19th smallest, so one outlier does not set it.
        let mut twenty = vec![1.0; 19];
        twenty.push(1000.0);
        assert_eq!(quantile(&twenty, 0.95), 1.0);
        twenty[0] = 500.0;
        assert_eq!(quantile(&twenty, 0.95), 500.0);
        assert!(quantile(&[], 0.5).is_nan());
    }

    #[test]
    fn a_short_run_measures_and_passes_the_sanity_check() {
        let scene = BenchScene {
            name: "rain",
            n: 100,
        };
        let m = measure(scene, 10, 20).unwrap();
        assert_eq!(
            (m.scene.as_str(), m.n, m.bodies, m.steps),
            ("rain", 100, 103, 20)
        );
        assert!(m.median_ms > 0.0 && m.p95_ms >= m.median_ms);
        assert!(m.sanity.sane, "{}", m.sanity.check);
    }

    #[test]
    fn serializes_in_the_shape_the_browser_bench_reads() {
        let m = measure(
            BenchScene {
                name: "pyramid",
                n: 3,
            },
            0,
            2,
        )
        .unwrap();
        let json = serde_json::to_value(&m).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            ["bodies", "check", "medianMs", "n", "p95Ms", "sane", "scene", "steps"]
        );
        assert_eq!(json["scene"], "pyramid");
        assert_eq!(json["bodies"], 7);
        assert_eq!(json["sane"], true);
    }
}
