//! Structure-aware companion of `run_program`: the bytes choose a program
//! from the grammar in `grammar.rs`, which reaches the tensor core far more
//! often than byte mutations do.

#![no_main]

mod common;
mod grammar;

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = grammar::program(&mut Unstructured::new(data), true);
    if std::env::var_os("FUZZ_PRINT_PROGRAM").is_some() {
        eprintln!("{source}");
    }
    common::run(source);
});
