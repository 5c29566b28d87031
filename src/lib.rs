//! Tensor Playground: a PyTorch-subset interpreter whose every output element
//! knows which input elements it was computed from.
//!
//! `tensor` and `lang` are pure Rust and build natively; the browser layer
//! exists only on wasm32.

pub mod lang;
pub mod lesson;
pub mod session;
pub mod tensor;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;
