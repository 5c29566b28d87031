//! One tensor drawn as a grid of cells, with its name, shape and axes.

use super::state::{CellRef, Change, PlaygroundState};
use crate::session::navigation::{Move, step};
use crate::session::{Grid, GridRole};
use crate::tensor::DType;
use leptos::ev;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// How a cell is lit, as the attributes of contract section 3 say it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Lit {
    active: bool,
    source: bool,
    winner: bool,
    target: bool,
}

/// A tensor's grid: caption, axes and cells (contract sections 2 and 3).
#[component]
pub fn TensorGrid(
    /// The tensor to draw.
    grid: Rc<Grid>,
    /// Where each element is written in the program, if the learner may edit it.
    editable: bool,
    /// Tints of show-all mode, shared by every grid of the drawing.
    tints: Rc<HashMap<(usize, usize), Option<usize>>>,
) -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let node = grid.node;
    let role = grid.role;
    let shape = grid.shape().to_vec();
    let rank = shape.len();
    let positions: Vec<Vec<Option<usize>>> = (0..rank).map(|k| grid.positions(k)).collect();
    let name = grid.name.clone();
    let size_text =
        format!("torch.Size([{}])", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "));
    let data_shape = shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",");
    let role_class = match grid.role {
        GridRole::Input => "tp-grid tp-input",
        GridRole::Step => "tp-grid tp-step",
        GridRole::Result => "tp-grid tp-result",
    };
    let dtype = grid.dtype();
    // As in PyTorch's repr: only dtypes other than the defaults are named.
    let dtype_note =
        (!matches!(dtype, DType::Float32 | DType::Int64 | DType::Bool)).then(|| format!("dtype={dtype}"));
    // The cell that Tab lands on; arrow keys move it.
    let first_cell = first_index(&positions);
    let roving = RwSignal::new(grid.flat(&first_cell));
    let editing = RwSignal::new(None::<usize>);

    let cell_view = {
        let grid = Rc::clone(&grid);
        let tints = Rc::clone(&tints);
        move |index: Vec<usize>| {
            let flat = grid.flat(&index);
            let cell = CellRef { node, flat };
            let text = grid.text(&index);
            let tint = tints.get(&(node, flat)).copied();
            let data_index = index.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
            let lit = Memo::new(move |_| {
                state.highlight.with(|h| match h {
                    None => Lit::default(),
                    Some((active, lit)) => {
                        let has = |m: &crate::tensor::lineage::Marks| {
                            m.get(&node).is_some_and(|s| s.contains(&flat))
                        };
                        Lit {
                            active: *active == cell,
                            source: has(&lit.sources),
                            winner: has(&lit.winners),
                            target: has(&lit.targets),
                        }
                    }
                })
            });
            let flag = move |f: fn(&Lit) -> bool| move || f(&lit.get()).then_some("true");
            let tint_attr = move || {
                state.show_all.get().then(|| match tint {
                    Some(Some(k)) => (k % 8).to_string(),
                    Some(None) => "shared".to_string(),
                    None => "none".to_string(),
                })
            };
            let is_result = role == GridRole::Result;
            let is_input = role == GridRole::Input;
            // Predict first: a question hides the result; the walk-through
            // fills it in one element at a time.
            let hidden = move || {
                is_result && (state.conceal.get() || state.revealed.get().is_some_and(|shown| flat >= shown))
            };
            let shown_text = {
                let text = text.clone();
                move || {
                    if hidden() {
                        if state.conceal.get() { "?".to_string() } else { String::new() }
                    } else {
                        text.clone()
                    }
                }
            };
            let commit = move |text: String| {
                editing.set(None);
                let edited = state.drawing.with_untracked(|s| s.with_element(node, flat, &text));
                if let Ok(code) = edited {
                    state.set_code(code, Change::Deliberate);
                }
            };
            view! {
                <div
                    role="gridcell"
                    class="tp-cell"
                    data-index=data_index
                    data-active=flag(|l| l.active)
                    data-source=flag(|l| l.source)
                    data-winner=flag(|l| l.winner)
                    data-target=flag(|l| l.target)
                    data-tint=tint_attr
                    data-picked=move || state.picked.with(|p| p.contains(&cell)).then_some("true")
                    data-best=move || (state.best.get() == Some(cell)).then_some("true")
                    data-pending=move || hidden().then_some("true")
                    aria-selected=move || (state.pinned.get() == Some(cell)).to_string()
                    tabindex=move || if roving.get() == flat { "0" } else { "-1" }
                    on:mouseenter=move |_| state.hover(Some(cell))
                    on:mouseleave=move |_| state.hover(None)
                    on:focus=move |_| {
                        roving.set(flat);
                        state.hover(Some(cell));
                    }
                    on:blur=move |_| state.hover(None)
                    on:click=move |_| {
                        if state.picking.get_untracked() {
                            if is_input {
                                state.toggle_pick(cell);
                            }
                        } else {
                            state.toggle_pin(cell);
                        }
                    }
                    on:dblclick=move |_| {
                        if editable && state.session.with_untracked(|s| s.run().error.is_none()) {
                            editing.set(Some(flat));
                        }
                    }
                >
                    {move || match editing.get() == Some(flat) {
                        true => {
                            let current = text.clone();
                            // The learner double-clicked (or pressed F2) to type a
                            // new value: the field takes the focus, its text selected.
                            let field = NodeRef::<leptos::html::Input>::new();
                            field.on_load(|input| {
                                let _ = input.focus();
                                input.select();
                            });
                            view! {
                                <input
                                    node_ref=field
                                    class="tp-cell-input"
                                    aria-label="new value"
                                    value=current
                                    on:keydown=move |ev: ev::KeyboardEvent| {
                                        ev.stop_propagation();
                                        match ev.key().as_str() {
                                            "Enter" => commit(event_target_value(&ev)),
                                            "Escape" => editing.set(None),
                                            _ => {}
                                        }
                                    }
                                    // Leaving the field keeps the value; Escape (which has
                                    // already closed it) and Enter (which has committed)
                                    // must not commit again when the field goes away.
                                    on:blur=move |ev| {
                                        if editing.get_untracked() == Some(flat) {
                                            commit(event_target_value(&ev));
                                        }
                                    }
                                    on:click=move |ev| ev.stop_propagation()
                                />
                            }
                            .into_any()
                        }
                        false => view! { <span class="tp-value">{shown_text.clone()}</span> }.into_any(),
                    }}
                </div>
            }
        }
    };

    let on_keydown = {
        let positions = positions.clone();
        let grid = Rc::clone(&grid);
        move |ev: ev::KeyboardEvent| {
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
                return;
            };
            let Some(index_text) = target.get_attribute("data-index") else { return };
            let index: Vec<usize> =
                index_text.split(',').filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
            let flat = grid.flat(&index);
            match ev.key().as_str() {
                "Enter" | " " => {
                    ev.prevent_default();
                    let cell = CellRef { node, flat };
                    if !state.picking.get_untracked() {
                        state.toggle_pin(cell);
                    } else if role == GridRole::Input {
                        state.toggle_pick(cell);
                    }
                }
                "F2" if editable => editing.set(Some(flat)),
                "Escape" => state.pinned.set(None),
                key => {
                    let Some(to) = Move::from_key(key).and_then(|mv| step(&positions, &index, mv)) else {
                        return;
                    };
                    ev.prevent_default();
                    let selector = format!(
                        "[data-index=\"{}\"]",
                        to.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
                    );
                    if let Some(grid_el) =
                        ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        && let Ok(Some(next)) = grid_el.query_selector(&selector)
                        && let Ok(next) = next.dyn_into::<web_sys::HtmlElement>()
                    {
                        let _ = next.focus();
                    }
                }
            }
        }
    };

    let hidden = {
        // Reactive closures must be Send; the grid stays on this thread.
        let grid = StoredValue::new_local(Rc::clone(&grid));
        move || {
            let grid = grid.get_value();
            if !grid.summarized() {
                return None;
            }
            state.highlight.with(|h| {
                let (_, lit) = h.as_ref()?;
                let count = |m: &crate::tensor::lineage::Marks| {
                    m.get(&node).map_or(0, |s| s.iter().filter(|&&f| !grid.is_drawn(f)).count())
                };
                let (sources, targets) = (count(&lit.sources), count(&lit.targets));
                let mut parts = Vec::new();
                if sources > 0 {
                    parts.push(format!("+ {sources} more sources"));
                }
                if targets > 0 {
                    parts.push(format!("+ {targets} more targets"));
                }
                (!parts.is_empty()).then(|| parts.join(", "))
            })
        }
    };

    let axes = Axes { reduced: grid.reduced_dims.clone(), kept: grid.kept_dims.clone() };
    let body = layout(&positions, &shape, &name, &axes, cell_view);
    let label = format!("{name}, {size_text}");
    view! {
        <figure class=role_class data-testid="tensor-grid" data-name=name.clone() data-shape=data_shape>
            <figcaption>
                <code class="tp-name">{name.clone()}</code>
                <span class="tp-size">{size_text}</span>
                {dtype_note.map(|d| view! { <span class="tp-dtype">{d}</span> })}
            </figcaption>
            <div class="tp-grid-body" role="grid" aria-label=label on:keydown=on_keydown>
                {body}
            </div>
            <p class="tp-hidden" aria-hidden="true">{hidden}</p>
        </figure>
    }
}

/// The first drawn index (all zeros, or the scalar's empty index).
fn first_index(positions: &[Vec<Option<usize>>]) -> Vec<usize> {
    positions.iter().map(|p| p.iter().flatten().next().copied().unwrap_or(0)).collect()
}

/// What the axis captions say about the dims.
struct Axes {
    /// Dims a reduction drawn next collapses.
    reduced: Vec<usize>,
    /// Dims a reduction kept as size 1 (`keepdim=True`).
    kept: Vec<usize>,
}

/// Axis caption: which dim runs along this axis, its size, and whether the
/// next reduction collapses it (or this one kept it).
fn axis_label(k: usize, size: usize, axes: &Axes, direction: &str) -> impl IntoView + use<> {
    let (class, note) = if axes.reduced.contains(&k) {
        ("tp-axis tp-axis-reduced", ", reduced")
    } else if axes.kept.contains(&k) {
        ("tp-axis tp-axis-kept", ", kept")
    } else {
        ("tp-axis", "")
    };
    let text = format!("dim {k} {direction} size {size}{note}");
    view! { <span class=class data-dim=k.to_string()>{text}</span> }
}

/// Lays the cells out by rank: a cell, a row, a matrix, a stack of
/// matrices (rank 3) or a grid of matrices (rank 4 and up).
fn layout<V: IntoView + 'static>(
    positions: &[Vec<Option<usize>>],
    shape: &[usize],
    name: &str,
    axes: &Axes,
    cell: impl Fn(Vec<usize>) -> V + Clone + 'static,
) -> AnyView {
    let rank = shape.len();
    match rank {
        0 => view! { <div role="row" class="tp-row">{cell(Vec::new())}</div> }.into_any(),
        1 => {
            let row = matrix_row(&positions[0], Vec::new(), cell);
            view! {
                <div class="tp-matrix">
                    <div class="tp-col-axis">{axis_label(0, shape[0], axes, "→")}</div>
                    {row}
                </div>
            }
            .into_any()
        }
        _ => {
            let outer_dims = rank - 2;
            let blocks = outer_indices(&positions[..outer_dims]);
            let row_dim = rank - 2;
            let col_dim = rank - 1;
            let block_views = blocks
                .into_iter()
                .map(|outer| match outer {
                    None => view! { <div class="tp-block-gap" aria-hidden="true">"⋯"</div> }.into_any(),
                    Some(prefix) => {
                        let title = (!prefix.is_empty()).then(|| {
                            format!(
                                "{name}[{}]",
                                prefix.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
                            )
                        });
                        let rows = positions[row_dim]
                            .iter()
                            .map(|p| match p {
                                None => view! { <div class="tp-row tp-row-gap" aria-hidden="true">"⋮"</div> }
                                    .into_any(),
                                Some(i) => {
                                    let mut base = prefix.clone();
                                    base.push(*i);
                                    matrix_row(&positions[col_dim], base, cell.clone()).into_any()
                                }
                            })
                            .collect_view();
                        let aria = title.clone();
                        let class = if title.is_some() { "tp-block tp-block-titled" } else { "tp-block" };
                        view! {
                            <div class=class role="rowgroup" aria-label=aria>
                                {title.map(|t| view! { <div class="tp-block-title">{t}</div> })}
                                {rows}
                            </div>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            let outer_axes =
                (0..outer_dims).map(|k| axis_label(k, shape[k], axes, "⇣ blocks")).collect_view();
            let block_class = if rank >= 4 { "tp-blocks tp-blocks-2d" } else { "tp-blocks" };
            let columns = if rank >= 4 { positions[1].len() } else { 1 };
            view! {
                <div class="tp-matrix">
                    <div class="tp-outer-axes">{outer_axes}</div>
                    <div class="tp-col-axis">{axis_label(col_dim, shape[col_dim], axes, "→")}</div>
                    <div class="tp-row-axis">{axis_label(row_dim, shape[row_dim], axes, "↓")}</div>
                    <div class=block_class style=format!("--tp-block-columns: {columns}")>{block_views}</div>
                </div>
            }
            .into_any()
        }
    }
}

/// One row of cells along the last dim, with `…` for a summarised gap.
fn matrix_row<V: IntoView + 'static>(
    columns: &[Option<usize>],
    prefix: Vec<usize>,
    cell: impl Fn(Vec<usize>) -> V + 'static,
) -> AnyView {
    let cells = columns
        .iter()
        .map(|c| match c {
            None => view! { <div class="tp-gap" aria-hidden="true">"…"</div> }.into_any(),
            Some(j) => {
                let mut index = prefix.clone();
                index.push(*j);
                cell(index).into_any()
            }
        })
        .collect_view();
    view! { <div role="row" class="tp-row">{cells}</div> }.into_any()
}

/// The blocks of a rank >= 3 tensor: every drawn combination of the outer
/// dims, with `None` for a summarised gap in the first outer dim.
fn outer_indices(positions: &[Vec<Option<usize>>]) -> Vec<Option<Vec<usize>>> {
    let mut combos: Vec<Option<Vec<usize>>> = vec![Some(Vec::new())];
    for (k, dim) in positions.iter().enumerate() {
        let mut next = Vec::new();
        for combo in &combos {
            match combo {
                None => next.push(None),
                Some(prefix) => {
                    for p in dim {
                        match p {
                            Some(i) => {
                                let mut v = prefix.clone();
                                v.push(*i);
                                next.push(Some(v));
                            }
                            // Later dims' gaps only matter once per block row.
                            None if k == 0 || !next.last().is_some_and(Option::is_none) => next.push(None),
                            None => {}
                        }
                    }
                }
            }
        }
        combos = next;
    }
    combos
}
