//! Fetching lesson files that ship beside the page (relative URLs, so the
//! site works from any sub-path of any static host).

use std::fmt;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a file could not be fetched.
#[derive(Debug, Clone)]
pub struct FetchError {
    url: String,
    what: String,
    /// The server said there is no such file (HTTP 404).
    pub not_found: bool,
    /// No answer came: the network, or a response the browser withheld
    /// (another site's, without CORS).
    pub failed: bool,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not load {}: {}", self.url, self.what)
    }
}

/// The text at `url`, relative to the page.
pub async fn fetch_text(url: &str) -> Result<String, FetchError> {
    let failed = |what: &str| FetchError {
        url: url.to_string(),
        what: what.to_string(),
        not_found: false,
        failed: false,
    };
    let response = JsFuture::from(leptos::prelude::window().fetch_with_str(url))
        .await
        .map_err(|_| FetchError { failed: true, ..failed("the request failed") })?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| failed("no response"))?;
    if !response.ok() {
        let status = response.status();
        return Err(FetchError { not_found: status == 404, ..failed(&format!("HTTP {status}")) });
    }
    let text = response.text().map_err(|_| failed("unreadable body"))?;
    JsFuture::from(text).await.ok().and_then(|t| t.as_string()).ok_or_else(|| failed("unreadable body"))
}
