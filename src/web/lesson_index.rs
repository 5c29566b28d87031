//! The list of lessons, with each one's progress.

use super::fetch::fetch_text;
use super::progress;
use super::prose::InlineProse;
use crate::lesson::listing::listed_outline;
use crate::lesson::{Outline, parse_outline};
use leptos::prelude::*;

/// Every lesson listed in `lessons/index.txt`, read as outlines (from the
/// index's own lines where it has them, else from each lesson's file): the
/// lesson player (and its parser) is only downloaded when a lesson is opened.
#[component]
pub fn LessonIndex() -> impl IntoView {
    let host = expect_context::<super::host::Host>();
    let lessons = RwSignal::new_local(Vec::<Outline>::new());
    let problem = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        let index = match fetch_text(&host.asset("lessons/index.txt")).await {
            Ok(t) => t,
            Err(e) => return problem.set(Some(e.to_string())),
        };
        let mut found = Vec::new();
        for line in index.lines() {
            // A line with the lesson's outline saves fetching its file.
            if let Some(outline) = listed_outline(line).filter(|o| crate::session::embed::is_lesson_id(&o.id))
            {
                found.push(outline);
                continue;
            }
            let Some(id) = crate::session::embed::listed_lessons(line).next() else { continue };
            match fetch_text(&host.asset(&format!("lessons/{id}.md")))
                .await
                .map_err(|e| e.to_string())
                .and_then(|t| parse_outline(&t).map_err(|e| e.to_string()))
            {
                Ok(l) => found.push(l),
                Err(e) => problem.set(Some(e)),
            }
        }
        lessons.set(found);
    });
    let items = move || {
        lessons.with(|ls| {
            ls.iter()
                .map(|l| {
                    // Stored progress is only a hint: kept within the lesson as it is now.
                    let within = |n: usize| n.clamp(1, l.steps.max(1));
                    let p = progress::load(&l.id);
                    let step = p.map_or(1, |p| within(p.last));
                    let href = format!("#lesson={}&step={step}", l.id);
                    let status = match p {
                        Some(p) => format!("{} / {} reached", within(p.furthest), l.steps),
                        None => format!("{} steps", l.steps),
                    };
                    view! {
                        <li>
                            <a href=href class="tp-lesson-link"><InlineProse text=l.title.clone()/></a>
                            <span class="tp-lesson-status">{status}</span>
                            <p class="tp-lesson-summary"><InlineProse text=l.summary.clone()/></p>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <nav class="tp-lessons" aria-labelledby="tp-lessons-heading">
            <h2 id="tp-lessons-heading">"Lessons"</h2>
            {move || problem.get().map(|p| view! { <p class="tp-error">{p}</p> })}
            <ul class="tp-lesson-list" data-testid="lesson-list">{items}</ul>
        </nav>
    }
}
