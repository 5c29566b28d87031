//! Inputs that once made the interpreter panic, hang, overflow its stack,
//! exhaust memory or answer silently wrong (found by `fuzz/`, by hand, or by
//! running the same one-liners through real PyTorch), kept so they never do again.
//!
//! `tests/fuzz_regressions/NAME.py` is run as a program (its bytes read as
//! lossy UTF-8, as the fuzz target reads them); when `NAME.error` exists, its
//! one line is the error the run must end with, and when `NAME.stdout`
//! exists, it is exactly what the run must print. Inputs too big to commit are
//! built by `generated()` below. Each is run as the command line and the
//! page's Web Worker run a program (`Session::new`: the interpreter, then
//! the grids drawn of what it left). Each run gets a thread with the default
//! stack and a limit on its processor time, so a hang fails the test
//! instead of stalling it (a stack overflow still aborts the whole test
//! binary, loudly).

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use tensor_playground::lang::Transcript;
use tensor_playground::session::{MAX_DRAWN, Session};

/// The most processor time one input may take: generous for a debug build
/// (every input here takes well under a second in release). Processor
/// time, not the clock's: on a machine shared with other builds the clock
/// ran three times faster than the run, and inputs that did nothing wrong
/// failed.
const CPU_LIMIT: Duration = Duration::from_secs(20);

/// The clock's limit, for a run that never gets the processor; where the
/// processor time cannot be read (outside Linux), `CPU_LIMIT` is the clock's.
const WALL_LIMIT: Duration = Duration::from_secs(300);

/// How often a run's processor time is read.
const POLL: Duration = Duration::from_millis(100);

/// The processor time the thread at `task` (`/proc/PID/task/TID`) has used.
fn cpu_time(task: &Path) -> Option<Duration> {
    let stat = std::fs::read_to_string(task.join("schedstat")).ok()?;
    Some(Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

/// Runs `source` on its own thread; `Err` says how it failed to return,
/// or how its drawing is larger than a page can lay out.
fn run_with_limit(name: &str, source: String) -> Result<Transcript, String> {
    let (started, task) = mpsc::channel();
    let (done, result) = mpsc::channel();
    thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            let _ = started
                .send(std::fs::read_link("/proc/thread-self").ok().map(|t| Path::new("/proc").join(t)));
            let session = Session::new(&source);
            let _ = done.send((session.transcript(), oversized(&session)));
        })
        .map_err(|e| format!("could not start a thread: {e}"))?;
    let task: Option<PathBuf> = task.recv().ok().flatten();
    let begun = Instant::now();
    loop {
        match result.recv_timeout(POLL) {
            Ok((_, Some(oversized))) => return Err(oversized),
            Ok((transcript, None)) => return Ok(transcript),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Err("panicked".to_string()),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let used = task.as_deref().and_then(cpu_time);
                if used.is_some_and(|used| used > CPU_LIMIT) {
                    return Err(format!("used more than {CPU_LIMIT:?} of processor time"));
                }
                let wall = if used.is_some() { WALL_LIMIT } else { CPU_LIMIT };
                if begun.elapsed() > wall {
                    return Err(format!("did not return within {wall:?}"));
                }
            }
        }
    }
}

/// A grid with more places to lay out (cells, or the rows and blocks of an
/// empty tensor) than `MAX_DRAWN`: its drawing would freeze the page (and,
/// made in the worker, take seconds and gigabytes there first).
fn oversized(session: &Session) -> Option<String> {
    session.grids().iter().find_map(|g| {
        let places = (0..g.shape().len())
            .map(|k| g.positions(k).iter().flatten().count().max(1))
            .fold(1usize, usize::saturating_mul);
        (places > MAX_DRAWN).then(|| format!("{} of shape {:?} draws {places} places", g.name, g.shape()))
    })
}

/// Checks one input, adding a line to `failures` if it misbehaves.
fn check(name: &str, source: String, expected_error: Option<&str>, failures: &mut Vec<String>) {
    check_output(name, source, expected_error, None, failures);
}

/// `check`, also comparing what the run printed when `expected_stdout` is given.
fn check_output(
    name: &str,
    source: String,
    expected_error: Option<&str>,
    expected_stdout: Option<&str>,
    failures: &mut Vec<String>,
) {
    let started = Instant::now();
    let outcome = run_with_limit(name, source);
    eprintln!("{name}: {:?}", started.elapsed());
    match outcome {
        Err(why) => failures.push(format!("{name}: {why}")),
        Ok(t) => {
            if let Some(expected) = expected_error
                && t.error.as_deref() != Some(expected)
            {
                failures.push(format!("{name}: expected error {expected:?}, got {:?}", t.error));
            }
            if let Some(expected) = expected_stdout
                && t.stdout != expected
            {
                failures.push(format!("{name}: expected output {expected:?}, got {:?}", t.stdout));
            }
        }
    }
}

#[test]
fn committed_inputs_return_with_their_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    let mut failures = Vec::new();
    for path in &inputs {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
        let bytes = std::fs::read(path).expect("readable input");
        let source = String::from_utf8_lossy(&bytes).into_owned();
        let error = std::fs::read_to_string(path.with_extension("error")).ok();
        let stdout = std::fs::read_to_string(path.with_extension("stdout")).ok();
        check_output(&name, source, error.as_deref().map(str::trim_end), stdout.as_deref(), &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} of {} inputs misbehaved:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

/// Hand-made inputs too big to commit: (name, program, the error it must end with).
fn generated() -> Vec<(&'static str, String, Option<&'static str>)> {
    let chain = |term: &str, op: &str, n: usize| vec![term; n].join(op);
    vec![
        // A left-deep tree 5000 levels tall overflowed the stack when evaluated (or dropped).
        (
            "operator_chain",
            chain("1", "+", 5000),
            Some("RecursionError: maximum recursion depth exceeded during compilation"),
        ),
        // Trailer chains were capped per chain, not per tree: 30 of them nested were 6000 levels.
        (
            "method_chains_in_parens",
            format!(
                "t = torch.ones(2)\n{}t{}",
                "(".repeat(30),
                format!("{})", ".sum()".repeat(40)).repeat(30)
            ),
            Some("RecursionError: maximum recursion depth exceeded during compilation"),
        ),
        // Columns were counted from the line start for every token: quadratic on one long line.
        (
            "long_line",
            "x = 1; ".repeat(60_000),
            Some("RuntimeError: the program is too long for the playground"),
        ),
        ("long_list_literal", format!("x = [{}]\nlen(x)", "1, ".repeat(90_000)), None),
        // Each line doubles the list: 2**40 items without the cap on concatenation.
        (
            "list_doubling",
            format!("x = [0] * 1024\n{}len(x)", "x = x + x\n".repeat(40)),
            Some("RuntimeError: the list would be too long for the playground"),
        ),
        (
            "string_doubling",
            format!("s = 'ab'\n{}len(s)", "s = s + s\n".repeat(40)),
            Some("RuntimeError: the string would be too long for the playground"),
        ),
        // Shared items: 2**40 leaves in 40 small lists; comparing, printing or
        // converting them walked every leaf.
        (
            "shared_list_equal",
            format!("x = [1]\n{}y = [1]\n{}x == y", "x = [x, x]\n".repeat(40), "y = [y, y]\n".repeat(40)),
            Some("RuntimeError: the comparison has more items than the playground compares"),
        ),
        ("shared_list_is_itself", format!("x = [1]\n{}x == x", "x = [x, x]\n".repeat(40)), None),
        (
            "shared_list_in",
            format!(
                "x = [1]\n{}y = [1]\n{}x in [0, y]",
                "x = [x, x]\n".repeat(40),
                "y = [y, y]\n".repeat(40)
            ),
            Some("RuntimeError: the comparison has more items than the playground compares"),
        ),
        (
            "shared_list_repr",
            format!("x = [1]\n{}x", "x = [x, x]\n".repeat(40)),
            Some("RuntimeError: the program printed more text than the playground keeps"),
        ),
        (
            "shared_list_str",
            format!("x = [1]\n{}s = str(x)", "x = [x, x]\n".repeat(40)),
            Some("RuntimeError: the string would be too long for the playground"),
        ),
        (
            "shared_list_print",
            format!("x = [1]\n{}print(x, x, x, x, x, x, x, x)", "x = [x, x]\n".repeat(20)),
            Some("RuntimeError: the program printed more text than the playground keeps"),
        ),
        (
            "shared_list_tensor",
            format!("x = [1]\n{}torch.tensor([x] * 10000)", "x = [x, x]\n".repeat(14)),
            Some(
                "RuntimeError: the playground limits tensors to 16777216 elements, but this one would have 163840000",
            ),
        ),
        // Dropping, printing or comparing a value 30,000 lists deep overflowed the stack.
        (
            "deeply_nested_value",
            format!("x = [1]\n{}len(x)", "x = [x]\n".repeat(30_000)),
            Some("RuntimeError: the playground limits lists and tuples to 100 levels of nesting"),
        ),
        (
            "deeply_nested_value_in_brackets",
            format!("x = [1]\n{}len(x)", "x = ([[[[[[[[x]]]]]]]],)\n".repeat(20)),
            Some("RuntimeError: the playground limits lists and tuples to 100 levels of nesting"),
        ),
        (
            "nested_value_at_the_limit",
            format!(
                "x = 1\n{}y = 1\n{}print(x == y, x in [y])\nx",
                "x = [x]\n".repeat(100),
                "y = (y,)\n".repeat(100)
            ),
            None,
        ),
        // tolist() of a 1024 x 1024 tensor is a million numbers in a thousand
        // lists: counted as such, not as the outer list's thousand items.
        (
            "memory_budget_nested_tolist",
            format!(
                "t = torch.zeros(1024, 1024)\n{}",
                (0..7).map(|i| format!("a{i} = t.tolist()\n")).collect::<String>()
            ),
            Some(
                "RuntimeError: the program needs more memory than the playground gives it (1024 MiB for all its tensors, lists and strings)",
            ),
        ),
        // Every tensor (and list) a run makes is kept until it ends: 40 lines
        // of `t + 1` on 16M elements held 2.7 GB.
        (
            "memory_budget",
            (0..7).map(|i| format!("a{i} = [0] * 2**20\n")).collect(),
            Some(
                "RuntimeError: the program needs more memory than the playground gives it (1024 MiB for all its tensors, lists and strings)",
            ),
        ),
        // Sixty lines of t.sum() on a 16M-element tensor froze the page for
        // nine seconds, and more lines for longer: a run computes only so
        // many elements. (2**22 elements here, to stay quick in debug builds.)
        (
            "many_sums_of_a_big_tensor",
            format!("t = torch.ones(2**22)\n{}s", "s = t.sum()\n".repeat(20)),
            Some(TOO_MUCH_WORK),
        ),
        // Found by the program target: chains of element-wise ops on a
        // 2**24-element arange ran for seconds.
        (
            "elementwise_chain_on_a_big_tensor",
            format!("u = torch.arange(True, 2**22)\n{}u", "u = (u >= -0.0) + 4096\n".repeat(20)),
            Some(TOO_MUCH_WORK),
        ),
    ]
}

const TOO_MUCH_WORK: &str = "RuntimeError: the program computes more tensor elements than the playground allows in one run (67108864 in all, about four passes over a tensor of 16777216 elements)";

#[test]
fn generated_inputs_return_with_their_errors() {
    let mut failures = Vec::new();
    let inputs = generated();
    for (name, source, expected) in &inputs {
        check(name, source.clone(), *expected, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} of {} inputs misbehaved:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}
