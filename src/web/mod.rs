//! The browser playground (wasm32 only): Leptos components over the
//! session layer. Nothing here computes values or lineage; it draws them.

mod announcer;
mod controls;
mod editor;
mod grid;
mod location;
mod output;
mod playground;
pub mod state;

pub use playground::{Playground, SEED_PROGRAM};

use leptos::prelude::*;

/// Mounts the page into the document body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The page: a short header and the playground.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="tp-header">
            <h1>"Tensor Playground"</h1>
            <p class="tp-tagline">
                "Point at any output element to see which inputs it was computed from."
            </p>
        </header>
        <main>
            <Playground/>
        </main>
    }
}
