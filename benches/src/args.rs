//! The command line, parsed by hand: six options, no subcommands. A parser crate would buy little
//! here and cost a dependency; by hand, every error message says exactly what to fix.

use crate::scene::{size_param, SCENE_NAMES};
use crate::{BenchScene, ALL};

/// How to call the CLI, printed with `--help` and after a bad argument.
pub const USAGE: &str = "\
usage: tumble-bench --scene pyramid|rain [--n N] [options]
       tumble-bench --all [options]

Times Tumble's benchmark scenes natively, one step at a time; prints median and p95 ms/step.

  --scene NAME   pyramid (N = base, default 20) or rain (N = ball count, default 1000)
  --n N          the scene's size
  --all          the five benchmark scenes: pyramid 20, 60; rain 1000, 4000, 10000
  --steps N      timed steps per scene (default 300)
  --warmup N     untimed steps first, so the timing covers a settling pile (default 60)
  --json         print a JSON array instead of a markdown table
  -h, --help     print this

Exit status: 0 when every scene passed its sanity check, 1 when one did not, 2 on bad arguments.";

/// Default timed steps per scene.
pub const DEFAULT_STEPS: usize = 300;
/// Default untimed steps before timing.
pub const DEFAULT_WARMUP: usize = 60;
/// Most steps (timed or warm-up) a run accepts: far beyond any useful run, well short of hours.
pub const MAX_STEPS: u64 = 1_000_000;

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Print [`USAGE`] and stop.
    Help,
    /// Measure these scenes.
    Run(Args),
}

/// A run: which scenes, how long, in which format.
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

/// Parses the arguments after the program name. `--name value` and `--name=value` both work.
/// The error says what was wrong; print it with [`USAGE`] and exit with status 2.
pub fn parse_args<S: AsRef<str>>(args: &[S]) -> Result<Command, String> {
    let mut scene: Option<&'static str> = None;
    let mut n: Option<String> = None;
    let mut all = false;
    let mut steps = DEFAULT_STEPS;
    let mut warmup = DEFAULT_WARMUP;
    let mut json = false;

    let mut it = args.iter().map(AsRef::as_ref);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (arg, None),
        };
        let mut value = || {
            inline
                .or_else(|| it.next())
                .map(str::to_owned)
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let takes_value = matches!(flag, "--scene" | "--n" | "--steps" | "--warmup");
        if inline.is_some() && !takes_value {
            return Err(format!("{flag} takes no value, got {arg:?}"));
        }
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "--all" => all = true,
            "--json" => json = true,
            "--scene" => {
                let v = value()?;
                scene = Some(
                    SCENE_NAMES
                        .into_iter()
                        .find(|&name| name == v)
                        .ok_or_else(|| format!("--scene must be pyramid or rain, got {v:?}"))?,
                );
            }
            "--n" => n = Some(value()?),
            "--steps" => steps = count("--steps", &value()?, 1)?,
            "--warmup" => warmup = count("--warmup", &value()?, 0)?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }

    let scenes = match (all, scene) {
        (true, Some(_)) => return Err("--all runs every scene; drop --scene".into()),
        (true, None) if n.is_some() => return Err("--all runs every scene; drop --n".into()),
        (true, None) => ALL.to_vec(),
        (false, None) => return Err("name a scene with --scene, or use --all".into()),
        (false, Some(name)) => vec![BenchScene {
            name,
            n: size(name, n.as_deref())?,
        }],
    };
    Ok(Command::Run(Args {
        scenes,
        steps,
        warmup,
        json,
    }))
}

/// A step count from `min` to [`MAX_STEPS`].
fn count(flag: &str, text: &str, min: u64) -> Result<usize, String> {
    match text.parse::<u64>() {
        Ok(v) if (min..=MAX_STEPS).contains(&v) => Ok(v as usize),
        _ => Err(format!(
            "{flag} must be a whole number from {min} to {MAX_STEPS}, got {text:?}"
        )),
    }
}

/// The size of preset `scene`: `text`, or the preset's default, within the preset's own range.
fn size(scene: &str, text: Option<&str>) -> Result<u32, String> {
    let param = size_param(scene).ok_or_else(|| format!("no preset called {scene:?}"))?;
    let Some(text) = text else {
        return Ok(param.default as u32);
    };
    match text.parse::<u32>() {
        Ok(v) if (param.min..=param.max).contains(&(v as f32)) => Ok(v),
        _ => Err(format!(
            "--n for {scene} (its {}) must be a whole number from {} to {}, got {text:?}",
            param.name, param.min, param.max
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Command, String> {
        parse_args(&text.split_whitespace().collect::<Vec<_>>())
    }

    fn run(text: &str) -> Args {
        match parse(text) {
            Ok(Command::Run(args)) => args,
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn parses_a_single_scene() {
        let a = run("--scene rain --n 4000 --steps 300 --warmup 60");
        assert_eq!(
            a.scenes,
            [BenchScene {
                name: "rain",
                n: 4000
            }]
        );
        assert_eq!((a.steps, a.warmup, a.json), (300, 60, false));
        let a = run("--json --n=60 --scene=pyramid --warmup 0 --steps=1");
        assert_eq!(
            a.scenes,
            [BenchScene {
                name: "pyramid",
                n: 60
            }]
        );
        assert_eq!((a.steps, a.warmup, a.json), (1, 0, true));
    }

    #[test]
    fn fills_in_defaults() {
        let a = run("--scene pyramid");
        assert_eq!(a.scenes[0].n, 20);
        assert_eq!((a.steps, a.warmup), (DEFAULT_STEPS, DEFAULT_WARMUP));
        assert_eq!(run("--scene rain").scenes[0].n, 1000);
    }

    #[test]
    fn all_runs_the_five_scenes() {
        let a = run("--all --json");
        assert_eq!(a.scenes, ALL);
        assert!(a.json);
    }

    #[test]
    fn help_wins() {
        assert_eq!(parse("--help"), Ok(Command::Help));
        assert_eq!(parse("--scene rain -h"), Ok(Command::Help));
    }

    #[test]
    fn bad_arguments_are_explained() {
        for (bad, says) in [
            ("", "name a scene"),
            ("--n 40", "name a scene"),
            (
                "--scene volcano",
                "must be pyramid or rain, got \"volcano\"",
            ),
            ("--scene", "--scene needs a value"),
            ("--scene rain --n", "--n needs a value"),
            ("--scene rain --n -3", "from 1 to 50000, got \"-3\""),
            ("--scene rain --n 2.5", "whole number"),
            ("--scene rain --n 0", "from 1 to 50000"),
            ("--scene rain --n 50001", "from 1 to 50000"),
            (
                "--scene pyramid --n 201",
                "its base) must be a whole number from 1 to 200",
            ),
            (
                "--scene rain --steps 0",
                "--steps must be a whole number from 1",
            ),
            ("--scene rain --steps lots", "--steps must"),
            (
                "--scene rain --warmup -1",
                "--warmup must be a whole number from 0",
            ),
            ("--all --scene rain", "drop --scene"),
            ("--all --n 5", "drop --n"),
            ("--all --json=yes", "--json takes no value"),
            ("--frobnicate", "unknown argument \"--frobnicate\""),
            ("rain", "unknown argument \"rain\""),
        ] {
            match parse(bad) {
                Err(message) => assert!(
                    message.contains(says),
                    "{bad:?}: {message:?} does not say {says:?}"
                ),
                Ok(parsed) => panic!("{bad:?} was accepted as {parsed:?}"),
            }
        }
    }
}
