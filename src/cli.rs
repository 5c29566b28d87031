//! The native command line: `tensor-playground eval|lineage [FILE]`.

use crate::session::Session;
use std::io::{Read, Write};

const USAGE: &str = "\
usage: tensor-playground <command> [FILE]

commands:
  eval [FILE]      run a program (from FILE or standard input) as the Python REPL would
  lineage [FILE]   print, as JSON, which input elements each element of the last
                   expression was computed from";

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
