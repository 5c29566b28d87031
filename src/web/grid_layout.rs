//! How one grid's cells are laid out, with what tells a learner where
//! each one is (contract section 6): the index ticks along every dim, one
//! axis caption per dim with its key (the same dim of the data flow has
//! the same letter and colour in every grid), and, for an operand that is
//! broadcast, the copies it is stretched with.
//!
//! Rank decides the arrangement: a cell, a row, a matrix, a stack of
//! matrices (rank 3) or a grid of matrices (rank 4 and up), each matrix a
//! block titled with its index (`t[0, 1]`) along the outer dims.

use crate::session::describe::indexable;
use crate::session::flow::key_name;
use crate::session::navigation::blocks_across;
use leptos::prelude::*;

/// What one drawn dim is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawnDim {
    /// The grid's own dim it draws; `None` for a dim only its broadcast
    /// copies have (a `[4]` operand drawn stretched to `[3, 4]`).
    pub own: Option<usize>,
    /// The grid's own size along it (1 where it is stretched, or for a new dim).
    pub size: usize,
    /// The drawn positions along it; `None` is a summarised gap.
    pub positions: Vec<Option<usize>>,
    /// In a heatmap, only every `major`th tick is labelled.
    pub major: Option<usize>,
}

/// What one of the grid's own dims is, for its caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisInfo {
    /// Its key in the data flow.
    pub key: usize,
    /// The other grid's dim it is, when numbered differently (`t's dim 2`).
    pub origin: Option<String>,
    /// A reduction drawn after this grid collapses it.
    pub reduced: bool,
    /// Its own reduction kept it as size 1.
    pub kept: bool,
    /// It is size 1 and drawn stretched to this size.
    pub stretched_to: Option<usize>,
}

/// The plan of one grid's drawing.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The grid's name (block titles index it).
    pub name: String,
    /// The dims as drawn, outermost first.
    pub dims: Vec<DrawnDim>,
    /// The grid's own dims' captions.
    pub axes: Vec<AxisInfo>,
}

impl Plan {
    /// Whether the cell drawn at `at` is a real element (not a broadcast copy).
    pub fn is_real(&self, at: &[usize]) -> bool {
        self.dims.iter().zip(at).all(|(d, &i)| i == 0 || (d.own.is_some() && d.size > 1))
    }

    /// The grid's own index of the element drawn at `at`.
    pub fn own_index(&self, at: &[usize]) -> Vec<usize> {
        self.dims
            .iter()
            .zip(at)
            .filter(|(d, _)| d.own.is_some())
            .map(|(d, &i)| if d.size == 1 { 0 } else { i })
            .collect()
    }

    /// The drawn positions of each drawn dim.
    pub fn positions(&self) -> Vec<Vec<Option<usize>>> {
        self.dims.iter().map(|d| d.positions.clone()).collect()
    }
}

/// The class naming a key's colour (eight colours, repeating; the letter
/// tells keys apart where colours repeat or cannot be seen).
fn key_class(key: usize) -> String {
    format!("tp-dim-{}", key % 8)
}

/// One index tick: the position `at` along drawn dim `dim`. Ticks of the
/// grid's own positions carry the contract's `index-tick`; those of
/// broadcast copies are drawn fainter and carry nothing.
fn tick(plan: &Plan, dim: usize, at: usize, class: &'static str) -> AnyView {
    let d = &plan.dims[dim];
    let real = d.own.filter(|_| at < d.size);
    let mut colour = d.own.map(|k| key_class(plan.axes[k].key)).unwrap_or_default();
    let last = d.positions.iter().flatten().max().copied().unwrap_or(0);
    if d.major.is_some_and(|step| at.is_multiple_of(step) || at == last) {
        colour.push_str(" tp-tick-major");
    }
    match real {
        Some(k) => view! {
            <span class=format!("tp-tick {class} {colour}") data-testid="index-tick" data-dim=k.to_string()
                data-at=at.to_string() aria-hidden="true">{at.to_string()}</span>
        }
        .into_any(),
        None => view! {
            <span class=format!("tp-tick {class} tp-tick-copy {colour}") aria-hidden="true">{at.to_string()}</span>
        }
        .into_any(),
    }
}

/// The caption of drawn dim `dim`: the dim, its key, its size, and what
/// happens to it.
fn axis_label(plan: &Plan, dim: usize, direction: &str) -> AnyView {
    let d = &plan.dims[dim];
    let Some(k) = d.own else {
        // A dim only the copies have: broadcasting added it.
        let n = d.positions.iter().flatten().count();
        return view! {
            <span class="tp-axis tp-axis-copies">{format!("{direction} {n} broadcast copies")}</span>
        }
        .into_any();
    };
    let axis = &plan.axes[k];
    let class = match () {
        _ if axis.reduced => "tp-axis tp-axis-reduced",
        _ if axis.kept => "tp-axis tp-axis-kept",
        _ => "tp-axis",
    };
    let notes: Vec<String> = [
        axis.reduced.then(|| "reduced".to_string()),
        axis.kept.then(|| "kept".to_string()),
        axis.stretched_to.map(|n| format!("broadcast to {n}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let note = (!notes.is_empty()).then(|| notes.join(", "));
    let origin = axis.origin.as_ref().map(|o| format!(" (from {o})")).unwrap_or_default();
    let comma = if note.is_some() { "," } else { "" };
    let text = format!("dim {k}{origin} {direction} size {}{comma}", d.size);
    // The note in a span of its own: beside rows, where the caption runs
    // upwards, it takes a second line rather than outgrowing short rows.
    let note = note.map(|n| view! { <span class="tp-axis-note">{format!(" {n}")}</span> });
    let letter = key_name(axis.key);
    view! {
        <span class=format!("{class} {}", key_class(axis.key)) data-testid="axis" data-dim=k.to_string()
            data-dim-key=letter.clone()>
            <span class="tp-key" title=format!("the same dim is {letter} in every grid")>{letter.clone()}</span>
            {text}{note}
        </span>
    }
    .into_any()
}

/// Lays the cells out by rank; `cell` draws the cell at a drawn index.
pub fn layout(plan: &Plan, cell: impl Fn(Vec<usize>) -> AnyView + Clone + 'static) -> AnyView {
    let rank = plan.dims.len();
    match rank {
        0 => view! { <div role="row" class="tp-row">{cell(Vec::new())}</div> }.into_any(),
        1 => {
            let row = matrix_row(plan, None, Vec::new(), cell);
            view! {
                <div class="tp-matrix">
                    <div class="tp-col-axis">{axis_label(plan, 0, "→")}</div>
                    <div class="tp-block">{col_ticks(plan, false)}{row}</div>
                </div>
            }
            .into_any()
        }
        _ => {
            let outer_dims = rank - 2;
            let across = blocks_across(rank);
            let (row_dim, col_dim) = (rank - 2, rank - 1);
            let positions = plan.positions();
            let block_views = outer_blocks(&positions[..outer_dims])
                .into_iter()
                .map(|block| match block {
                    // A gap across takes one block's place; any other fills its row.
                    Block::Gap { dim } if Some(dim) == across => {
                        view! { <div class="tp-block-gap" aria-hidden="true">"⋯"</div> }.into_any()
                    }
                    Block::Gap { .. } => {
                        view! { <div class="tp-block-gap tp-block-gap-row" aria-hidden="true">"⋮"</div> }
                            .into_any()
                    }
                    Block::Matrix(prefix) => matrix(plan, prefix, row_dim, cell.clone()),
                })
                .collect_view();
            let outer_axes = (0..outer_dims)
                .map(|k| axis_label(plan, k, if Some(k) == across { "⇢ blocks" } else { "⇣ blocks" }))
                .collect_view();
            let block_class = if across.is_some() { "tp-blocks tp-blocks-2d" } else { "tp-blocks" };
            let columns = across.map_or(1, |k| positions[k].len());
            view! {
                <div class="tp-matrix">
                    <div class="tp-outer-axes">{outer_axes}</div>
                    <div class="tp-col-axis">{axis_label(plan, col_dim, "→")}</div>
                    <div class="tp-row-axis">{axis_label(plan, row_dim, "↓")}</div>
                    <div class=block_class style=format!("--tp-block-columns: {columns}")>{block_views}</div>
                </div>
            }
            .into_any()
        }
    }
}

/// One matrix of a rank >= 2 grid: the block at `prefix` along the outer
/// dims, titled with that index when there is one.
fn matrix(
    plan: &Plan,
    prefix: Vec<usize>,
    row_dim: usize,
    cell: impl Fn(Vec<usize>) -> AnyView + Clone + 'static,
) -> AnyView {
    let title = (!prefix.is_empty()).then(|| {
        // `(t + 1)[0, 1]`, not `t + 1[0, 1]`: as the spoken words name it.
        let parts = prefix
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let comma = (k > 0).then_some(", ");
                view! { {comma}{tick(plan, k, i, "tp-tick-block")} }
            })
            .collect_view();
        view! { <div class="tp-block-title">{indexable(&plan.name)}"["{parts}"]"</div> }
    });
    let aria = (!prefix.is_empty()).then(|| {
        let index = prefix.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
        format!("{}[{index}]", indexable(&plan.name))
    });
    let rows = plan.dims[row_dim]
        .positions
        .iter()
        .map(|p| match p {
            None => view! { <div class="tp-row tp-row-gap" aria-hidden="true">"⋮"</div> }.into_any(),
            Some(i) => {
                let mut base = prefix.clone();
                base.push(*i);
                matrix_row(plan, Some((row_dim, *i)), base, cell.clone())
            }
        })
        .collect_view();
    let class = if title.is_some() { "tp-block tp-block-titled" } else { "tp-block" };
    view! {
        <div class=class role="rowgroup" aria-label=aria>
            {title}
            {col_ticks(plan, true)}
            {rows}
        </div>
    }
    .into_any()
}

/// The column ticks above a block's rows (after the room the row ticks take).
fn col_ticks(plan: &Plan, row_ticks: bool) -> AnyView {
    let last = plan.dims.len() - 1;
    let ticks = plan.dims[last]
        .positions
        .iter()
        .map(|p| match p {
            None => view! { <span class="tp-tick tp-tick-col tp-gap" aria-hidden="true"></span> }.into_any(),
            Some(j) => tick(plan, last, *j, "tp-tick-col"),
        })
        .collect_view();
    let corner = row_ticks.then(|| view! { <span class="tp-tick tp-tick-row" aria-hidden="true"></span> });
    view! { <div class="tp-ticks" aria-hidden="true">{corner}{ticks}</div> }.into_any()
}

/// One row of cells along the last dim, with `…` for a summarised gap, and
/// its index along the dim before, if it has one.
fn matrix_row(
    plan: &Plan,
    row: Option<(usize, usize)>,
    prefix: Vec<usize>,
    cell: impl Fn(Vec<usize>) -> AnyView + 'static,
) -> AnyView {
    let last = plan.dims.len() - 1;
    let cells = plan.dims[last]
        .positions
        .iter()
        .map(|c| match c {
            None => view! { <div class="tp-gap" aria-hidden="true">"…"</div> }.into_any(),
            Some(j) => {
                let mut index = prefix.clone();
                index.push(*j);
                cell(index)
            }
        })
        .collect_view();
    let row_tick = row.map(|(dim, i)| tick(plan, dim, i, "tp-tick-row"));
    view! { <div role="row" class="tp-row">{row_tick}{cells}</div> }.into_any()
}

/// One block of a rank >= 3 grid.
enum Block {
    /// The matrix at this index of the outer dims.
    Matrix(Vec<usize>),
    /// The `⋯` standing for the blocks a summary leaves out along outer dim `dim`.
    Gap { dim: usize },
}

/// The blocks of a rank >= 3 tensor in index order: every drawn combination
/// of the outer dims, and a gap where a dim is summarised.
fn outer_blocks(positions: &[Vec<Option<usize>>]) -> Vec<Block> {
    let mut blocks = vec![Block::Matrix(Vec::new())];
    for (k, dim) in positions.iter().enumerate() {
        let mut next = Vec::new();
        for block in blocks {
            let Block::Matrix(prefix) = block else {
                next.push(block);
                continue;
            };
            for p in dim {
                match p {
                    Some(i) => {
                        let mut index = prefix.clone();
                        index.push(*i);
                        next.push(Block::Matrix(index));
                    }
                    // A gap right after another one adds nothing.
                    None if k == 0 || !matches!(next.last(), Some(Block::Gap { .. })) => {
                        next.push(Block::Gap { dim: k })
                    }
                    None => {}
                }
            }
        }
        blocks = next;
    }
    blocks
}
