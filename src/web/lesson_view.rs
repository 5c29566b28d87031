//! A lesson beside the playground: the step's title and prose, its
//! question and walk-through, and the stepper (contract section 2).

use super::fetch::fetch_text;
use super::location::{fragment_pairs, write_pairs};
use super::player::Player;
use super::progress;
use super::prose::Prose;
use super::question::QuestionPanel;
use super::state::{CellRef, Change, PlaygroundState};
use crate::lesson::{Lesson, parse_lesson};
use crate::session::GridRole;
use leptos::prelude::*;
use leptos::reactive::owner::LocalStorage;
use std::rc::Rc;

/// What an answer was, as data a host page can be told about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerEvent {
    /// The lesson's id.
    pub lesson: String,
    /// The step (1-based).
    pub step: usize,
    /// `correct`, `wrong` or `revealed`.
    pub result: &'static str,
}

/// The lesson being shown.
#[derive(Clone, Copy)]
pub struct LessonState {
    /// The lesson, once loaded.
    pub lesson: RwSignal<Option<Rc<Lesson>>, LocalStorage>,
    /// The current step (1-based).
    pub step: RwSignal<usize>,
    /// Why the lesson could not be shown, if it could not.
    pub problem: RwSignal<Option<String>>,
    /// The last answer given, for hosts that listen.
    pub answers: RwSignal<Option<AnswerEvent>>,
}

impl LessonState {
    fn new() -> LessonState {
        LessonState {
            lesson: RwSignal::new_local(None),
            step: RwSignal::new(1),
            problem: RwSignal::new(None),
            answers: RwSignal::new(None),
        }
    }

    /// The number of steps (0 until loaded).
    pub fn steps(&self) -> usize {
        self.lesson.with(|l| l.as_ref().map_or(0, |l| l.steps.len()))
    }
}

/// The route of a lesson page: `#lesson=<id>&step=<n>`, perhaps with the
/// learner's edited program in `code`.
struct LessonRoute {
    id: String,
    step: Option<usize>,
    code: Option<String>,
}

fn lesson_route() -> Option<LessonRoute> {
    let pairs = fragment_pairs();
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    Some(LessonRoute {
        id: get("lesson")?,
        step: get("step").and_then(|s| s.parse().ok()),
        code: get("code"),
    })
}

/// The lesson panel, driven by the URL.
#[component]
pub fn LessonView() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let lessons = LessonState::new();
    provide_context(lessons);

    // Shows step `n` (clamped) of the loaded lesson with `code`, or the step's own program.
    let show = move |n: usize, code: Option<String>| {
        let Some(lesson) = lessons.lesson.get_untracked() else { return };
        let n = n.clamp(1, lesson.steps.len());
        let step = &lesson.steps[n - 1];
        lessons.step.set(n);
        progress::visit(&lesson.id, n);
        state.show_all.set(false);
        state.set_code(code.unwrap_or_else(|| step.program.clone()), Change::FromLocation);
        if let Some(active) = &step.active {
            let cell = state.drawing.with_untracked(|s| {
                let grids = s.grids();
                let grid = match &active.grid {
                    None => grids.iter().find(|g| g.role == GridRole::Result),
                    Some(name) => grids.iter().find(|g| &g.name == name),
                }?;
                (grid.shape().len() == active.index.len())
                    .then(|| CellRef { node: grid.node, flat: grid.flat(&active.index) })
            });
            state.pinned.set(cell);
        }
    };

    // Follows the URL: loads the lesson if it changed, then shows the step.
    let follow = move || {
        let Some(route) = lesson_route() else { return };
        let loaded = lessons.lesson.with_untracked(|l| l.as_ref().is_some_and(|l| l.id == route.id));
        if loaded {
            let same_step = route.step.unwrap_or(1) == lessons.step.get_untracked();
            // Typing writes `code` into the URL; that is not a new step.
            if !same_step || route.code.is_none() {
                show(route.step.unwrap_or(1), route.code);
            }
            return;
        }
        let valid = !route.id.is_empty()
            && route.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            lessons.problem.set(Some("There is no lesson with that name.".into()));
            return;
        }
        leptos::task::spawn_local(async move {
            match fetch_text(&format!("lessons/{}.md", route.id))
                .await
                .and_then(|t| parse_lesson(&t).map_err(|e| e.to_string()))
            {
                Ok(lesson) => {
                    let resume = progress::load(&lesson.id).map(|p| p.last);
                    lessons.problem.set(None);
                    lessons.lesson.set(Some(Rc::new(lesson)));
                    show(route.step.or(resume).unwrap_or(1), route.code);
                }
                Err(e) => lessons.problem.set(Some(e)),
            }
        });
    };
    follow();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| follow());
    on_cleanup(move || listener.remove());

    // A deliberate move to step `n`: a new history entry without `code`.
    let go = move |n: usize| {
        let Some(id) = lessons.lesson.with_untracked(|l| l.as_ref().map(|l| l.id.clone())) else { return };
        let n = n.clamp(1, lessons.steps().max(1));
        let mut pairs: Vec<(String, String)> = fragment_pairs()
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "code" | "step" | "lesson"))
            .collect();
        pairs.insert(0, ("step".into(), n.to_string()));
        pairs.insert(0, ("lesson".into(), id));
        write_pairs(&pairs, true);
        show(n, None);
    };
    let prev = move |_| go(lessons.step.get_untracked().saturating_sub(1));
    let next = move |_| go(lessons.step.get_untracked() + 1);
    let reset = move |_| go(lessons.step.get_untracked());

    // Arrow keys step through the lesson, unless they are busy elsewhere.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let busy = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.closest("[role=grid]").ok().flatten().is_some()
            });
        if busy || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        match ev.key().as_str() {
            "ArrowLeft" => go(lessons.step.get_untracked().saturating_sub(1)),
            "ArrowRight" => go(lessons.step.get_untracked() + 1),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let step_view = move || {
        let lesson = lessons.lesson.get()?;
        let n = lessons.step.get();
        let step = lesson.steps.get(n - 1)?.clone();
        let edited = move || state.code.with(|c| *c != step.program);
        let key = format!("{}:{n}", lesson.id);
        Some(view! {
            <h2 class="tp-lesson-title" data-testid="lesson-title">{step.title.clone()}</h2>
            <div class="tp-prose"><Prose text=step.prose.clone()/></div>
            {step.question.clone().map(|q| view! { <QuestionPanel question=q key=key.clone()/> })}
            {step.animate.then(|| view! { <Player/> })}
            <button type="button" class="tp-button tp-reset" on:click=reset disabled=move || !edited()>
                "Reset step"
            </button>
        })
    };
    let title = move || lessons.lesson.with(|l| l.as_ref().map(|l| l.title.clone()));
    view! {
        <article class="tp-lesson" aria-label="Lesson">
            <nav class="tp-lesson-nav">
                <a href="#" class="tp-back">"All lessons"</a>
                <span class="tp-lesson-name">{title}</span>
            </nav>
            {move || lessons.problem.get().map(|p| view! { <p class="tp-error" role="alert">{p}</p> })}
            {step_view}
            <div class="tp-stepper">
                <button
                    type="button"
                    class="tp-button"
                    data-testid="lesson-prev"
                    on:click=prev
                    disabled=move || { lessons.step.get() <= 1 }
                >
                    "← Previous"
                </button>
                <span class="tp-progress" data-testid="lesson-progress" aria-live="polite">
                    {move || format!("{} / {}", lessons.step.get(), lessons.steps())}
                </span>
                <button
                    type="button"
                    class="tp-button tp-primary"
                    data-testid="lesson-next"
                    on:click=next
                    disabled=move || { lessons.step.get() >= lessons.steps() }
                >
                    "Next →"
                </button>
            </div>
        </article>
    }
}
