//! Determinism: golden hashes per preset, repeatability, and bit-identical save/load and
//! snapshot/restore continuation.
//!
//! The golden hashes live in `golden_hashes.json` so the wasm tests check the very same values:
//! native (with rapier's `enhanced-determinism`) and both wasm builds must agree bit for bit.
//! After an intended physics change, regenerate them with
//! `TUMBLE_BLESS=1 cargo test -p tumble-core --test determinism` and say why in the commit.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tumble_core::{presets, Scene, World};

const STEPS: usize = 600;

fn golden_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden_hashes.json")
}

fn run(scene: &Scene, steps: usize) -> World {
    let mut world = World::from_scene(scene).unwrap();
    for _ in 0..steps {
        world.step();
    }
    world
}

fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

#[test]
fn every_preset_matches_its_golden_hash_after_600_steps() {
    let mut actual = BTreeMap::new();
    for preset in presets::all() {
        let scene = preset.build(&[]).unwrap();
        actual.insert(
            preset.name.to_string(),
            hex(run(&scene, STEPS).state_hash()),
        );
    }
    if std::env::var_os("TUMBLE_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
        std::fs::write(golden_path(), text).unwrap();
        return;
    }
    let text = std::fs::read_to_string(golden_path()).expect("golden_hashes.json is missing");
    let golden: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    let mut wrong = Vec::new();
    for (name, hash) in &actual {
        match golden.get(name) {
            Some(want) if want == hash => {}
            Some(want) => wrong.push(format!("{name}: golden {want}, got {hash}")),
            None => wrong.push(format!("{name}: no golden hash (run with TUMBLE_BLESS=1)")),
        }
    }
    assert!(wrong.is_empty(), "hash mismatches:\n{}", wrong.join("\n"));
}

#[test]
fn two_loads_of_the_same_scene_give_identical_hashes() {
    for preset in presets::all() {
        let scene = preset.build(&[]).unwrap();
        let a = run(&scene, 120).state_hash();
        let b = run(&scene, 120).state_hash();
        assert_eq!(a, b, "{}", preset.name);
    }
}

#[test]
fn save_mid_run_then_load_continues_bit_identically() {
    for preset in presets::all() {
        let scene = preset.build(&[]).unwrap();
        let mut uninterrupted = run(&scene, STEPS / 2);
        let json = uninterrupted.save().to_json();
        let mut resumed = World::new();
        resumed.load_json(&json).unwrap();
        assert_eq!(resumed.step_count(), uninterrupted.step_count());
        for _ in 0..STEPS / 2 {
            uninterrupted.step();
            resumed.step();
        }
        assert_eq!(
            hex(resumed.state_hash()),
            hex(uninterrupted.state_hash()),
            "{} diverged after save/load",
            preset.name
        );
    }
}

/// Saving a loaded save gives the same text: a load must not leave marks (rapier's change
/// flags) in the solver state. Once, `replace_state` re-set every collider's active events.
#[test]
fn loading_a_save_then_saving_again_gives_identical_json() {
    for contact_events in [false, true] {
        for preset in presets::all() {
            let scene = preset.build(&[]).unwrap();
            let mut world = World::new();
            world.set_contact_events(contact_events);
            world.load(&scene).unwrap();
            for _ in 0..7 {
                world.step();
            }
            let saved = world.save().to_json();
            world.load_json(&saved).unwrap();
            assert!(
                world.save().to_json() == saved,
                "{} (contact events {contact_events})",
                preset.name
            );
            let mut other = World::new();
            other.set_contact_events(contact_events);
            other.load_json(&saved).unwrap();
            assert!(
                other.save().to_json() == saved,
                "{} in a new world",
                preset.name
            );
        }
    }
}

#[test]
fn save_with_advance_keeps_the_accumulator() {
    let scene = presets::build("pyramid", &[("base", 6.0)]).unwrap();
    let mut a = World::from_scene(&scene).unwrap();
    for _ in 0..50 {
        a.advance(0.013).unwrap();
    }
    let mut b = World::new();
    b.load_json(&a.save().to_json()).unwrap();
    assert_eq!(a.accumulator(), b.accumulator());
    for _ in 0..50 {
        assert_eq!(a.advance(0.013).unwrap(), b.advance(0.013).unwrap());
    }
    assert_eq!(a.state_hash(), b.state_hash());
}

#[test]
fn snapshot_restore_continues_bit_identically() {
    let scene = presets::build("pyramid", &[("base", 10.0)]).unwrap();
    let mut world = run(&scene, 100);
    let snapshot = world.snapshot();
    for _ in 0..100 {
        world.step();
    }
    let expected = world.state_hash();
    world.restore(&snapshot);
    assert_eq!(world.step_count(), 100);
    for _ in 0..100 {
        world.step();
    }
    assert_eq!(world.state_hash(), expected);
}

#[test]
fn a_hand_edited_save_is_rebuilt_from_what_was_written() {
    let scene = presets::build("pyramid", &[("base", 3.0)]).unwrap();
    let world = run(&scene, 10);
    let mut saved = world.save();
    // Move one box by hand: the solver state no longer matches and must be ignored.
    saved.bodies[1].position[1] += 5.0;
    let mut loaded = World::new();
    loaded.load(&saved).unwrap();
    let moved = loaded.body(loaded.body_ids()[1]).unwrap();
    assert_eq!(moved.position[1], saved.bodies[1].position[1]);
}
