//! What the fuzz targets ask of a program, once they have one.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// The browser runs the interpreter on wasm32's default 1 MiB stack, so the
/// fuzzer runs it on a stack as small (libFuzzer's own thread has 8 MiB).
const STACK: usize = 1 << 20;

/// The most processor time one run may take in the fuzzer's build (about
/// ten times slower than a release build: one `torch.randperm(2**24)`, at
/// the work cap, takes 4.6 s here and 0.45 s there). Processor time, not
/// the clock's: libFuzzer's `-timeout` is the clock's, and on a machine
/// shared with other builds a run that used 2 s of processor time took
/// 10 s on the clock. `-timeout` stays, set higher, for a run that never
/// gets the processor.
const CPU_LIMIT: Duration = Duration::from_secs(10);

/// How often a run's processor time is read.
const POLL: Duration = Duration::from_millis(100);

/// The processor time the thread at `task` (`/proc/PID/task/TID`) has used.
fn cpu_time(task: &Path) -> Option<Duration> {
    let stat = std::fs::read_to_string(task.join("schedstat")).ok()?;
    Some(Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

/// Runs `work` on a thread with the browser's stack: it must return
/// without panicking, overflowing that stack or taking more than
/// `CPU_LIMIT` of processor time.
pub fn on_page_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (started, task) = mpsc::channel();
    let (done, result) = mpsc::channel();
    let run = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let _ = started
                .send(std::fs::read_link("/proc/thread-self").ok().map(|t| Path::new("/proc").join(t)));
            let _ = done.send(work());
        })
        .expect("a thread for the run");
    let task: Option<PathBuf> = task.recv().ok().flatten();
    loop {
        match result.recv_timeout(POLL) {
            Ok(value) => {
                run.join().expect("the run returns without panicking");
                return value;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                run.join().expect("the run returns without panicking");
                unreachable!("a run that returned sent its value");
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some(used) = task.as_deref().and_then(cpu_time) {
                    assert!(used <= CPU_LIMIT, "the run took more than {CPU_LIMIT:?} of processor time");
                }
            }
        }
    }
}

/// Runs `source` as the page's worker and the command line do: a
/// `Session` (the interpreter, then the grids drawn of what it left) must
/// be made without panicking, overflowing that stack, taking more than
/// `CPU_LIMIT` or exhausting memory (libFuzzer's `-rss_limit_mb`).
#[allow(dead_code)] // `boundary` runs programs through the worker's own reply.
pub fn run(source: String) {
    on_page_stack(move || drop(tensor_playground::session::Session::new(&source)));
}
