//! The end of a lesson: once its last step is done (its question answered
//! or shown, if it has one), the learner is told so and offered the next
//! lesson of the list (`lessons/index.txt`).

use super::fetch::fetch_text;
use super::host::Host;
use super::lesson_view::LessonState;
use super::prose::InlineProse;
use crate::lesson::listing::{listed_id, listed_outline};
use crate::lesson::{next_lesson, parse_outline};
use leptos::prelude::*;

/// What comes after this lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Next {
    /// Not known yet (the list is being read).
    Unknown,
    /// Nothing: it was the last lesson.
    Nothing,
    /// This lesson, with its title.
    Lesson { id: String, title: String },
}

/// Reads the lesson list for the lesson after `id`, and its title.
async fn find_next(host: Host, id: &str) -> Next {
    let Ok(index) = fetch_text(&host.asset("lessons/index.txt")).await else { return Next::Unknown };
    let Some(next) = next_lesson(&index, id) else { return Next::Nothing };
    // Its title is a nicety: the link works with the id alone. The index
    // line may carry it (`lesson::listing`).
    let listed = index.lines().filter(|l| listed_id(l) == next).find_map(listed_outline);
    if let Some(outline) = listed {
        return Next::Lesson { id: next.to_string(), title: outline.title };
    }
    let title = match fetch_text(&host.asset(&format!("lessons/{next}.md"))).await {
        Ok(text) => parse_outline(&text).map_or_else(|_| next.to_string(), |o| o.title),
        Err(_) => next.to_string(),
    };
    Next::Lesson { id: next.to_string(), title }
}

/// Shown on a lesson's last step: once it is done, says the lesson is
/// finished and offers the next one (and the list of all).
#[component]
pub fn LessonDone() -> impl IntoView {
    let lessons = expect_context::<LessonState>();
    let host = expect_context::<Host>();
    let next = RwSignal::new(Next::Unknown);
    if let Some(id) = lessons.id() {
        leptos::task::spawn_local(async move { next.set(find_next(host, &id).await) });
    }
    let finished = move || {
        let n = lessons.step.get();
        lessons.lesson.with(|l| {
            let Some(lesson) = l.as_ref() else { return false };
            let asks = lesson.steps.get(n - 1).is_some_and(|s| s.question.is_some());
            !asks || lessons.answered.with(|a| a.as_deref() == Some(&format!("{}:{n}", lesson.id)))
        })
    };
    let title = move || lessons.lesson.with(|l| l.as_ref().map(|l| l.title.clone()).unwrap_or_default());
    let offer = move || {
        match next.get() {
        Next::Lesson { id, title } => Some(
            view! {
                <p>
                    <a class="tp-button tp-primary tp-next-lesson" data-testid="next-lesson" href=format!("#lesson={id}")>
                        "Next lesson: " <InlineProse text=title/> " →"
                    </a>
                </p>
            }
            .into_any(),
        ),
        Next::Nothing => Some(view! { <p>"That was the last lesson."</p> }.into_any()),
        Next::Unknown => None,
    }
    };
    // One status region, there before its words, so a screen reader says them.
    view! {
        <div role="status">
            {move || finished().then(|| view! {
                <div class="tp-lesson-done" data-testid="lesson-done">
                    <p>"You have finished " <strong><InlineProse text=title()/></strong> "."</p>
                    {offer}
                    <p><a href="#">"Back to all lessons"</a></p>
                </div>
            })}
        </div>
    }
}
