//! The walk-through's motion: the values of a lane travel, one after the
//! other, from their cells into the output element being filled, whose
//! running result (1, 3, 6 for a sum) builds up as they land. Drawn in a
//! layer over the page and timed by the stylesheet alone (no timers to
//! stop); learners who ask for reduced motion get the stepped
//! walk-through without it.

use crate::lesson::Frame;
use crate::tensor::lineage::NodeId;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// How long one value takes to travel, in milliseconds.
const FLIGHT_MS: f64 = 420.0;
/// The most time between two values setting off, in milliseconds: a
/// frame's values all arrive within its 900 ms.
const STAGGER_MS: f64 = 130.0;
/// The most values that travel; a longer lane sends its first ones.
const MOST: usize = 8;

/// Plays `frame`'s motion in `layer` (a fixed, full-page element of the
/// playground's), finding cells in `root` (the playground); `index_of`
/// names a cell's `data-index`.
pub fn play(
    layer: &web_sys::Element,
    root: &web_sys::Element,
    frame: &Frame,
    index_of: impl Fn(NodeId, usize) -> Option<String>,
) {
    layer.set_text_content(None);
    let cell = |(node, flat): (NodeId, usize)| -> Option<web_sys::Element> {
        let selector =
            format!("[data-node=\"{node}\"] [role=gridcell][data-index=\"{}\"]", index_of(node, flat)?);
        root.query_selector(&selector).ok().flatten()
    };
    let Some(target) = cell(frame.focus) else { return };
    let to = target.get_bounding_client_rect();
    let travel: Vec<_> = frame.travel.iter().take(MOST).filter_map(|&c| cell(c)).collect();
    let stagger = if travel.len() > 1 { STAGGER_MS.min(450.0 / (travel.len() - 1) as f64) } else { 0.0 };
    let Some(document) = layer.owner_document() else { return };
    for (i, from) in travel.iter().enumerate() {
        let at = from.get_bounding_client_rect();
        let text = from.text_content().unwrap_or_default();
        let Ok(chip) = document.create_element("span") else { continue };
        chip.set_class_name("tp-chip");
        chip.set_text_content(Some(text.trim()));
        let _ = chip.set_attribute(
            "style",
            &format!(
                "left: {:.1}px; top: {:.1}px; width: {:.1}px; height: {:.1}px; --tp-dx: {:.1}px; --tp-dy: {:.1}px; \
                 --tp-delay: {:.0}ms; --tp-flight: {FLIGHT_MS:.0}ms",
                at.left(),
                at.top(),
                at.width(),
                at.height(),
                to.left() - at.left(),
                to.top() - at.top(),
                i as f64 * stagger,
            ),
        );
        let _ = layer.append_child(&chip);
    }
    // The running result, over the output element: each value shows from
    // the moment its travel ends until the next one's does.
    // Until the first lands, the output element is blank; the last result
    // gives way to the element's own value (as PyTorch writes it) soon after.
    let landings = frame.running.len().min(travel.len());
    let blank = (landings > 0).then(String::new);
    for (i, value) in blank.iter().chain(frame.running.iter().take(landings)).enumerate() {
        let Ok(total) = document.create_element("span") else { continue };
        total.set_class_name("tp-running-total");
        total.set_text_content(Some(value));
        let landed = |k: usize| k as f64 * stagger + FLIGHT_MS;
        let start = if i == 0 { 0.0 } else { landed(i - 1) };
        let end = if i < landings { landed(i) } else { landed(i - 1) + 350.0 };
        let _ = total.set_attribute(
            "style",
            &format!(
                "left: {:.1}px; top: {:.1}px; width: {:.1}px; height: {:.1}px; --tp-from: {start:.0}ms; --tp-to: {end:.0}ms",
                to.left(),
                to.top(),
                to.width(),
                to.height(),
            ),
        );
        let _ = layer.append_child(&total);
    }
}

/// Clears whatever motion is under way.
pub fn clear(layer: &web_sys::Element) {
    layer.set_text_content(None);
}

/// The playground's motion layer, made on first use.
pub fn layer_in(root: &web_sys::Element) -> Option<web_sys::Element> {
    if let Ok(Some(layer)) = root.query_selector(":scope > .tp-motion") {
        return Some(layer);
    }
    let layer = root.owner_document()?.create_element("div").ok()?;
    layer.set_class_name("tp-motion");
    let _ = layer.set_attribute("aria-hidden", "true");
    root.append_child(&layer).ok()?;
    layer.dyn_into::<web_sys::Element>().ok()
}

/// Whether motion is off: the learner asked the system for reduced motion.
pub fn reduced() -> bool {
    window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches())
}
