//! The markdown table the CLI prints.

use crate::Measurement;

/// The measurements as one markdown table: timings, then the three sanity checks (✓ or ✗) and
/// what they found.
pub fn markdown(rows: &[Measurement]) -> String {
    let mut out = String::from(
        "| scene | bodies | median ms/step | p95 ms/step | fell / stood | none below ground | no NaN | check |\n\
         |---|---:|---:|---:|:---:|:---:|:---:|---|\n",
    );
    let mark = |ok: bool| if ok { "✓" } else { "✗" };
    for m in rows {
        let s = &m.sanity;
        out.push_str(&format!(
            "| {} {} | {} | {:.3} | {:.3} | {} | {} | {} | {} |\n",
            m.scene,
            m.n,
            m.bodies,
            m.median_ms,
            m.p95_ms,
            mark(s.moved_as_expected),
            mark(s.above_ground),
            mark(s.finite),
            s.check.replace('|', "\\|"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sanity;

    #[test]
    fn one_row_per_measurement_with_each_check() {
        let row = |scene: &str, sane: bool| Measurement {
            scene: scene.into(),
            n: 20,
            bodies: 211,
            steps: 300,
            median_ms: 0.1514,
            p95_ms: 0.19,
            sanity: Sanity {
                sane,
                moved_as_expected: sane,
                above_ground: true,
                finite: true,
                check: "top box moved (0.000, -0.010)".into(),
            },
        };
        let table = markdown(&[row("pyramid", true), row("pyramid", false)]);
        let lines: Vec<_> = table.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("| scene | bodies | median ms/step | p95 ms/step |"));
        assert_eq!(
            lines[2],
            "| pyramid 20 | 211 | 0.151 | 0.190 | ✓ | ✓ | ✓ | top box moved (0.000, -0.010) |"
        );
        assert!(lines[3].contains("| ✗ | ✓ | ✓ |"));
    }
}
