//! The Web Worker's side of running programs (`runner` is the page's):
//! `worker.js` loads the playground's wasm in the worker and hands every
//! message from the page to `answer`.

use crate::session::protocol::{self, ToWorker};
use wasm_bindgen::prelude::*;

/// Answers one message from the page: runs its program and returns the
/// `Session` as a JavaScript object, ready to post back.
pub fn answer(message: JsValue) -> Result<JsValue, JsError> {
    let request: ToWorker = serde_wasm_bindgen::from_value(message)?;
    Ok(serde_wasm_bindgen::to_value(&protocol::answer(request))?)
}
