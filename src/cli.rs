//! The native command line: `tensor-playground eval|lineage [FILE]`.

/// Runs the command line with its arguments (without the program name) and returns the exit status.
pub fn main(_args: Vec<String>) -> i32 {
    eprintln!("usage: tensor-playground eval|lineage [FILE]");
    2
}
