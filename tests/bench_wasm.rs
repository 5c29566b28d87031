//! Wasm half of the evaluation benchmark, in headless Chromium through
//! wasm-bindgen-test-runner. `make bench` runs it with
//! `cargo test --release --target wasm32-unknown-unknown --test bench_wasm -- --nocapture`.
//!
//! Cargo.toml marks this target `test = false`, so a plain `cargo test`
//! (and `make test`) neither builds nor runs it; only `--test bench_wasm`
//! does. It is a test binary, not part of the page, so nothing here ships.

#![cfg(target_arch = "wasm32")]

#[path = "../benches/common/mod.rs"]
mod common;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

// In a dedicated worker, as the page runs programs: a minute of rounds on
// the page's main thread would also starve the test runner's driver.
wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// `performance.now()`: sub-millisecond, monotonic. Looked up through
/// `js_sys::Reflect` so the page's `web-sys` features stay as they are.
fn performance_now() -> impl Fn() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .expect("the browser has `performance`");
    let now: js_sys::Function = js_sys::Reflect::get(&performance, &JsValue::from_str("now"))
        .expect("`performance.now` exists")
        .dyn_into()
        .expect("`performance.now` is a function");
    move || now.call0(&performance).ok().and_then(|v| v.as_f64()).unwrap_or(f64::NAN)
}

#[wasm_bindgen_test]
fn evaluation_time_in_wasm() {
    // The runner copies the page's console to its stdout; the harness greps `BENCH`.
    for line in common::measure("wasm", performance_now()) {
        console_log!("{line}");
    }
}
