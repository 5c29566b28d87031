//! Parse + evaluate any bytes as a program: `run_program` must return (with
//! output or an error line) without panicking, hanging or exhausting memory.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::run(String::from_utf8_lossy(data).into_owned()));
