//! The hostile-input suite (`tests/hostile/`): programs written to break,
//! freeze or exhaust the playground, each run on a thread with the browser's
//! 1 MB of stack and a time limit, and each ending exactly as
//! `tests/hostile/cases.json` says: with what real Python and PyTorch printed
//! and raised, or with the playground's own limit where it refuses first.
//! `tests/hostile/generate.py` writes the cases (`tests/wasm.rs` runs them in
//! the browser too).

#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use tensor_playground::lang::{Transcript, run_program};
use tensor_playground::session::Session;

/// The browser's stack (wasm32's default), which every case must fit in.
const STACK: usize = 1 << 20;

/// A hang guard, generous for a loaded machine: each case takes about a
/// second at most natively.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The generated cases.
#[derive(Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

/// One hostile program and how it must end.
#[derive(Deserialize)]
struct Case {
    name: String,
    /// The program, as pieces repeated and joined.
    parts: Vec<(String, usize)>,
    /// What it must print, when known (from Python).
    stdout: Option<String>,
    /// The one error line it must end with (`None`: it must not fail).
    error: Option<String>,
    /// Whether to also trace every element of the last expression.
    lineage: bool,
}

impl Case {
    fn program(&self) -> String {
        self.parts.iter().map(|(text, times)| text.repeat(*times)).collect()
    }
}

/// Runs a case on a 1 MB thread; `Err` says how it failed to return.
fn run(case: &Case) -> Result<Transcript, String> {
    let source = case.program();
    let lineage = case.lineage;
    let (done, result) = mpsc::channel();
    thread::Builder::new()
        .name(case.name.clone())
        .stack_size(STACK)
        .spawn(move || {
            let transcript = if lineage {
                let session = Session::with_gradients(&source);
                // Every element traced, with its gradients, as `tensor-playground lineage` does.
                let _ = session.focus_lineage();
                session.transcript()
            } else {
                run_program(&source)
            };
            let _ = done.send(transcript);
        })
        .map_err(|e| format!("could not start a thread: {e}"))?;
    match result.recv_timeout(TIME_LIMIT) {
        Ok(transcript) => Ok(transcript),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!("did not return within {TIME_LIMIT:?}")),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err("panicked".to_string()),
    }
}

#[test]
fn hostile_programs_end_as_python_or_the_playground_says() {
    let cases: Cases =
        serde_json::from_str(include_str!("hostile/cases.json")).expect("tests/hostile/cases.json is valid");
    assert!(!cases.cases.is_empty(), "no cases in tests/hostile/cases.json");
    let mut failures = Vec::new();
    for case in &cases.cases {
        let started = Instant::now();
        let outcome = run(case);
        eprintln!("{}: {:?}", case.name, started.elapsed());
        match outcome {
            Err(why) => failures.push(format!("{}: {why}", case.name)),
            Ok(t) => {
                if t.error != case.error {
                    failures
                        .push(format!("{}: expected error {:?}, got {:?}", case.name, case.error, t.error));
                }
                if let Some(expected) = &case.stdout
                    && &t.stdout != expected
                {
                    let cut = |s: &str| s.chars().take(300).collect::<String>();
                    failures.push(format!(
                        "{}: expected output {:?}, got {:?}",
                        case.name,
                        cut(expected),
                        cut(&t.stdout)
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} hostile programs misbehaved:\n{}",
        failures.len(),
        cases.cases.len(),
        failures.join("\n")
    );
}
