//! `tumble-bench`: median and p95 step time of Tumble's benchmark scenes.
//!
//! `cargo run -p tumble-bench --release -- --scene rain --n 4000 --steps 300 --warmup 60`
//! `cargo run -p tumble-bench --release -- --all` (one markdown table), `--json` for machines.
//! `--help` for the rest.

use std::process::ExitCode;

use tumble_bench::{markdown, measure, parse_args, Command, USAGE};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&args) {
        Ok(Command::Run(args)) => args,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("tumble-bench: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut rows = Vec::with_capacity(args.scenes.len());
    for &scene in &args.scenes {
        match measure(scene, args.warmup, args.steps) {
            Ok(row) => rows.push(row),
            // The parser checks sizes against the preset's range, so this is a bug, not bad input.
            Err(e) => {
                eprintln!("tumble-bench: {} did not build: {e}", scene.spec());
                return ExitCode::FAILURE;
            }
        }
    }
    if args.json {
        match serde_json::to_string_pretty(&rows) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("tumble-bench: could not write JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", markdown(&rows));
    }
    if rows.iter().all(|m| m.sanity.sane) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
