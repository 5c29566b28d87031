//! A lesson beside the playground: the step's title and prose, its
//! question and walk-through, and the stepper (contract section 2).
//!
//! Which lesson and step to show comes in as a route; moving asks the
//! owner to change it (the page writes the URL, a mounted playground keeps
//! it to itself), so the same panel serves both.

use super::host::{Host, HostKind};
use super::lesson_done::LessonDone;
use super::player::Player;
use super::progress;
use super::prose::{InlineProse, Prose};
use super::question::QuestionPanel;
use super::state::{CellRef, Change, PlaygroundState};
use crate::lesson::Lesson;
use crate::session::messages::Event;
use leptos::prelude::*;
use leptos::reactive::owner::LocalStorage;
use std::rc::Rc;

/// Which lesson step to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonRoute {
    /// The lesson's id, or the address of its file (`from_url`).
    pub id: String,
    /// Whether `id` is the address of a lesson file on the author's site (`lesson-url`).
    pub from_url: bool,
    /// The step (1-based); `None` resumes where the learner left off.
    pub step: Option<usize>,
    /// The learner's own program for the step, if they changed it.
    pub code: Option<String>,
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
    /// The last question answered (or shown), as `lesson:step`.
    pub answered: RwSignal<Option<String>>,
}

impl LessonState {
    /// The number of steps (0 until loaded).
    pub fn steps(&self) -> usize {
        self.lesson.with(|l| l.as_ref().map_or(0, |l| l.steps.len()))
    }

    /// The lesson's id, once loaded.
    pub fn id(&self) -> Option<String> {
        self.lesson.with_untracked(|l| l.as_ref().map(|l| l.id.clone()))
    }
}

/// The learner's edits of lesson steps, kept while the playground lives,
/// so that moving away from a step and back finds them again.
#[derive(Clone, Copy)]
pub struct StepEdits(StoredValue<Vec<(String, usize, String)>>);

impl Default for StepEdits {
    fn default() -> StepEdits {
        StepEdits(StoredValue::new(Vec::new()))
    }
}

impl StepEdits {
    /// No edits yet.
    pub fn new() -> StepEdits {
        StepEdits::default()
    }

    /// The learner's program for `step` of `lesson`, if they changed it.
    fn get(&self, lesson: &str, step: usize) -> Option<String> {
        self.0.with_value(|all| {
            all.iter().find(|(l, s, _)| l == lesson && *s == step).map(|(_, _, c)| c.clone())
        })
    }

    /// Keeps `code` for `step` of `lesson`, or nothing if it is the step's own `program`.
    fn keep(&self, lesson: &str, step: usize, code: &str, program: &str) {
        self.forget(lesson, step);
        if code != program {
            self.0.update_value(|all| all.push((lesson.to_string(), step, code.to_string())));
        }
    }

    /// Drops the learner's program for `step` of `lesson`.
    fn forget(&self, lesson: &str, step: usize) {
        self.0.update_value(|all| all.retain(|(l, s, _)| !(l == lesson && *s == step)));
    }
}

/// The lesson panel, for a page that may show one. In the site's build
/// (`--features split`) its code is a wasm file of its own, fetched when a
/// lesson is first opened: a first visit shows the lesson index, not a
/// lesson, and need not download the lesson player.
pub fn lesson_panel(route: Signal<Option<LessonRoute>>, navigate: Callback<usize>) -> impl IntoView {
    #[cfg(feature = "split")]
    {
        use leptos::wasm_split::{SplitLoaderError, wasm_split};
        #[wasm_split(lesson_player, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn lesson_player(
            route: Signal<Option<LessonRoute>>,
            navigate: Callback<usize>,
        ) -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <LessonView route navigate/> }.into_any())
        }
        super::lazy::lazy_view("The lesson could not be loaded (is the connection down?).", move || {
            lesson_player(route, navigate)
        })
    }
    #[cfg(not(feature = "split"))]
    view! { <LessonView route navigate/> }
}

/// A link to step 99 of a 14-step lesson shows step 14: the URL says so
/// too (in place, as the link was followed, not a step taken).
fn correct_step_in_url(shown: usize) {
    let mut pairs = super::location::fragment_pairs();
    let Some(step) = pairs.iter_mut().find(|(k, _)| k == "step") else { return };
    if step.1 != shown.to_string() {
        step.1 = shown.to_string();
        super::location::write_pairs(&pairs, false);
    }
}

/// The lesson panel.
#[component]
pub fn LessonView(
    /// The lesson and step to show.
    route: Signal<Option<LessonRoute>>,
    /// Asks the owner to move to a step; the owner updates `route`.
    navigate: Callback<usize>,
) -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let host = expect_context::<Host>();
    let on_page = host.kind == HostKind::Page;
    let edits = use_context::<StepEdits>().unwrap_or_default();
    // The step shown (its lesson, number and own program), once one is.
    let shown = StoredValue::new(None::<(String, usize, String)>);
    let lessons = LessonState {
        lesson: RwSignal::new_local(None),
        step: RwSignal::new(1),
        problem: RwSignal::new(None),
        answered: RwSignal::new(None),
    };
    provide_context(lessons);
    // An embed may lock the learner to a range of steps.
    let range = move || {
        let len = lessons.steps().max(1);
        host.options.with_value(|o| o.steps).map_or((1, len), |(a, b)| (a.min(len), b.min(len)))
    };

    // Shows step `n` (kept in range) of the loaded lesson with `code`, or the step's own program.
    let show = move |n: usize, code: Option<String>| {
        let Some(lesson) = lessons.lesson.get_untracked() else { return };
        let (first, last) = untrack(range);
        let n = n.clamp(first, last);
        let step = &lesson.steps[n - 1];
        shown.set_value(Some((lesson.id.clone(), n, step.program.clone())));
        let kept = if code.is_none() { edits.get(&lesson.id, n) } else { None };
        if host.uses_url() {
            correct_step_in_url(n);
            if let Some(kept) = &kept {
                super::location::write_fragment(kept, false);
            }
        }
        lessons.step.set(n);
        // Progress is the learner's own: only the page keeps it.
        if on_page {
            progress::visit(&lesson.id, n);
        }
        state.show_all.set(false);
        let active = step.active.clone();
        state.load_then(
            code.or(kept).unwrap_or_else(|| step.program.clone()),
            Change::FromLocation,
            move |s| {
                let Some(active) = active else { return };
                let cell = active.grid_in(s.grids()).and_then(|grid| {
                    (grid.shape().len() == active.index.len())
                        .then(|| CellRef { node: grid.node, flat: grid.flat(&active.index) })
                });
                state.pinned.set(cell);
            },
        );
        host.ready(state.code.get_untracked());
        host.emit(Event::Step { lesson: lesson.id.clone(), step: n });
    };

    // The learner's own changes to a step are kept for when they come back
    // to it (a step's program, shown or restored, is not a change of theirs).
    Effect::new(move |_| {
        let code = state.code.get();
        if state.last_change.get_untracked() == Change::FromLocation {
            return;
        }
        if let Some((id, n, program)) = shown.get_value() {
            edits.keep(&id, n, &code, &program);
        }
    });

    // Follows the route: loads the lesson if it changed, then shows the step.
    Effect::new(move |_| {
        let Some(route) = route.get() else { return };
        if lessons.id().as_deref() == Some(route.id.as_str()) {
            let step = route.step.unwrap_or(lessons.step.get_untracked());
            let same_code = route.code.as_ref().is_none_or(|c| state.code.with_untracked(|now| now == c));
            if step != lessons.step.get_untracked() || !same_code || route.code.is_none() {
                show(step, route.code);
            }
            return;
        }
        leptos::task::spawn_local(async move {
            match super::lesson_source::load(host, &route).await {
                Ok(lesson) => {
                    let resume = if on_page { progress::load(&lesson.id).map(|p| p.last) } else { None };
                    lessons.problem.set(None);
                    lessons.lesson.set(Some(Rc::new(lesson)));
                    show(route.step.or(resume).unwrap_or(1), route.code);
                }
                Err(e) => {
                    lessons.problem.set(Some(e));
                    host.ready(state.code.get_untracked());
                }
            }
        });
    });

    let go = move |n: usize| {
        let (first, last) = untrack(range);
        navigate.run(n.clamp(first, last));
    };
    let prev = move |_| go(lessons.step.get_untracked().saturating_sub(1));
    let next = move |_| go(lessons.step.get_untracked() + 1);
    let reset = move |_| {
        // Back to the author's program for this step, as a deliberate action.
        let n = lessons.step.get_untracked();
        if let Some(id) = lessons.id() {
            edits.forget(&id, n);
        }
        navigate.run(n);
        show(n, None);
    };

    // Arrow keys step through the lesson, unless they are busy elsewhere;
    // on its own page anywhere, embedded only inside the lesson panel.
    let on_key = move |ev: web_sys::KeyboardEvent| {
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
    };
    if host.kind == HostKind::Page {
        let keys = window_event_listener(leptos::ev::keydown, on_key);
        on_cleanup(move || keys.remove());
    }

    // The step's words, then what the learner does with them: two parts,
    // so that a narrow screen can put the grids between them (style.css,
    // "Page layout"), next to the question and the walk-through.
    let step_words = move || {
        let lesson = lessons.lesson.get()?;
        let step = lesson.steps.get(lessons.step.get() - 1)?.clone();
        Some(view! {
            <h2 class="tp-lesson-title" data-testid="lesson-title"><InlineProse text=step.title/></h2>
            <div class="tp-prose"><Prose text=step.prose/></div>
        })
    };
    let step_tasks = move || {
        let lesson = lessons.lesson.get()?;
        let n = lessons.step.get();
        let step = lesson.steps.get(n - 1)?.clone();
        let key = format!("{}:{n}", lesson.id);
        Some(view! {
            {step.question.clone().map(|q| view! { <QuestionPanel question=q key=key.clone()/> })}
            {step.animate.then(|| view! { <Player/> })}
        })
    };
    // Whether the learner changed the step's program (so "Reset step" has something to undo).
    let edited = move || {
        let program = lessons.lesson.with(|l| {
            l.as_ref().and_then(|l| l.steps.get(lessons.step.get() - 1)).map(|s| s.program.clone())
        });
        program.is_some_and(|p| state.code.with(|c| *c != p))
    };
    let title = move || lessons.lesson.with(|l| l.as_ref().map(|l| l.title.clone()));
    view! {
        <div
            class="tp-lesson-side"
            part="lesson"
            on:keydown=move |ev| {
                if !on_page {
                    on_key(ev)
                }
            }
        >
            <article class="tp-lesson" aria-label="Lesson">
                <nav class="tp-lesson-nav">
                    {on_page.then(|| view! { <a href="#" class="tp-back">"All lessons"</a> })}
                    <span class="tp-lesson-name">{move || title().map(|text| view! { <InlineProse text=text/> })}</span>
                    <button
                        type="button"
                        class="tp-button tp-reset"
                        on:click=reset
                        hidden=move || lessons.steps() == 0
                        disabled=move || !edited()
                    >
                        "Reset step"
                    </button>
                </nav>
                {move || lessons.problem.get().map(|p| view! { <p class="tp-error" role="alert">{p}</p> })}
                {step_words}
            </article>
            <div class="tp-lesson-tasks" hidden=move || lessons.steps() == 0>
                {step_tasks}
                <div class="tp-stepper">
                    <button
                        type="button"
                        class="tp-button"
                        data-testid="lesson-prev"
                        on:click=prev
                        disabled=move || { lessons.step.get() <= range().0 }
                    >
                        "← Previous"
                    </button>
                    <span class="tp-progress" data-testid="lesson-progress" aria-live="polite">
                        // Nothing to count before a lesson is loaded (never "1 / 0").
                        {move || match lessons.steps() {
                            0 => String::new(),
                            n => format!("{} / {n}", lessons.step.get()),
                        }}
                    </span>
                    <button
                        type="button"
                        class="tp-button tp-primary"
                        data-testid="lesson-next"
                        on:click=next
                        disabled=move || { lessons.step.get() >= range().1 }
                    >
                        "Next →"
                    </button>
                </div>
                // The end of the lesson is said, not only a Next that stops working.
                {move || {
                    let last = lessons.steps() > 0 && lessons.step.get() == lessons.steps();
                    (on_page && last).then(|| view! { <LessonDone/> })
                }}
            </div>
        </div>
    }
}
