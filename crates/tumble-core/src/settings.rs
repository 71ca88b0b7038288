//! World settings: gravity, step rate, solver effort, time scale. All can change at run time.

use serde::{Deserialize, Serialize};

/// How a world steps. Part of every scene; every field has a default.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Settings {
    /// Gravity in m/s², default `(0, -9.81)`.
    pub gravity: [f32; 2],
    /// Fixed steps per simulated second, default 60.
    pub hz: f32,
    /// Solver substeps per step (rapier's `num_solver_iterations`), default 4.
    pub substeps: u32,
    /// Extra solver iterations inside each substep (rapier's `num_internal_pgs_iterations`), default 1.
    pub iterations: u32,
    /// Simulated seconds per real second, default 1. 0 freezes time without pausing the loop.
    pub time_scale: f32,
    /// Most fixed steps one `advance` runs; time beyond that is dropped so a slow frame cannot
    /// spiral into ever slower frames. Default 4.
    pub max_steps_per_advance: u32,
    /// Whether resting bodies may fall asleep, default true. Benchmarks turn it off.
    pub sleeping: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            gravity: [0.0, -9.81],
            hz: 60.0,
            substeps: 4,
            iterations: 1,
            time_scale: 1.0,
            max_steps_per_advance: 4,
            sleeping: true,
        }
    }
}

impl Settings {
    /// Length of one fixed step in seconds.
    pub fn step_seconds(&self) -> f32 {
        1.0 / self.hz
    }
}
