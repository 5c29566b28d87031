//! Fetching lesson files that ship beside the page (relative URLs, so the
//! site works from any sub-path of any static host).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text at `url`, relative to the page.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let failed = |what: &str| format!("could not load {url}: {what}");
    let response = JsFuture::from(leptos::prelude::window().fetch_with_str(url))
        .await
        .map_err(|_| failed("the request failed"))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| failed("no response"))?;
    if !response.ok() {
        return Err(failed(&format!("HTTP {}", response.status())));
    }
    let text = response.text().map_err(|_| failed("unreadable body"))?;
    JsFuture::from(text).await.ok().and_then(|t| t.as_string()).ok_or_else(|| failed("unreadable body"))
}
