//! Golden tests: the interpreter against what real PyTorch printed.
//!
//! `tests/golden/cases.json` is written by `tests/golden/generate.py`, which
//! runs every program with PyTorch and NumPy the way the Python REPL would.
//! Each test below runs one top-level group of cases (`reduce/...`,
//! `print/...`) through `lang::run_program`, compares stdout and the error
//! line exactly, and fails once with a report of every mismatch.
//!
//! Native only: the wasm build is checked against `lesson.json` in `wasm.rs`.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde::Deserialize;
use tensor_playground::lang::{Transcript, run_program};

/// Every top-level group in the corpus; each has its own test below.
const GROUPS: &[&str] = &[
    "create",
    "access",
    "index",
    "elementwise",
    "reduce",
    "print",
    "python",
    "errors",
    "lesson",
    "shipped",
    "products",
    "joining",
    "autograd",
];

/// Failures shown in full in a report; the rest are listed by name.
const FULL_REPORTS: usize = 40;

/// A program that runs longer than this counts as a failure (a hang).
const CASE_TIMEOUT: Duration = Duration::from_secs(20);

/// One file written by the generator.
#[derive(Debug, Deserialize)]
struct Corpus {
    generator: String,
    torch: String,
    numpy: String,
    cases: Vec<Case>,
}

/// One program and what PyTorch printed for it.
#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    program: String,
    stdout: String,
    error: Option<String>,
}

impl Case {
    fn group(&self) -> &str {
        self.name.split('/').next().unwrap_or_default()
    }
}

/// What the interpreter did with one case.
enum Outcome {
    Ran(Transcript),
    Panicked(String),
    TimedOut,
}

fn load(file: &str) -> Corpus {
    let path = format!("{}/tests/golden/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("cannot parse {path}: {e}"))
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| load("cases.json"))
}

/// Runs one program on its own thread, so a panic or a hang in the
/// interpreter becomes a reported failure instead of ending the whole run.
fn run_case(program: &str) -> Outcome {
    let program = program.to_owned();
    let (sender, receiver) = mpsc::channel();
    let spawned = thread::Builder::new().name("golden-case".into()).spawn(move || {
        let result = panic::catch_unwind(AssertUnwindSafe(|| run_program(&program)));
        let outcome = match result {
            Ok(transcript) => Outcome::Ran(transcript),
            Err(payload) => Outcome::Panicked(panic_message(payload.as_ref())),
        };
        // The receiver is gone only if the case already timed out.
        let _ = sender.send(outcome);
    });
    if let Err(e) = spawned {
        return Outcome::Panicked(format!("could not start a thread: {e}"));
    }
    receiver.recv_timeout(CASE_TIMEOUT).unwrap_or(Outcome::TimedOut)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_owned()
    }
}

/// A program, indented for the report.
fn indented_program(program: &str) -> String {
    program.lines().map(|line| format!("    {line}\n")).collect()
}

/// Printed output, indented, with `|` marking where each line ends so that
/// trailing spaces and a missing final newline show.
fn indented_output(text: &str) -> String {
    if text.is_empty() {
        return "    (nothing)\n".to_owned();
    }
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let _ = match line.strip_suffix('\n') {
            Some(body) => writeln!(out, "    {body}|"),
            None => writeln!(out, "    {line}| (no final newline)"),
        };
    }
    out
}

fn error_text(error: &Option<String>) -> String {
    match error {
        Some(e) => format!("    {e}\n"),
        None => "    (no error)\n".to_owned(),
    }
}

/// The full description of one mismatching case, or None when it passes.
fn mismatch(case: &Case, outcome: &Outcome) -> Option<String> {
    let mut out = String::new();
    let _ = writeln!(out, "--- {}", case.name);
    let _ = write!(out, "program:\n{}", indented_program(&case.program));
    match outcome {
        Outcome::Ran(got) => {
            if got.stdout == case.stdout && got.error == case.error {
                return None;
            }
            if got.stdout != case.stdout {
                let _ = write!(out, "expected stdout:\n{}", indented_output(&case.stdout));
                let _ = write!(out, "got stdout:\n{}", indented_output(&got.stdout));
                let first = case.stdout.lines().zip(got.stdout.lines()).position(|(a, b)| a != b);
                if let Some(i) = first {
                    let _ = writeln!(out, "(first difference on stdout line {})", i + 1);
                }
            }
            if got.error != case.error {
                let _ = write!(out, "expected error:\n{}", error_text(&case.error));
                let _ = write!(out, "got error:\n{}", error_text(&got.error));
            }
        }
        Outcome::Panicked(message) => {
            let _ = writeln!(out, "the interpreter PANICKED: {message}");
            let _ = write!(out, "expected stdout:\n{}", indented_output(&case.stdout));
            let _ = write!(out, "expected error:\n{}", error_text(&case.error));
        }
        Outcome::TimedOut => {
            let _ = writeln!(out, "the interpreter did not finish within {CASE_TIMEOUT:?}");
        }
    }
    Some(out)
}

/// Runs every case of `group`, prints its pass count, and fails once with a
/// report of all mismatches.
fn check_group(group: &str) {
    let corpus = corpus();
    let cases: Vec<&Case> = corpus.cases.iter().filter(|c| c.group() == group).collect();
    assert!(!cases.is_empty(), "the golden corpus has no `{group}` cases");

    let mut failures = Vec::new();
    for case in &cases {
        let outcome = run_case(&case.program);
        if let Some(report) = mismatch(case, &outcome) {
            failures.push((case.name.as_str(), report));
        }
    }

    let total = cases.len();
    let passed = total - failures.len();
    eprintln!("golden `{group}`: {passed} of {total} cases pass");
    if failures.is_empty() {
        return;
    }

    let mut report = format!(
        "golden `{group}`: {} of {total} cases FAIL (expected outputs from torch {}, numpy {})\n\n",
        failures.len(),
        corpus.torch,
        corpus.numpy
    );
    for (_, full) in failures.iter().take(FULL_REPORTS) {
        report.push_str(full);
        report.push('\n');
    }
    if failures.len() > FULL_REPORTS {
        let rest = &failures[FULL_REPORTS..];
        let _ = writeln!(report, "... and {} more failing cases:", rest.len());
        for (name, _) in rest {
            let _ = writeln!(report, "    {name}");
        }
    }
    let _ = writeln!(report, "\ngolden `{group}`: {passed} of {total} cases pass, {} fail", failures.len());
    panic!("{report}");
}

#[test]
fn golden_create() {
    check_group("create");
}

#[test]
fn golden_access() {
    check_group("access");
}

#[test]
fn golden_index() {
    check_group("index");
}

#[test]
fn golden_elementwise() {
    check_group("elementwise");
}

#[test]
fn golden_reduce() {
    check_group("reduce");
}

#[test]
fn golden_print() {
    check_group("print");
}

#[test]
fn golden_python() {
    check_group("python");
}

#[test]
fn golden_errors() {
    check_group("errors");
}

#[test]
fn golden_lesson() {
    check_group("lesson");
}

/// The step programs of the lessons in www/lessons.
#[test]
fn golden_shipped() {
    check_group("shipped");
}

/// `@`, `matmul`, `mm`, `mv`, `dot`, `outer`, `bmm`, `einsum`.
#[test]
fn golden_products() {
    check_group("products");
}

/// `torch.cat`, `torch.stack`, `chunk`, `split`.
#[test]
fn golden_joining() {
    check_group("joining");
}

/// `requires_grad`, `backward()`, `.grad` and every operation's derivative.
#[test]
fn golden_autograd() {
    check_group("autograd");
}

#[test]
fn corpus_is_large_unique_and_fully_grouped() {
    let corpus = corpus();
    assert_eq!(corpus.generator, "tests/golden/generate.py");
    assert!(!corpus.torch.is_empty() && !corpus.numpy.is_empty(), "versions are recorded");
    assert!(corpus.cases.len() >= 600, "only {} golden cases", corpus.cases.len());

    let mut seen = HashSet::new();
    let duplicates: Vec<&str> =
        corpus.cases.iter().map(|c| c.name.as_str()).filter(|name| !seen.insert(*name)).collect();
    assert!(duplicates.is_empty(), "duplicate case names: {duplicates:?}");

    // A case outside the known groups would never be run by any test above.
    let ungrouped: Vec<&str> =
        corpus.cases.iter().filter(|c| !GROUPS.contains(&c.group())).map(|c| c.name.as_str()).collect();
    assert!(ungrouped.is_empty(), "cases outside the known groups: {ungrouped:?}");
    for group in GROUPS {
        assert!(corpus.cases.iter().any(|c| c.group() == *group), "group `{group}` is empty");
    }
}

#[test]
fn lesson_file_matches_the_corpus() {
    let lesson = load("lesson.json");
    assert_eq!(lesson.generator, "tests/golden/generate.py");
    assert_eq!(lesson.torch, corpus().torch, "lesson.json and cases.json come from one run");
    assert!(!lesson.cases.is_empty());
    for case in &lesson.cases {
        let twin = corpus().cases.iter().find(|c| c.name == case.name);
        let twin = twin.unwrap_or_else(|| panic!("lesson case `{}` is missing from cases.json", case.name));
        assert_eq!(twin.program, case.program, "{}", case.name);
        assert_eq!(twin.stdout, case.stdout, "{}", case.name);
        assert_eq!(twin.error, case.error, "{}", case.name);
    }
}

/// The `shipped/` cases are the step programs of the lessons as they are
/// now: a lesson added or edited without regenerating would otherwise pass
/// `golden_shipped` against programs it no longer has.
#[test]
fn shipped_cases_are_the_lessons_as_they_are() {
    let dir = format!("{}/www/lessons", env!("CARGO_MANIFEST_DIR"));
    let index = std::fs::read_to_string(format!("{dir}/index.txt")).expect("www/lessons/index.txt");
    let mut want = Vec::new();
    // Each line: the id, then (after a tab) its outline (docs/lessons.md).
    for id in index.lines().map(|l| l.split('\t').next().unwrap_or_default().trim()).filter(|l| !l.is_empty())
    {
        let text = std::fs::read_to_string(format!("{dir}/{id}.md")).expect("a listed lesson");
        let lesson = tensor_playground::lesson::parse_lesson(&text).expect("a shipped lesson parses");
        for (n, step) in lesson.steps.iter().enumerate() {
            want.push((format!("shipped/{id}/step{}", n + 1), step.program.trim_end().to_string()));
        }
    }
    let have: Vec<(String, String)> = corpus()
        .cases
        .iter()
        .filter(|c| c.group() == "shipped")
        .map(|c| (c.name.clone(), c.program.clone()))
        .collect();
    assert_eq!(
        have, want,
        "the lessons changed: regenerate with tests/golden/generate.py (tests/golden/README.md)"
    );
}
