//! The native command line: `tensor-playground eval|lineage [FILE]`.

use crate::session::Session;
use std::io::{Read, Write};

const USAGE: &str = "\
usage: tensor-playground <command> [FILE]

commands:
  eval [FILE]          run a program (from FILE or standard input) as the Python REPL would
  lineage [FILE]       print, as JSON, which input elements each element of the last
                       expression was computed from
  lesson check FILE... check lesson files: their format, that every step runs as
                       meant, and that every question can be answered
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
        Err(message) => {
            eprintln!("tensor-playground: {message}");
            return 2;
        }
    };
    let session = Session::new(&source);
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
        let report = session.focus_lineage();
        let json = serde_json::to_string(&report).expect("lineage reports are plain data");
        let _ = writeln!(out, "{json}");
    }
    0
}

/// `lesson check FILE...`: problems go to standard error as `FILE:LINE: step N: ...`.
fn lesson_command(args: &[String]) -> i32 {
    let Some((sub, files)) = args.split_first().filter(|(s, f)| s.as_str() == "check" && !f.is_empty())
    else {
        eprintln!("usage: tensor-playground lesson check FILE...");
        return 2;
    };
    debug_assert_eq!(sub, "check");
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

/// The program from the file named in `args`, or from standard input.
fn read_program(args: &[String]) -> Result<String, String> {
    match args {
        [] => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(s)
        }
        [path] => std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}")),
        _ => Err(format!("expected at most one FILE\n{USAGE}")),
    }
}
