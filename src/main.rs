//! The command line: `tensor-playground eval|lineage|lesson ...`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(tensor_playground::cli::main(std::env::args().skip(1).collect()));
}

/// In the browser the page starts from `src/bin/playground.rs` instead.
#[cfg(target_arch = "wasm32")]
fn main() {}
