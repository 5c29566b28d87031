//! A predict-then-check question: the result stays hidden until the
//! learner answers (or asks to see the answer).

use super::host::Host;
use super::lesson_view::LessonState;
use super::prose::InlineProse;
use super::state::{CellRef, PlaygroundState};
use crate::lesson::{
    Answer, Feedback, Question, QuestionKind, Verdict, asked_element, check_answer, revealed_answer,
};
use crate::session::messages::Event;
use crate::tensor::lineage::Marks;
use leptos::prelude::*;

/// One question of a lesson step.
#[component]
pub fn QuestionPanel(
    /// The question.
    question: Question,
    /// Which lesson step it belongs to (a new step starts afresh).
    #[prop(into)]
    key: String,
) -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let lessons = expect_context::<LessonState>();
    let host = expect_context::<Host>();
    let feedback = RwSignal::new(None::<Feedback>);
    let done = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<usize>::new());
    let is_cells = matches!(question.kind, QuestionKind::Cells { .. });
    let is_shape = matches!(question.kind, QuestionKind::Shape);
    let key = StoredValue::new(key);

    // Predict first: while open, hide the result (for a shape question, all
    // of it), and for a cells question turn clicks into picks.
    let open = move |open: bool| {
        state.conceal.set(open);
        state.withhold_result.set(open && is_shape);
        state.picking.set(open && is_cells);
    };
    open(true);
    state.picked.set(Marks::new());
    on_cleanup(move || open(false));

    // The element the question talks about is marked, in whichever
    // drawing is on screen (the learner may change the program).
    let asked = StoredValue::new(asked_element(&question));
    let asked_cell = move || {
        asked.with_value(|asked| {
            let asked = asked.as_ref()?;
            state.drawing.with(|s| asked.resolve(s.grids()).map(|(g, flat)| CellRef { node: g.node, flat }))
        })
    };
    Effect::new(move |_| state.asked.set(asked_cell()));
    on_cleanup(move || state.asked.set(None));

    // Every answer is an event for the host page: correct, wrong or revealed.
    let report = move |result: &'static str| {
        let Some(lesson) = lessons.id() else { return };
        host.emit(Event::Answer { lesson, step: lessons.step.get_untracked(), result: result.to_string() });
    };
    // Once answered (or shown), a cells question's picks give way to the
    // asked output pinned: its sources light up through lineage, and the
    // picks do not stay lit beside what the walk-through lights.
    let finish = move || {
        done.set(true);
        open(false);
        if is_cells {
            state.picked.set(Marks::new());
            if let Some(cell) = untrack(asked_cell) {
                state.pinned.set(Some(cell));
            }
        }
        lessons.answered.set(Some(key.get_value()));
    };
    let asked_question = question.clone();
    let check = move |_| {
        let answer = match &asked_question.kind {
            QuestionKind::Cells { .. } => Answer::Cells(state.picked.get_untracked()),
            QuestionKind::Shape | QuestionKind::Print => Answer::Typed(typed.get_untracked()),
            QuestionKind::Choice { .. } => Answer::Chosen(chosen.get_untracked()),
        };
        let f = state.session.with_untracked(|s| check_answer(s, &asked_question, &answer));
        let correct = f.verdict == Verdict::Correct;
        feedback.set(Some(f));
        report(if correct { "correct" } else { "wrong" });
        if correct {
            finish();
        }
    };
    let asked_question = question.clone();
    let reveal = move |_| {
        let answer = state.session.with_untracked(|s| revealed_answer(s, &asked_question));
        feedback.set(Some(Feedback { verdict: Verdict::Shown, message: format!("The answer: {answer}") }));
        report("revealed");
        finish();
    };

    let input = match &question.kind {
        QuestionKind::Cells { .. } => view! {
            <p class="tp-hint-line">
                "Click cells of the input to pick them ("
                {move || state.picked.with(Marks::len)}
                " picked)."
            </p>
        }
        .into_any(),
        QuestionKind::Shape => view! {
            <input
                class="tp-answer"
                type="text"
                aria-label="Your answer: a shape such as torch.Size([4])"
                placeholder="torch.Size([...])"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
        }
        .into_any(),
        QuestionKind::Print => view! {
            <textarea
                class="tp-answer"
                rows="2"
                aria-label="Your answer: what it prints"
                spellcheck="false"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any(),
        QuestionKind::Choice { options } => {
            let several = options.iter().filter(|o| o.right).count() > 1;
            let kind = if several { "checkbox" } else { "radio" };
            // The options form one group named by the question, so a
            // screen reader says what "1, radio button" is an answer to.
            let (role, label) =
                if several { ("group", "Your answers") } else { ("radiogroup", "Your answer") };
            let label = format!("{label}: {}", question.prompt.replace('`', ""));
            let options = options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let text = option.text.clone();
                    let toggle = move |_| {
                        chosen.update(|c| {
                            if !several {
                                c.clear();
                                c.push(i);
                            } else if let Some(at) = c.iter().position(|&o| o == i) {
                                c.remove(at);
                            } else {
                                c.push(i);
                            }
                        })
                    };
                    view! {
                        <label class="tp-option">
                            <input type=kind name="tp-choice" prop:checked=move || chosen.with(|c| c.contains(&i)) on:change=toggle/>
                            // One flex item: the words and code of the option flow as a line.
                            <span><InlineProse text=text.clone()/></span>
                        </label>
                    }
                })
                .collect_view();
            view! { <div role=role aria-label=label class="tp-options">{options}</div> }.into_any()
        }
    };
    let feedback_view = move || {
        feedback.get().map(|f| {
            let class = match f.verdict {
                Verdict::Correct => "tp-feedback tp-right",
                Verdict::Wrong => "tp-feedback tp-wrong",
                // Asking to be shown is not a mistake: no cross.
                Verdict::Shown => "tp-feedback tp-shown",
            };
            view! { <p class=class data-testid="feedback"><InlineProse text=f.message/></p> }
        })
    };
    // Why the answer is what it is: said once it is known, never before.
    let explain = question.explain.clone();
    let explain_view = move || {
        let text = explain.clone().filter(|_| done.get())?;
        Some(view! { <p class="tp-explain" data-testid="explain"><InlineProse text=text/></p> })
    };
    // An answer is judged against the run of the program as it is now: while
    // that program is still running (a step just opened, a slow worker),
    // the session is the last step's, and Check would judge against it.
    let waiting = Memo::new(move |_| {
        state.busy.get()
            || (state.halt.with(Option::is_none)
                && state.session.with(|s| state.code.with(|c| s.source() != c.as_str())))
    });
    view! {
        <section class="tp-question" aria-label="Question" data-testid="question">
            <p class="tp-prompt"><strong>"Predict: "</strong><InlineProse text=question.prompt.clone()/></p>
            {input}
            <div class="tp-question-buttons">
                <button type="button" class="tp-button tp-primary" data-testid="check" on:click=check disabled=move || done.get() || waiting.get()>
                    "Check"
                </button>
                <button type="button" class="tp-button" data-testid="reveal" on:click=reveal disabled=move || done.get() || waiting.get()>
                    "Show me"
                </button>
            </div>
            // One status region, so that a screen reader says the verdict
            // and the reason together.
            <div role="status">{feedback_view} {explain_view}</div>
        </section>
    }
}
