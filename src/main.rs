//! Entry point: the command line natively, the playground page in the browser.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(tensor_playground::cli::main(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {
    tensor_playground::web::start();
}
