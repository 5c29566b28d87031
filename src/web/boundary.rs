//! The JavaScript boundary of a playground with its host page: the serde
//! types of `session` (messages, options, state) to and from JavaScript
//! values, through serde-wasm-bindgen.

use crate::session::messages::Stamp;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` as a plain JavaScript object, array, string, number, boolean or
/// null (never a `Map`, never `undefined`), as JSON would have it.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

/// A deserializer of `value`, for the serde types that read what a host page gives.
pub fn reader(value: &JsValue) -> serde_wasm_bindgen::Deserializer {
    serde_wasm_bindgen::Deserializer::from(value.clone())
}

/// What messages sent now from a playground whose page is `page` need to know.
pub fn stamp(page: String) -> Stamp {
    Stamp { page, timestamp: js_sys::Date::new_0().to_iso_string().into() }
}

/// `url` made absolute against the page's base address (as `fetch` reads
/// it), or as it is if it cannot be.
pub fn absolute(url: &str) -> String {
    let base = leptos::prelude::document().base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(url, &base).map(|u| u.href()).unwrap_or_else(|_| url.to_string())
}

/// The address of the page the playground is on, without its fragment.
pub fn this_page() -> String {
    let href = leptos::prelude::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}
