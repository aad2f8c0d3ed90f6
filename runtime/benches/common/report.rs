//! Where criterion writes, and the ratio of two measurements of one run (read back from
//! criterion's `estimates.json`).

use std::path::PathBuf;

use criterion::Criterion;

/// `$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`, else the workspace's
/// `target/criterion` (criterion's own order, made explicit so that we can read it back).
pub fn output_directory() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("criterion")
}

/// Criterion with our defaults: enough samples for a noisy shared machine; `--sample-size`
/// and the other command-line options still override them.
pub fn criterion() -> Criterion {
    Criterion::default()
        .output_directory(&output_directory())
        .sample_size(200)
        .warm_up_time(std::time::Duration::from_secs(2))
        .measurement_time(std::time::Duration::from_secs(8))
        .configure_from_args()
}

/// The median (ns per iteration) criterion measured for `group/function` in this run.
fn median_ns(group: &str, function: &str) -> Option<f64> {
    let path = output_directory()
        .join(group)
        .join(function)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

/// Prints `ours` against `theirs` of `group`: the medians per element (response or header
/// set) and their ratio. Silent when either was not measured (filtered out).
pub fn print_ratio(group: &str, ours: &str, theirs: &str, elements: u64) {
    let (Some(a), Some(b)) = (median_ns(group, ours), median_ns(group, theirs)) else {
        return;
    };
    let per = |ns: f64| ns / elements as f64;
    println!(
        "RATIO {group}: {ours} {:.2} ns, {theirs} {:.2} ns per element (median); {ours}/{theirs} = {:.3}",
        per(a),
        per(b),
        a / b
    );
}
