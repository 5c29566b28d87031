//! The Web Worker's side of running programs (`runner` is the page's):
//! `worker.js` loads the playground's wasm in the worker and hands every
//! message from the page to `answer`.
//!
//! In the site's build (`--features split`) the interpreter is a wasm file
//! of its own, fetched the first time a program runs: the page itself
//! never runs one, so it never downloads it.

use crate::session::Session;
use crate::session::protocol::{self, FromWorker, ToWorker};
use wasm_bindgen::prelude::*;

/// What the worker says when the interpreter's file could not be fetched.
pub const INTERPRETER_UNAVAILABLE: &str = "the interpreter could not be loaded";

/// Answers one message from the page: runs its program and returns the
/// worker's reply, with the `Session`, as a JavaScript object ready to post.
pub async fn answer(message: JsValue) -> Result<JsValue, JsError> {
    let ToWorker::Run { id, code, gradients } = serde_wasm_bindgen::from_value(message)?;
    interpret(id, code, gradients).await.map_err(|e| JsError::new(&e))
}

/// Runs `code` here, on the page (where no worker can start), with the
/// gradients of its focus if asked: the worker's reply, read back.
pub async fn evaluate(code: String, gradients: bool) -> Result<Session, String> {
    let reply = interpret(0, code, gradients).await?;
    match serde_wasm_bindgen::from_value(reply).map_err(|e| e.to_string())? {
        FromWorker::Ran { session, .. } => Ok(*session),
        _ => Err("the interpreter gave no session".to_string()),
    }
}

/// The reply to run `id` of `code`, made where the interpreter is: running
/// and writing the session out both belong to it (and, in the site's
/// build, to its wasm file, loaded on first use).
async fn interpret(id: u32, code: String, gradients: bool) -> Result<JsValue, String> {
    #[cfg(feature = "split")]
    {
        use leptos::wasm_split::{SplitLoaderError, wasm_split};
        #[wasm_split(interpreter, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn run_and_reply(
            id: u32,
            code: String,
            gradients: bool,
        ) -> Result<Result<JsValue, String>, SplitLoaderError> {
            Ok(reply(id, &code, gradients))
        }
        run_and_reply(id, code, gradients).await.map_err(|_| INTERPRETER_UNAVAILABLE.to_string())?
    }
    #[cfg(not(feature = "split"))]
    reply(id, &code, gradients)
}

/// Runs `code` (working out its gradients if asked) and writes the reply out.
fn reply(id: u32, code: &str, gradients: bool) -> Result<JsValue, String> {
    let session = if gradients { Session::with_gradients(code) } else { Session::new(code) };
    serde_wasm_bindgen::to_value(&protocol::reply(id, session)).map_err(|e| e.to_string())
}
