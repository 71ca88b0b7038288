//! The benchmark scenes: which presets, at which sizes.

use tumble_core::presets::{self, Param};
use tumble_core::World;

/// One benchmark scene: a preset and the value of its size parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenchScene {
    /// `pyramid` or `rain`.
    pub name: &'static str,
    /// Pyramid base or rain count.
    pub n: u32,
}

/// The presets a benchmark scene may use, in usage order.
pub const SCENE_NAMES: [&str; 2] = ["pyramid", "rain"];

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

impl BenchScene {
    /// The name of the preset parameter `n` sets: `base` for pyramid, `count` for rain.
    pub fn param_name(&self) -> &'static str {
        param_name(self.name)
    }

    /// The preset spec, e.g. `rain?count=4000`, as the demo and the browser bench name it.
    pub fn spec(&self) -> String {
        format!("{}?{}={}", self.name, self.param_name(), self.n)
    }

    /// A fresh world holding the scene, built by the same preset registry the app uses.
    /// Fails only if `n` is outside the preset's range (see [`size_param`]).
    pub fn world(&self) -> tumble_core::Result<World> {
        let scene = presets::build(self.name, &[(self.param_name(), self.n as f32)])?;
        World::from_scene(&scene)
    }
}

/// The name of the size parameter of preset `scene` (`base` for pyramid, `count` otherwise).
pub fn param_name(scene: &str) -> &'static str {
    if scene == "pyramid" {
        "base"
    } else {
        "count"
    }
}

/// The declared size parameter of preset `scene` (default and range), straight from the preset
/// registry so that the CLI accepts exactly what the preset does. `None` for an unknown preset.
pub fn size_param(scene: &str) -> Option<Param> {
    let preset = presets::find(scene).ok()?;
    let name = param_name(scene);
    preset.params.iter().copied().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_benchmark_scene_builds_with_the_expected_body_count() {
        for scene in ALL {
            let expected = match scene.name {
                // One row per base box down to one, plus the ground.
                "pyramid" => (scene.n * (scene.n + 1) / 2 + 1) as usize,
                // The balls, plus floor and two walls.
                _ => scene.n as usize + 3,
            };
            let world = scene.world().unwrap();
            assert_eq!(world.body_count(), expected, "{}", scene.spec());
            assert!(
                !world.settings().sleeping,
                "{} must not sleep",
                scene.spec()
            );
        }
    }

    #[test]
    fn specs_and_size_params_come_from_the_registry() {
        assert_eq!(ALL[1].spec(), "pyramid?base=60");
        assert_eq!(ALL[4].spec(), "rain?count=10000");
        for name in SCENE_NAMES {
            assert!(size_param(name).is_some(), "{name}");
        }
        assert!(size_param("volcano").is_none());
        let too_big = BenchScene {
            name: "pyramid",
            n: size_param("pyramid").unwrap().max as u32 + 1,
        };
        assert!(too_big.world().is_err());
    }
}
