//! Lesson prose on the page: built from data as elements, never as HTML.

use crate::lesson::prose::{Block, Inline, blocks, inlines};
use leptos::prelude::*;

/// Paragraphs and lists of lesson prose.
#[component]
pub fn Prose(
    /// The prose, in the lesson Markdown subset.
    text: String,
) -> impl IntoView {
    blocks(&text)
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(runs) => view! { <p>{runs_view(runs)}</p> }.into_any(),
            Block::List(items) => {
                view! { <ul>{items.into_iter().map(|i| view! { <li>{runs_view(i)}</li> }).collect_view()}</ul> }
                    .into_any()
            }
        })
        .collect_view()
}

/// One line of prose (question prompts, hints).
#[component]
pub fn InlineProse(
    /// The text, with `code`, *emphasis* and **strong**.
    text: String,
) -> impl IntoView {
    runs_view(inlines(&text))
}

fn runs_view(runs: Vec<Inline>) -> AnyView {
    runs.into_iter()
        .map(|r| match r {
            Inline::Text(t) => t.into_any(),
            Inline::Code(t) => view! { <code>{t}</code> }.into_any(),
            Inline::Emphasis(t) => view! { <em>{t}</em> }.into_any(),
            Inline::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
        })
        .collect_view()
        .into_any()
}
