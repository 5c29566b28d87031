//! What the playground supports, generated from the operations'
//! declarations (`lang::catalog::reference`): one click away from an error
//! about a name the playground lacks.

use crate::lang::catalog::reference;
use crate::lang::value::Builtin;
use leptos::prelude::*;

/// The reference panel. In the site's build (`--features split`) its code
/// and its text are a wasm file of their own, fetched when it is first
/// opened (`lazy`).
pub fn reference_panel(on_close: Callback<()>) -> impl IntoView {
    #[cfg(feature = "split")]
    {
        use leptos::wasm_split::{SplitLoaderError, wasm_split};
        #[wasm_split(reference, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn reference(on_close: Callback<()>) -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <Reference on_close/> }.into_any())
        }
        super::lazy::lazy_view("The reference could not be loaded (is the connection down?).", move || {
            reference(on_close)
        })
    }
    #[cfg(not(feature = "split"))]
    view! { <Reference on_close/> }
}

/// The reference, section by section: each operation, how a program writes
/// it, and what it gives.
#[component]
pub fn Reference(
    /// Closes it.
    on_close: Callback<()>,
) -> impl IntoView {
    let sections = reference()
        .into_iter()
        .map(|(section, entries)| {
            let rows = entries
                .into_iter()
                .map(|e| {
                    let forms = e.forms.join("   ");
                    view! {
                        <tr>
                            <th scope="row"><code>{e.name}</code></th>
                            <td><code>{forms}</code></td>
                            <td>{e.summary.replace('`', "")}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h3>{section.title()}</h3>
                <table class="tp-reference-table">
                    <tbody>{rows}</tbody>
                </table>
            }
        })
        .collect_view();
    let builtins = Builtin::ALL.iter().map(|b| format!("{}()", b.name())).collect::<Vec<_>>().join(", ");
    view! {
        <section class="tp-reference" data-testid="reference" aria-labelledby="tp-reference-heading">
            <div class="tp-reference-head">
                <h2 id="tp-reference-heading" class="tp-label">"What the playground supports"</h2>
                <button type="button" class="tp-button" data-testid="reference-close" on:click=move |_| on_close.run(())>
                    "Close"
                </button>
            </div>
            <p class="tp-reference-note">
                "Anything else of PyTorch answers NotImplementedError, naming it. Of Python itself: numbers, "
                "strings, lists and tuples, indexing and slicing, arithmetic and comparisons, and "
                {builtins}"."
            </p>
            {sections}
        </section>
    }
}
