//! Views whose code is a wasm file of its own in the site's build
//! (`--features split`), fetched the first time one is shown rather than on
//! the learner's first action: the lesson player, the reference of what is
//! supported, the gradient view's legend (docs/size.md).

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

/// The view `load` fetches (a `#[wasm_split(..., fallible)]` function's
/// future), shown once its file is in; if the file cannot be fetched, says
/// `failed` with a button to try again (a failed download is an error to
/// show, not a panic, which would stop the whole page).
pub fn lazy_view<L, F>(failed: &'static str, load: L) -> impl IntoView
where
    L: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        // The loader's future is not `Send`; the page has one thread.
        let view = leptos::__reexports::send_wrapper::SendWrapper::new(load());
        Suspend::new(async move {
            match view.await {
                Ok(view) => view,
                Err(_) => view! {
                    <p class="tp-error" role="alert">
                        {failed} " "
                        <button class="tp-button" on:click=move |_| attempt.update(|n| *n += 1)>
                            "Try again"
                        </button>
                    </p>
                }
                .into_any(),
            }
        })
    }
}
