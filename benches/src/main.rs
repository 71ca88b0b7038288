//! `tumble-bench`: median and p95 step time of Tumble's benchmark scenes.
//!
//! `cargo run -p tumble-bench --release -- --scene rain --n 4000 --steps 300 --warmup 60`
//! `cargo run -p tumble-bench --release -- --all` (one markdown table), `--json` for machines.

use std::process::ExitCode;

use tumble_bench::{markdown, measure, parse_args, USAGE};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("tumble-bench: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let rows: Vec<_> = args
        .scenes
        .iter()
        .map(|&scene| measure(scene, args.warmup, args.steps))
        .collect();
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    } else {
        print!("{}", markdown(&rows));
    }
    if rows.iter().all(|m| m.sane) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
