//! Parse + evaluate any bytes as a program: `run_program` must return (with
//! output or an error line) without panicking, hanging or exhausting memory.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let _ = tensor_playground::lang::run_program(&source);
});
