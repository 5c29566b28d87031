//! The native command line: `tensor-playground eval|lineage [FILE]`.

use crate::session::Session;
use crate::tensor::lineage::Step;
use std::io::{Read, Write};

/// The longest program the command line reads, as the page's limit for a
/// program a host page sends (`session/messages.rs`): far more than any
/// program within the interpreter's 200,000 tokens needs, and reading
/// `/dev/zero` stops here instead of at the end of the machine's memory.
pub const MAX_PROGRAM: usize = 1 << 20;

/// The longest lineage report the command line writes: one line for every
/// element of a 16-million-element tensor was 1.3 GB of JSON built in 7.6 GB
/// of memory. This holds the lineage of every element of a tensor of about
/// a million elements, or of a sum of several million.
pub const MAX_LINEAGE_REPORT: usize = 64 << 20;

const USAGE: &str = "\
usage: tensor-playground <command> [FILE]

commands:
  eval [FILE]          run a program (from FILE or standard input) as the Python REPL would
  lineage [FILE]       print, as JSON, which input elements each element of the last
                       expression was computed from
  lesson check FILE... check lesson files: their format, that every step runs as
                       meant, and that every question can be answered
  lesson index FILE... print the lines of lessons/index.txt for lesson files: each
                       one's id and outline, so the page lists it without its file
  ops [--markdown]     list the operations the playground supports (--markdown: the
                       README's table)";

/// Runs the command line with its arguments (without the program name) and returns the exit status.
pub fn main(args: Vec<String>) -> i32 {
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => {
            eprintln!("{USAGE}");
            return 2;
        }
    };
    match command {
        "eval" | "lineage" => {}
        "lesson" => return lesson_command(rest),
        "ops" => return ops_command(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            return 0;
        }
        "-V" | "--version" => {
            println!("tensor-playground {}", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        other => {
            eprintln!("tensor-playground: unknown command '{other}'\n{USAGE}");
            return 2;
        }
    }
    let source = match read_program(rest) {
        Ok(s) => s,
        Err(Unread::TooLong(what)) => {
            eprintln!(
                "tensor-playground: {what} is longer than the {} MiB the playground reads",
                MAX_PROGRAM >> 20
            );
            return 1;
        }
        Err(Unread::Other(message)) => {
            eprintln!("tensor-playground: {message}");
            return 2;
        }
    };
    let session = if command == "lineage" { Session::with_gradients(&source) } else { Session::new(&source) };
    let transcript = session.transcript();
    let mut out = std::io::stdout().lock();
    if command == "eval" {
        // A closed pipe (`| head`) is not the program's failure.
        let _ = out.write_all(transcript.stdout.as_bytes());
    }
    if let Some(error) = transcript.error {
        let _ = out.flush();
        eprintln!("{error}");
        return 1;
    }
    if command == "lineage" {
        match lineage_report(&session) {
            Ok(json) => {
                if let Some(missing) = session.gradients().and_then(|g| g.missing.as_ref()) {
                    eprintln!("tensor-playground: {missing}");
                }
                let _ = writeln!(out, "{json}");
            }
            Err(elements) => {
                let plural = if elements == 1 { "" } else { "s" };
                eprintln!(
                    "tensor-playground: the lineage of the last expression ({elements} element{plural}) is longer than the {} MiB of JSON the command line writes",
                    MAX_LINEAGE_REPORT >> 20
                );
                return 1;
            }
        }
    }
    0
}

/// The lineage report as JSON, or, when it would be longer than
/// `MAX_LINEAGE_REPORT`, the number of elements it covers. The length is
/// bounded from below before anything is built, first from the element
/// count alone, then element by element from the sources each has.
fn lineage_report(session: &Session) -> Result<String, usize> {
    // The shortest text an element's entry can have (`{"index":[],"sources":[],"winners":[]},`),
    // and an element it names (`{"name":"","index":[]},`) before its name.
    const ENTRY: usize = 39;
    const REFERENCE: usize = 23;
    let run = session.run();
    if let Some((node, shape)) = run.focus.as_ref().and_then(|f| f.traced.as_ref()) {
        let numel = shape.numel();
        if numel.saturating_mul(ENTRY) > MAX_LINEAGE_REPORT {
            return Err(numel);
        }
        let graph = &run.graph;
        let mut at_least = 0usize;
        for flat in 0..numel {
            let trace = graph.trace(*node, flat);
            let named = trace.sources.iter().chain(trace.winners.iter()).filter_map(|(id, elements)| {
                let node = graph.node(id);
                matches!(node.step, Step::Leaf).then(|| elements.len() * (REFERENCE + node.label.len()))
            });
            at_least = at_least.saturating_add(ENTRY).saturating_add(named.sum());
            if at_least > MAX_LINEAGE_REPORT {
                return Err(numel);
            }
        }
    }
    let report = session.focus_lineage();
    let json = serde_json::to_string(&report).expect("lineage reports are plain data");
    if json.len() > MAX_LINEAGE_REPORT {
        return Err(report.elements.len());
    }
    Ok(json)
}

/// `lesson check FILE...`: problems go to standard error as `FILE:LINE: step N: ...`.
/// `lesson index FILE...`: the lesson list's lines for the files, in order.
fn lesson_command(args: &[String]) -> i32 {
    let Some((sub, files)) =
        args.split_first().filter(|(s, f)| matches!(s.as_str(), "check" | "index") && !f.is_empty())
    else {
        eprintln!(
            "usage: tensor-playground lesson check FILE...\n       tensor-playground lesson index FILE..."
        );
        return 2;
    };
    if sub == "index" {
        return lesson_index(files);
    }
    let mut failed = false;
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        let lesson = match crate::lesson::parse_lesson(&text) {
            Ok(l) => l,
            Err(e) => {
                let step = e.step.map(|s| format!(" step {s}:")).unwrap_or_default();
                eprintln!("{file}:{}:{step} {}", e.line, e.message);
                failed = true;
                continue;
            }
        };
        let problems = crate::lesson::check_lesson(&lesson);
        for p in &problems {
            eprintln!("{file}:{}: step {}: {}", p.line, p.step, p.message);
        }
        if problems.is_empty() {
            println!("{file}: ok, {} steps", lesson.steps.len());
        }
        failed |= !problems.is_empty();
    }
    i32::from(failed)
}

/// `lesson index FILE...`: prints each lesson's line for `lessons/index.txt`
/// (its id and outline: `lesson::listing`), in the order given.
fn lesson_index(files: &[String]) -> i32 {
    let mut failed = false;
    for file in files {
        match std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}")).and_then(|text| {
            crate::lesson::parse_outline(&text).map_err(|e| format!("{}: {}", e.line, e.message))
        }) {
            Ok(outline) => println!("{}", crate::lesson::listing::index_line(&outline)),
            Err(e) => {
                eprintln!("{file}:{e}");
                failed = true;
            }
        }
    }
    i32::from(failed)
}

/// `ops [--markdown]`: the reference of what is supported.
fn ops_command(args: &[String]) -> i32 {
    use crate::lang::catalog::{reference_markdown, reference_text};
    match args {
        [] => print!("{}", reference_text()),
        [flag] if flag == "--markdown" => print!("{}", reference_markdown()),
        _ => {
            eprintln!("usage: tensor-playground ops [--markdown]");
            return 2;
        }
    }
    0
}

/// Why no program was read.
enum Unread {
    /// The input (named) is longer than `MAX_PROGRAM`.
    TooLong(String),
    /// Any other reason, as a message.
    Other(String),
}

/// The program from the file named in `args`, or from standard input, read
/// no further than `MAX_PROGRAM` bytes (and one more, to know it is longer).
fn read_program(args: &[String]) -> Result<String, Unread> {
    let (name, input): (String, Box<dyn Read>) = match args {
        [] => ("standard input".to_string(), Box::new(std::io::stdin())),
        [path] => {
            let file =
                std::fs::File::open(path).map_err(|e| Unread::Other(format!("cannot read {path}: {e}")))?;
            (path.clone(), Box::new(file))
        }
        _ => return Err(Unread::Other(format!("expected at most one FILE\n{USAGE}"))),
    };
    let mut bytes = Vec::new();
    input
        .take(MAX_PROGRAM as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Unread::Other(format!("cannot read {name}: {e}")))?;
    if bytes.len() > MAX_PROGRAM {
        return Err(Unread::TooLong(name));
    }
    String::from_utf8(bytes)
        .map_err(|_| Unread::Other(format!("cannot read {name}: stream did not contain valid UTF-8")))
}
