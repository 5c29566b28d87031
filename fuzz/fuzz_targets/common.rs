//! What the fuzz targets ask of a program, once they have one.

/// The browser runs the interpreter on wasm32's default 1 MiB stack, so the
/// fuzzer runs it on a stack as small (libFuzzer's own thread has 8 MiB).
const STACK: usize = 1 << 20;

/// Runs `work` on a thread with the browser's stack: it must return
/// without panicking or overflowing that stack.
pub fn on_page_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(work)
        .expect("a thread for the run")
        .join()
        .expect("the run returns without panicking")
}

/// Runs `source` as the page's worker and the command line do: a
/// `Session` (the interpreter, then the grids drawn of what it left) must
/// be made without panicking, overflowing that stack, hanging or
/// exhausting memory (the last two are libFuzzer's `-timeout` and
/// `-rss_limit_mb`).
#[allow(dead_code)] // `boundary` runs programs through the worker's own reply.
pub fn run(source: String) {
    on_page_stack(move || drop(tensor_playground::session::Session::new(&source)));
}
