//! The PyTorch-subset language: lexer, parser and evaluator.

mod access;
pub mod ast;
pub mod budget;
mod call;
pub mod catalog;
mod creating;
pub mod error;
mod escapes;
mod gradients;
mod indexing;
pub mod interp;
mod joining;
pub mod lexer;
pub mod names;
mod numpy_api;
mod ops;
pub mod parser;
mod products;
pub mod repr;
mod selecting;
mod signature;
pub mod suggest;
mod tensor_methods;
mod torch_api;
pub mod value;

pub use error::{LangError, Span};
pub use interp::{Focus, Run, run};

/// What running a program printed, as the Python REPL would show it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transcript {
    /// Everything the program wrote to standard output, in order.
    pub stdout: String,
    /// The first error, as one line `ExceptionType: message`, if any.
    pub error: Option<String>,
}

/// Runs a whole program as the REPL would and returns what it printed.
pub fn run_program(source: &str) -> Transcript {
    let r = run(source);
    Transcript { stdout: r.stdout, error: r.error.map(|e| e.to_string()) }
}
