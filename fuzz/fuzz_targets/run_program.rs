//! Parse + evaluate any bytes as a program: `run_program` must return (with
//! output or an error line) without panicking, hanging or exhausting memory.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// The browser runs the interpreter on wasm32's default 1 MiB stack, so the
/// fuzzer runs it on a stack as small (libFuzzer's own thread has 8 MiB).
const STACK: usize = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data).into_owned();
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || tensor_playground::lang::run_program(&source))
        .expect("a thread for the run")
        .join()
        .expect("run_program returns without panicking");
});
