//! Lesson progress, remembered per lesson in local storage.

use leptos::prelude::window;

/// Where a learner is in one lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// The step they were on last (1-based).
    pub last: usize,
    /// The furthest step they reached (1-based).
    pub furthest: usize,
}

fn key(lesson: &str) -> String {
    format!("tensor-playground:progress:{lesson}")
}

/// The remembered progress in `lesson`, if any.
pub fn load(lesson: &str) -> Option<Progress> {
    let text = window().local_storage().ok()??.get_item(&key(lesson)).ok()??;
    let (last, furthest) = text.split_once(',')?;
    Some(Progress { last: last.parse().ok()?, furthest: furthest.parse().ok()? })
}

/// Remembers that the learner is on `step` of `lesson`.
pub fn visit(lesson: &str, step: usize) {
    let furthest = load(lesson).map_or(step, |p| p.furthest.max(step));
    if let Some(storage) = window().local_storage().ok().flatten() {
        // Storage may be disabled or full; progress is a convenience.
        let _ = storage.set_item(&key(lesson), &format!("{step},{furthest}"));
    }
}
