//! Native half of the evaluation benchmark (`make bench` runs it with
//! `cargo bench --bench eval`, i.e. the release profile, the same
//! optimisation settings the wasm build uses). The wasm half is
//! `tests/bench_wasm.rs`; both share `common/mod.rs`.

mod common;

use std::time::Instant;

fn main() {
    // `cargo bench` passes `--bench`; there are no options to parse.
    let origin = Instant::now();
    for line in common::measure("native", || origin.elapsed().as_secs_f64() * 1000.0) {
        println!("{line}");
    }
}
