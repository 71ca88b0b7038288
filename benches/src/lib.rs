//! Measuring Tumble's step time on the benchmark scenes, natively.
//!
//! The benchmark scenes are the presets `pyramid` (base 20 and 60) and `rain` (1000, 4000 and
//! 10 000 balls), built exactly as the browser benchmark builds them in every other engine.

use std::time::Instant;

use serde::Serialize;
use tumble_core::{presets, World};

/// One benchmark scene: a preset and the value of its size parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenchScene {
    /// `pyramid` or `rain`.
    pub name: &'static str,
    /// Pyramid base or rain count.
    pub n: u32,
}

impl BenchScene {
    /// The size parameter's name in the preset.
    pub fn param(&self) -> &'static str {
        if self.name == "pyramid" {
            "base"
        } else {
            "count"
        }
    }

    /// The preset spec, e.g. `rain?count=4000`.
    pub fn spec(&self) -> String {
        format!("{}?{}={}", self.name, self.param(), self.n)
    }

    /// A fresh world holding the scene.
    pub fn world(&self) -> World {
        let scene = presets::build(self.name, &[(self.param(), self.n as f32)])
            .expect("benchmark scenes are valid presets");
        World::from_scene(&scene).expect("benchmark scenes load")
    }
}

/// The five benchmark scenes, in table order.
pub const ALL: [BenchScene; 5] = [
    BenchScene {
        name: "pyramid",
        n: 20,
    },
    BenchScene {
        name: "pyramid",
        n: 60,
    },
    BenchScene {
        name: "rain",
        n: 1000,
    },
    BenchScene {
        name: "rain",
        n: 4000,
    },
    BenchScene {
        name: "rain",
        n: 10000,
    },
];

/// What one run measured.
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
    /// Whether the sanity check passed.
    pub sane: bool,
    /// What the sanity check found.
    pub check: String,
}

/// The `q`-quantile (0..=1) of `samples` by nearest rank; `NaN` when empty.
pub fn quantile(samples: &[f64], q: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Runs `warmup` untimed steps, then times `steps` steps one by one.
pub fn measure(scene: BenchScene, warmup: usize, steps: usize) -> Measurement {
    let mut world = scene.world();
    let start_heights = mean_dynamic_height(&world);
    for _ in 0..warmup {
        world.step();
    }
    let mut samples = Vec::with_capacity(steps);
    for _ in 0..steps {
        let t = Instant::now();
        world.step();
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (sane, check) = sanity(&world, scene, start_heights);
    Measurement {
        scene: scene.name.to_string(),
        n: scene.n,
        bodies: world.body_count(),
        steps,
        median_ms: quantile(&samples, 0.5),
        p95_ms: quantile(&samples, 0.95),
        sane,
        check,
    }
}

fn mean_dynamic_height(world: &World) -> f32 {
    let ids = world.body_ids();
    let ys: Vec<f32> = ids
        .iter()
        .filter_map(|&id| world.body(id).ok())
        .filter(|b| b.kind == tumble_core::BodyKind::Dynamic)
        .map(|b| b.position[1])
        .collect();
    ys.iter().sum::<f32>() / ys.len().max(1) as f32
}

/// Bodies fell (rain) or stood (pyramid), none is below the ground, nothing is NaN.
fn sanity(world: &World, scene: BenchScene, start_height: f32) -> (bool, String) {
    let frame = world.frame();
    if frame.transforms.iter().any(|v| !v.is_finite()) {
        return (false, "NaN in transforms".into());
    }
    let lowest = world
        .body_ids()
        .iter()
        .filter_map(|&id| world.body(id).ok())
        .filter(|b| b.kind == tumble_core::BodyKind::Dynamic)
        .map(|b| b.position[1])
        .fold(f32::MAX, f32::min);
    // Every dynamic body rests on the ground (top at y = 0) or above it.
    if lowest < 0.2 {
        return (false, format!("a body sank to y = {lowest:.2}"));
    }
    let now = mean_dynamic_height(world);
    match scene.name {
        "rain" if now >= start_height => (false, "the rain did not fall".into()),
        // A 60-row pyramid settles by about 0.15 m on its slightly soft contacts; a collapse
        // drops the mean height by metres.
        "pyramid" if (now - start_height).abs() > 0.3 => (
            false,
            format!("the pyramid moved: mean height {start_height:.2} -> {now:.2}"),
        ),
        _ => (true, "ok".into()),
    }
}

/// The measurements as one markdown table.
pub fn markdown(rows: &[Measurement]) -> String {
    let mut out = String::from(
        "| scene | bodies | median ms/step | p95 ms/step | sane |\n|---|---:|---:|---:|---|\n",
    );
    for m in rows {
        let name = format!("{} {}", m.scene, m.n);
        let sane = if m.sane {
            "yes".to_string()
        } else {
            format!("**no: {}**", m.check)
        };
        out.push_str(&format!(
            "| {name} | {} | {:.3} | {:.3} | {sane} |\n",
            m.bodies, m.median_ms, m.p95_ms
        ));
    }
    out
}

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    /// The scenes to run.
    pub scenes: Vec<BenchScene>,
    /// Timed steps per scene.
    pub steps: usize,
    /// Untimed steps first.
    pub warmup: usize,
    /// Print JSON instead of a table.
    pub json: bool,
}

/// How to call the CLI.
pub const USAGE: &str =
    "usage: tumble-bench [--scene pyramid|rain --n N | --all] [--steps 300] [--warmup 60] [--json]";

/// Parses the arguments after the program name.
pub fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut scene: Option<&'static str> = None;
    let mut n: Option<u32> = None;
    let mut all = false;
    let mut out = Args {
        scenes: Vec::new(),
        steps: 300,
        warmup: 60,
        json: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| format!("{name} needs a value"))
                .cloned()
        };
        let number = |name: &str, text: String, max: u64| -> Result<u64, String> {
            match text.parse::<u64>() {
                Ok(v) if v >= 1 && v <= max => Ok(v),
                _ => Err(format!(
                    "{name} must be a whole number from 1 to {max}, got {text:?}"
                )),
            }
        };
        match arg.as_str() {
            "--all" => all = true,
            "--json" => out.json = true,
            "--scene" => {
                let v = value("--scene")?;
                scene = Some(match v.as_str() {
                    "pyramid" => "pyramid",
                    "rain" => "rain",
                    _ => return Err(format!("--scene must be pyramid or rain, got {v:?}")),
                });
            }
            "--n" => n = Some(number("--n", value("--n")?, 50_000)? as u32),
            "--steps" => out.steps = number("--steps", value("--steps")?, 1_000_000)? as usize,
            "--warmup" => {
                let v = value("--warmup")?;
                out.warmup = if v == "0" {
                    0
                } else {
                    number("--warmup", v, 1_000_000)? as usize
                };
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    match (all, scene) {
        (true, None) if n.is_none() => out.scenes = ALL.to_vec(),
        (true, _) => return Err("--all runs every scene; drop --scene and --n".into()),
        (false, Some(name)) => {
            let n = n.unwrap_or(if name == "pyramid" { 20 } else { 1000 });
            if name == "pyramid" && n > 200 {
                return Err(format!("a pyramid base is at most 200, got {n}"));
            }
            out.scenes = vec![BenchScene { name, n }];
        }
        (false, None) => return Err("name a scene with --scene, or use --all".into()),
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Result<Args, String> {
        parse_args(
            &text
                .split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn quantiles_by_nearest_rank() {
        let samples: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile(&samples, 0.5), 50.0);
        assert_eq!(quantile(&samples, 0.95), 95.0);
        assert_eq!(quantile(&[3.0, 1.0, 2.0], 0.5), 2.0);
        assert!(quantile(&[], 0.5).is_nan());
    }

    #[test]
    fn parses_a_single_scene_and_all() {
        let a = args("--scene rain --n 4000 --steps 300 --warmup 60").unwrap();
        assert_eq!(
            a.scenes,
            vec![BenchScene {
                name: "rain",
                n: 4000
            }]
        );
        assert_eq!((a.steps, a.warmup, a.json), (300, 60, false));
        assert_eq!(args("--all --json").unwrap().scenes.len(), 5);
        assert_eq!(
            BenchScene {
                name: "pyramid",
                n: 60
            }
            .spec(),
            "pyramid?base=60"
        );
    }

    #[test]
    fn bad_arguments_are_explained() {
        for bad in [
            "",
            "--scene volcano",
            "--scene rain --n -3",
            "--scene rain --n",
            "--all --scene rain",
            "--scene pyramid --n 999",
            "--steps 0 --all",
            "--frobnicate",
        ] {
            assert!(args(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_short_run_measures_and_passes_the_sanity_check() {
        let m = measure(
            BenchScene {
                name: "rain",
                n: 100,
            },
            10,
            20,
        );
        assert_eq!(m.bodies, 103);
        assert!(m.median_ms > 0.0 && m.p95_ms >= m.median_ms);
        assert!(m.sane, "{}", m.check);
        assert!(markdown(&[m]).contains("| rain 100 | 103 |"));
    }
}
