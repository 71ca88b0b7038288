//! The preset registry: every ready-made scene, one file each, used by the demo, the widget,
//! `cargo bench`, the browser benchmark and the tests.
//!
//! A preset is a category, a name, its parameters (each with a default and a range) and a function
//! that builds a [`Scene`]. Adding one is one new file and one line in [`all`].
//! A preset is named with optional parameters like a URL query: `pyramid?base=20`.

mod car;
mod card_house;
mod chain_bridge;
mod dominoes;
mod double_pendulum;
mod galton_board;
mod joint_grid;
mod newtons_cradle;
mod playground;
mod pyramid;
mod ragdolls;
mod rain;
mod tumbler;
mod windmill;

use crate::error::{Result, TumbleError};
use crate::scene::Scene;

/// One parameter of a preset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    /// Its name in `name?param=value`.
    pub name: &'static str,
    /// What it changes, for a person.
    pub description: &'static str,
    /// Value when not given.
    pub default: f32,
    /// Smallest accepted value.
    pub min: f32,
    /// Largest accepted value.
    pub max: f32,
    /// Whether only whole numbers are accepted.
    pub integer: bool,
}

/// Parameter values, in the order of the preset's [`Param`] list, after defaults and checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    names: &'static [Param],
    values: Vec<f32>,
}

impl Params {
    /// The value of parameter `name`. Panics only on a name the preset does not declare, which is
    /// a bug in the preset itself (caught by the registry tests).
    pub fn get(&self, name: &str) -> f32 {
        let i = self
            .names
            .iter()
            .position(|p| p.name == name)
            .unwrap_or_else(|| panic!("preset parameter {name:?} is not declared"));
        self.values[i]
    }

    /// [`Params::get`] as a count.
    pub fn count(&self, name: &str) -> usize {
        self.get(name) as usize
    }
}

/// A registered preset.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// Group shown in pickers, e.g. "Stacks".
    pub category: &'static str,
    /// Unique name, e.g. "pyramid".
    pub name: &'static str,
    /// One line for a person.
    pub description: &'static str,
    /// Its parameters.
    pub params: &'static [Param],
    /// Builds the scene from checked parameters.
    pub build: fn(&Params) -> Scene,
}

/// Every preset, in picker order.
pub fn all() -> &'static [Preset] {
    static ALL: [Preset; 14] = [
        playground::PRESET,
        pyramid::PRESET,
        card_house::PRESET,
        dominoes::PRESET,
        rain::PRESET,
        galton_board::PRESET,
        tumbler::PRESET,
        newtons_cradle::PRESET,
        double_pendulum::PRESET,
        chain_bridge::PRESET,
        joint_grid::PRESET,
        ragdolls::PRESET,
        windmill::PRESET,
        car::PRESET,
    ];
    &ALL
}

/// The preset called `name`.
pub fn find(name: &str) -> Result<&'static Preset> {
    all()
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| TumbleError::UnknownPreset(name.to_string()))
}

impl Preset {
    /// Checks `values` against the declared parameters (unknown names, NaN, out of range,
    /// fractions for whole-number parameters) and fills in defaults.
    pub fn params(&self, values: &[(&str, f32)]) -> Result<Params> {
        let mut out: Vec<f32> = self.params.iter().map(|p| p.default).collect();
        for &(name, value) in values {
            let path = format!("preset.{}.{name}", self.name);
            let Some(i) = self.params.iter().position(|p| p.name == name) else {
                let known: Vec<_> = self.params.iter().map(|p| p.name).collect();
                return Err(TumbleError::PresetParam {
                    path,
                    message: format!("unknown parameter; {} takes {known:?}", self.name),
                });
            };
            let p = self.params[i];
            if !value.is_finite() || value < p.min || value > p.max {
                return Err(TumbleError::PresetParam {
                    path,
                    message: format!("must be between {} and {}, got {value}", p.min, p.max),
                });
            }
            if p.integer && value.fract() != 0.0 {
                return Err(TumbleError::PresetParam {
                    path,
                    message: format!("must be a whole number, got {value}"),
                });
            }
            out[i] = value;
        }
        Ok(Params {
            names: self.params,
            values: out,
        })
    }

    /// Builds the scene with `values` (missing parameters take their defaults).
    pub fn build(&self, values: &[(&str, f32)]) -> Result<Scene> {
        let params = self.params(values)?;
        Ok((self.build)(&params))
    }
}

/// Builds preset `name` with `values`.
pub fn build(name: &str, values: &[(&str, f32)]) -> Result<Scene> {
    find(name)?.build(values)
}

/// Builds a preset from a spec like `pyramid?base=20&...`.
pub fn build_spec(spec: &str) -> Result<Scene> {
    let (name, query) = spec.split_once('?').unwrap_or((spec, ""));
    let preset = find(name.trim())?;
    let mut values = Vec::new();
    for pair in query.split('&').filter(|s| !s.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let parsed: f32 = value.trim().parse().map_err(|_| TumbleError::PresetParam {
            path: format!("preset.{}.{key}", preset.name),
            message: format!("must be a number, got {value:?}"),
        })?;
        values.push((key.trim(), parsed));
    }
    preset.build(&values)
}

/// Small helpers shared by the preset files.
pub(crate) mod kit {
    use crate::body::BodyDesc;
    use crate::color::Color;
    use crate::scene::{Camera, Scene};
    use crate::shape::ShapeDesc;

    /// A palette that reads well on a dark background.
    pub const PALETTE: [Color; 6] = [
        Color(0xe4572eff),
        Color(0xf3a712ff),
        Color(0x29bf12ff),
        Color(0x4f8fd6ff),
        Color(0xa06cd5ff),
        Color(0xef476fff),
    ];

    /// Colour of static scenery.
    pub const GROUND: Color = Color(0x5c6370ff);

    /// The `i`-th palette colour.
    pub fn color(i: usize) -> Color {
        PALETTE[i % PALETTE.len()]
    }

    /// A scene with a camera hint.
    pub fn scene(bodies: Vec<BodyDesc>, center: [f32; 2], height: f32) -> Scene {
        Scene {
            bodies,
            camera: Some(Camera { center, height }),
            ..Scene::new()
        }
    }

    /// A box shape of full size `w` × `h`.
    pub fn rect(w: f32, h: f32) -> ShapeDesc {
        ShapeDesc::Box {
            width: w,
            height: h,
            corner_radius: 0.0,
        }
    }

    /// A circle shape.
    pub fn ball(radius: f32) -> ShapeDesc {
        ShapeDesc::Circle { radius }
    }

    /// A static box with its top edge at `top`, centred on `x`.
    pub fn ground(x: f32, top: f32, width: f32, thickness: f32) -> BodyDesc {
        BodyDesc::fixed(rect(width, thickness), [x, top - thickness / 2.0]).with_color(GROUND)
    }

    /// `(cos, sin)` of `angle`, from Rust's libm so native and wasm agree bit for bit.
    pub fn cos_sin(angle: f32) -> (f32, f32) {
        (libm::cosf(angle), libm::sinf(angle))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_preset_validates_with_defaults() {
        let mut names: Vec<_> = all().iter().map(|p| p.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all().len());
        for preset in all() {
            let scene = preset.build(&[]).unwrap();
            scene
                .validate()
                .unwrap_or_else(|e| panic!("{}: {e}", preset.name));
            assert!(!scene.bodies.is_empty(), "{}", preset.name);
        }
    }

    #[test]
    fn every_preset_builds_at_its_parameter_extremes() {
        for preset in all() {
            for p in preset.params {
                for value in [p.min, p.max] {
                    let scene = preset
                        .build(&[(p.name, value)])
                        .unwrap_or_else(|e| panic!("{}?{}={value}: {e}", preset.name, p.name));
                    scene
                        .validate()
                        .unwrap_or_else(|e| panic!("{}: {e}", preset.name));
                }
            }
        }
    }

    #[test]
    fn specs_parse_like_a_query_string() {
        let scene = build_spec("pyramid?base=20").unwrap();
        assert_eq!(scene.bodies.len(), 210 + 1);
    }

    #[test]
    fn bad_parameters_are_errors_with_a_path() {
        let e = build_spec("pyramid?base=0").unwrap_err();
        assert_eq!(e.code(), "preset.param");
        assert_eq!(e.path(), Some("preset.pyramid.base"));
        assert_eq!(
            build_spec("pyramid?base=2.5").unwrap_err().code(),
            "preset.param"
        );
        assert_eq!(
            build_spec("pyramid?height=2").unwrap_err().code(),
            "preset.param"
        );
        assert_eq!(
            build_spec("pyramid?base=abc").unwrap_err().code(),
            "preset.param"
        );
        assert_eq!(
            build_spec("pyramid?base=NaN").unwrap_err().code(),
            "preset.param"
        );
        assert_eq!(build_spec("nope").unwrap_err().code(), "preset.unknown");
    }
}
