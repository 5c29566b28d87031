//! The arrows of the data flow: from each grid to every grid computed from
//! it directly, drawn over the grids once they are laid out (and again
//! whenever their room changes).
//!
//! The grids stand in columns, one per stage of the flow
//! (`Flow::placement`), and the arrows run left to right. Where the columns
//! do not fit the room, the grids stack in one column in the order they
//! were computed and the arrows run downwards. An arrow that would pass
//! through another grid goes round it: over the top in columns, down the
//! left-hand gutter when stacked.

use wasm_bindgen::JsCast;

const SVG: &str = "http://www.w3.org/2000/svg";

/// A box relative to the grids' section.
#[derive(Debug, Clone, Copy)]
struct Rect {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Rect {
    /// Where an arrow leaves or enters it vertically: near the top, by its
    /// caption, so that tall grids do not send arrows far down.
    fn anchor_y(&self) -> f64 {
        self.top + ((self.bottom - self.top) / 2.0).min(34.0)
    }
}

/// Lays the grids of `section` out (in columns, or stacked when the
/// columns do not fit) and draws their arrows. `recheck`: whether they fit
/// in columns is measured again. That means laying every grid out in
/// columns first, so while a big grid is still being drawn a piece at a
/// time (its section growing taller with each piece, not wider), only the
/// arrows are redrawn: the last piece is measured as usual.
pub fn draw(section: &web_sys::HtmlElement, recheck: bool) {
    // The old arrows first: their layer, sized to the last drawing, would
    // count in the room measured below (and never let the section shrink).
    if let Ok(Some(old)) = section.query_selector(":scope > .tp-arrows") {
        old.remove();
    }
    let figures = figures(section);
    let filling = !recheck && matches!(section.query_selector("[role=grid][aria-busy=true]"), Ok(Some(_)));
    // Stacked only when the columns do not fit: measured with columns.
    let stacked = if filling {
        section.has_attribute("data-stacked")
    } else {
        if section.has_attribute("data-stacked") {
            let _ = section.remove_attribute("data-stacked");
        }
        let stacked = section.scroll_width() > section.client_width() + 1;
        if stacked {
            let _ = section.set_attribute("data-stacked", "");
        }
        stacked
    };
    let origin = section.get_bounding_client_rect();
    let boxes: Vec<(usize, Vec<usize>, Rect)> = figures
        .iter()
        .filter_map(|f| {
            let at = f.get_attribute("data-grid")?.parse().ok()?;
            let from =
                f.get_attribute("data-from")?.split_whitespace().filter_map(|s| s.parse().ok()).collect();
            let r = f.get_bounding_client_rect();
            let rect = Rect {
                left: r.left() - origin.left(),
                top: r.top() - origin.top(),
                right: r.right() - origin.left(),
                bottom: r.bottom() - origin.top(),
            };
            Some((at, from, rect))
        })
        .collect();
    let rect_of = |at: usize| boxes.iter().find(|(a, _, _)| *a == at).map(|(_, _, r)| *r);
    let mut paths = Vec::new();
    for (at, from, to) in &boxes {
        for &f in from {
            let Some(from_rect) = rect_of(f) else { continue };
            let others: Vec<Rect> =
                boxes.iter().filter(|(a, _, _)| *a != f && a != at).map(|(_, _, r)| *r).collect();
            paths.push(if stacked {
                downwards(from_rect, *to, &others)
            } else {
                rightwards(from_rect, *to, &others)
            });
        }
    }
    paint(section, &paths);
}

/// The grid figures of the section.
fn figures(section: &web_sys::HtmlElement) -> Vec<web_sys::Element> {
    let Ok(list) = section.query_selector_all(":scope > [data-grid]") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok()).collect()
}

/// An arrow between columns: a curve, or, past grids in between, a route
/// over their tops.
fn rightwards(a: Rect, b: Rect, others: &[Rect]) -> String {
    let (x1, y1, x2, y2) = (a.right + 3.0, a.anchor_y(), b.left - 4.0, b.anchor_y());
    let (low, high) = (y1.min(y2) - 8.0, y1.max(y2) + 8.0);
    let blocking: Vec<&Rect> =
        others.iter().filter(|r| r.right > x1 && r.left < x2 && r.bottom > low && r.top < high).collect();
    if blocking.is_empty() {
        let mid = (x1 + x2) / 2.0;
        return format!(
            "M{} {} C{} {} {} {} {} {}",
            px(x1),
            px(y1),
            px(mid),
            px(y1),
            px(mid),
            px(y2),
            px(x2),
            px(y2)
        );
    }
    let top = blocking.iter().map(|r| r.top).fold(a.top.min(b.top), f64::min) - 10.0;
    let (y1, y2) = (a.top + 14.0, b.top + 14.0);
    format!(
        "M{} {} H{} V{} H{} V{} H{}",
        px(x1),
        px(y1),
        px(x1 + 8.0),
        px(top),
        px(x2 - 10.0),
        px(y2),
        px(x2)
    )
}

/// An arrow down a stack: straight, or, past grids in between, down the
/// left-hand gutter.
fn downwards(a: Rect, b: Rect, others: &[Rect]) -> String {
    let blocked = others.iter().any(|r| r.top >= a.bottom && r.bottom <= b.top);
    if !blocked {
        let x = a.left.max(b.left) + 22.0;
        return format!("M{} {} V{}", px(x), px(a.bottom + 2.0), px(b.top - 4.0));
    }
    let gutter = (a.left.min(b.left) - 9.0).max(2.0);
    let (y1, y2) = (a.top + 14.0, b.top + 14.0);
    format!("M{} {} H{} V{} H{}", px(a.left - 1.0), px(y1), px(gutter), px(y2), px(b.left - 4.0))
}

fn px(v: f64) -> String {
    format!("{}", (v * 10.0).round() / 10.0)
}

/// Draws the section's arrow layer with `paths` (the old one is gone).
fn paint(section: &web_sys::HtmlElement, paths: &[String]) {
    let Some(document) = section.owner_document() else { return };
    let Ok(svg) = document.create_element_ns(Some(SVG), "svg") else { return };
    let _ = svg.set_attribute("class", "tp-arrows");
    let _ = svg.set_attribute("aria-hidden", "true");
    let _ = svg.set_attribute("width", &section.scroll_width().to_string());
    let _ = svg.set_attribute("height", &section.scroll_height().to_string());
    let mut markup = String::from(
        "<defs><marker id=\"tp-arrowhead\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\"/></marker></defs>",
    );
    for d in paths {
        markup.push_str(&format!("<path d=\"{d}\" marker-end=\"url(#tp-arrowhead)\"/>"));
    }
    svg.set_inner_html(&markup);
    let _ = section.prepend_with_node_1(&svg);
}
