//! Turns what happens in a playground into events for its host page:
//! program changes and the active cell (lesson steps and answers are
//! reported where they happen).

use super::host::Host;
use super::state::PlaygroundState;
use crate::session::messages::Event;
use leptos::prelude::*;

/// Reports `change` when the program changes and `select` when the active
/// cell changes (with its sources), from now on.
pub fn watch(state: PlaygroundState, host: Host) {
    Effect::new(move |previous: Option<()>| {
        let code = state.code.get();
        // The first run only records the program `ready` already announced.
        if previous.is_some() {
            host.emit(Event::Change { code });
        }
    });
    let active = Memo::new(move |_| state.highlight.with(|h| h.as_ref().map(|(cell, _)| *cell)));
    Effect::new(move |previous: Option<()>| {
        let cell = active.get();
        if previous.is_none() && cell.is_none() {
            return;
        }
        let event = match cell {
            None => Event::Unselect,
            Some(c) => state.drawing.with_untracked(|s| {
                let tensor = s.run().graph.node(c.node).label.clone();
                let index = s.run().graph.node(c.node).shape.unravel(c.flat);
                let sources = s.leaf_sources(c.node, c.flat).into_iter().map(|e| (e.name, e.index)).collect();
                Event::Select { tensor, index, sources }
            }),
        };
        host.emit(event);
    });
}
