//! What both fuzz targets ask of a program, once they have one.

/// The browser runs the interpreter on wasm32's default 1 MiB stack, so the
/// fuzzer runs it on a stack as small (libFuzzer's own thread has 8 MiB).
const STACK: usize = 1 << 20;

/// Runs `source` as the page does: `run_program` must return (printed output
/// or one error line) without panicking, overflowing that stack, hanging or
/// exhausting memory (the last two are libFuzzer's `-timeout` and
/// `-rss_limit_mb`).
pub fn run(source: String) {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || tensor_playground::lang::run_program(&source))
        .expect("a thread for the run")
        .join()
        .expect("run_program returns without panicking");
}
