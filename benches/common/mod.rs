//! The evaluation benchmark shared by the native run (`benches/eval.rs`) and
//! the wasm run in Chromium (`tests/bench_wasm.rs`), so that both time exactly
//! the same programs in the same order with the same statistics; only the
//! clock differs (`Instant` natively, `performance.now()` in the browser).
//!
//! The public API runs whole programs (`lang::run_program`), so the tensor
//! cannot be built outside the timed part. Instead every case is timed as a
//! whole program and the `build` case (the same assignment alone) is
//! subtracted. The statement under test appears `repeat` times in its
//! program (`CASES`): `(sum - build) / repeat` is what one `t.sum(dim=0)`
//! costs, including what the REPL prints for it, as a learner's page
//! evaluates it.

use tensor_playground::lang::run_program;

/// The 1000x1000 float32 input: `arange` of floats is float32, as in PyTorch.
pub const BUILD: &str = "t = torch.arange(1000000.).reshape(1000, 1000) % 97\n";

/// (name, statement, how many times it appears in its program after `BUILD`).
/// A 1000x1000 `t @ t` is a billion multiply-adds, most of one run's work
/// budget, so it appears once; the others ten times, so that their cost
/// stands well above the noise of the build they are separated from.
pub const CASES: [(&str, &str, usize); 5] = [
    ("build", "", 0),
    ("sum", "t.sum(dim=0)\n", 10),
    ("argmax", "t.argmax(dim=1)\n", 10),
    ("softmax", "t.softmax(dim=1)\n", 10),
    ("matmul", "t @ t\n", 1),
];

/// Untimed rounds first, so lazy initialisation and (in the browser) the
/// wasm engine's tier-up to optimised code are not measured.
const WARMUP: usize = 3;
/// Timed rounds; the median of these is reported.
const RUNS: usize = 21;

/// Runs every case `WARMUP + RUNS` times, interleaved (build, sum, argmax,
/// build, ...) so that a slow spell of the machine hits all cases alike,
/// and returns one line per case: `BENCH {json}` for the harness to parse,
/// with every timed run (in round order, so rounds can be paired).
pub fn measure(target: &str, now: impl Fn() -> f64) -> Vec<String> {
    let programs: Vec<String> =
        CASES.iter().map(|(_, stmt, repeat)| format!("{BUILD}{}", stmt.repeat(*repeat))).collect();
    let mut times = vec![Vec::with_capacity(RUNS); CASES.len()];
    for round in 0..WARMUP + RUNS {
        for (k, program) in programs.iter().enumerate() {
            let start = now();
            let out = run_program(program);
            let elapsed = now() - start;
            // A benchmark of an error message would be worthless.
            assert!(out.error.is_none(), "{} failed: {:?}", CASES[k].0, out.error);
            if round >= WARMUP {
                times[k].push(elapsed);
            }
        }
    }
    CASES
        .iter()
        .zip(times)
        .map(|((name, _, repeat), runs)| {
            let median_ms = median(runs.clone());
            let line = serde_json::json!({
                "target": target, "case": name, "repeat": repeat, "median_ms": median_ms, "runs_ms": runs,
            });
            format!("BENCH {line}")
        })
        .collect()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 }
}
