//! The browser build's entry (Trunk builds this binary) and its JavaScript
//! surface. Nothing starts on load, because the same module serves host
//! pages that only mount playgrounds into their own elements:
//! `tensor-playground.js` calls `startPage()` on `index.html` and
//! `mountPlayground()` for `mount()` and `<tensor-playground>`.
//!
//! The exports live here, not in the library, because a binary exports only
//! its own `#[wasm_bindgen]` items.

#[cfg(target_arch = "wasm32")]
mod api {
    use tensor_playground::web::api::{
        MountedPlayground, mount_element as element, mount_playground as mount,
    };
    use wasm_bindgen::prelude::*;

    /// Starts the playground page in `holder` (not yet on the page); the
    /// promise resolves once its first program is drawn.
    #[wasm_bindgen(js_name = startPage)]
    pub fn start_page(holder: web_sys::HtmlElement) -> js_sys::Promise {
        tensor_playground::web::start(holder)
    }

    /// In the Web Worker that runs the programs (`worker.js`): answers one
    /// message from the page.
    #[wasm_bindgen(js_name = answerPage)]
    pub async fn answer_page(message: JsValue) -> Result<JsValue, JsError> {
        tensor_playground::web::worker::answer(message).await
    }

    /// The session the page draws, as a plain object (`scripts/draw-opening.mjs`
    /// writes it into `index.html` with the opening view).
    #[wasm_bindgen(js_name = drawnSession)]
    pub fn drawn_session() -> JsValue {
        tensor_playground::web::drawn_session()
    }

    /// A playground mounted into a host page's element.
    #[wasm_bindgen]
    pub struct Playground(MountedPlayground);

    /// Mounts a playground into `container`; its events are dispatched on
    /// `events`, and its own files (lessons) are found under `assets`.
    #[wasm_bindgen(js_name = mountPlayground)]
    pub fn mount_playground(
        container: web_sys::HtmlElement,
        events: web_sys::EventTarget,
        options: JsValue,
        assets: String,
    ) -> Result<Playground, JsError> {
        mount(container, events, options, assets).map(Playground)
    }

    /// Mounts the playground of a `<tensor-playground>` element into
    /// `container`, configured by `attributes` (`{code, lesson, ..., text}`,
    /// the attributes as text and the element's text content).
    #[wasm_bindgen(js_name = mountElement)]
    pub fn mount_element(
        container: web_sys::HtmlElement,
        element_: web_sys::EventTarget,
        attributes: JsValue,
        assets: String,
    ) -> Result<Playground, JsError> {
        element(container, element_, attributes, assets).map(Playground)
    }

    #[wasm_bindgen]
    impl Playground {
        /// Shows `code`.
        #[wasm_bindgen(js_name = setCode)]
        pub fn set_code(&self, code: String) -> Result<(), JsError> {
            self.0.set_code(code)
        }

        /// Moves to a lesson step (1-based).
        #[wasm_bindgen(js_name = setStep)]
        pub fn set_step(&self, step: usize) -> Result<(), JsError> {
            self.0.set_step(step)
        }

        /// `{code, error, lesson, step}`.
        #[wasm_bindgen(js_name = getState)]
        pub fn get_state(&self) -> Result<JsValue, JsError> {
            self.0.get_state()
        }

        /// Removes the playground, its listeners and its state.
        pub fn destroy(&mut self) {
            self.0.destroy();
        }
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("The playground runs in the browser: `make serve`. The command line is `tensor-playground`.");
}
