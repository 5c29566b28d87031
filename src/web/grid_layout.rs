//! How one grid's cells are laid out, with what tells a learner where
//! each one is (contract section 6): the index ticks along every dim, one
//! axis caption per dim with its key (the same dim of the data flow has
//! the same letter and colour in every grid), and, for an operand that is
//! broadcast, the copies it is stretched with.
//!
//! Rank decides the arrangement: a cell, a row, a matrix, a stack of
//! matrices (rank 3) or a grid of matrices (rank 4 and up), each matrix a
//! block titled with its index (`t[0, 1]`) along the outer dims.
//!
//! The layout is written as markup, in one string per grid, rather than
//! built node by node: a 64x64 grid is 4096 cells, and building each as
//! a view took half a second of the page's main thread; the browser parses
//! the same markup in a few milliseconds. Nothing in it changes while the
//! grid lives (what lights up is painted onto the cells, `grid::Painter`),
//! and every text from the program in it is escaped.

use crate::session::describe::indexable;
use crate::session::flow::key_name;
use crate::session::navigation::blocks_across;
use std::fmt::Write;

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

/// `text` made safe as HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One index tick: the position `at` along drawn dim `dim`. Ticks of the
/// grid's own positions carry the contract's `index-tick`; those of
/// broadcast copies are drawn fainter and carry nothing.
fn tick(out: &mut String, plan: &Plan, dim: usize, at: usize, class: &str) {
    let d = &plan.dims[dim];
    let real = d.own.filter(|_| at < d.size);
    let mut colour = d.own.map(|k| key_class(plan.axes[k].key)).unwrap_or_default();
    let last = d.positions.iter().flatten().max().copied().unwrap_or(0);
    if d.major.is_some_and(|step| at.is_multiple_of(step) || at == last) {
        colour.push_str(" tp-tick-major");
    }
    let _ = match real {
        Some(k) => write!(
            out,
            "<span class=\"tp-tick {class} {colour}\" data-testid=\"index-tick\" data-dim=\"{k}\" \
             data-at=\"{at}\" aria-hidden=\"true\">{at}</span>"
        ),
        None => write!(
            out,
            "<span class=\"tp-tick {class} tp-tick-copy {colour}\" aria-hidden=\"true\">{at}</span>"
        ),
    };
}

/// The caption of drawn dim `dim`: the dim, its key, its size, and what
/// happens to it.
fn axis_label(out: &mut String, plan: &Plan, dim: usize, direction: &str) {
    let d = &plan.dims[dim];
    let Some(k) = d.own else {
        // A dim only the copies have: broadcasting added it.
        let n = d.positions.iter().flatten().count();
        let _ = write!(out, "<span class=\"tp-axis tp-axis-copies\">{direction} {n} broadcast copies</span>");
        return;
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
    let origin = axis.origin.as_ref().map(|o| format!(" (from {})", escape(o))).unwrap_or_default();
    let comma = if notes.is_empty() { "" } else { "," };
    let letter = key_name(axis.key);
    let _ = write!(
        out,
        "<span class=\"{class} {colour}\" data-testid=\"axis\" data-dim=\"{k}\" data-dim-key=\"{letter}\">\
         <span class=\"tp-key\" title=\"the same dim is {letter} in every grid\">{letter}</span>\
         dim {k}{origin} {direction} size {size}{comma}",
        colour = key_class(axis.key),
        size = d.size,
    );
    // The note in a span of its own: beside rows, where the caption runs
    // upwards, it takes a second line rather than outgrowing short rows.
    if !notes.is_empty() {
        let _ = write!(out, "<span class=\"tp-axis-note\"> {}</span>", notes.join(", "));
    }
    out.push_str("</span>");
}

/// A grid's markup: what is drawn at once, and, for a big grid, the rest
/// of its rows, block by block, to be added a piece at a time.
pub struct Markup {
    /// The grid with its blocks, ticks and captions, and the rows that fit
    /// in the first piece.
    pub shell: String,
    /// The other rows, in order, written only when drawn (`Piece::markup`):
    /// writing a 64 x 64 grid's markup at once was a task of its own.
    pub pieces: Vec<Piece>,
}

/// Some of the rows of one block of a big grid, drawn after the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The block's position among the grid's blocks (`data-block`).
    pub block: usize,
    /// The block's index along the outer dims.
    prefix: Vec<usize>,
    /// The rows, as positions in the row dim's drawn positions.
    rows: std::ops::Range<usize>,
}

impl Piece {
    /// The piece's rows as markup; `cell` writes the cell at a drawn index.
    pub fn markup(&self, plan: &Plan, cell: &impl Fn(&mut String, &[usize])) -> String {
        let mut out = String::new();
        let row_dim = plan.dims.len().saturating_sub(2);
        let mut base = self.prefix.clone();
        for p in &plan.dims[row_dim].positions[self.rows.clone()] {
            row(&mut out, plan, row_dim, *p, &mut base, cell);
        }
        out
    }
}

/// One row of a matrix (`None`: the gap of a summarised dim), at `base`
/// along the outer dims.
fn row(
    out: &mut String,
    plan: &Plan,
    row_dim: usize,
    at: Option<usize>,
    base: &mut Vec<usize>,
    cell: &impl Fn(&mut String, &[usize]),
) {
    match at {
        None => out.push_str("<div class=\"tp-row tp-row-gap\" aria-hidden=\"true\">⋮</div>"),
        Some(i) => {
            base.push(i);
            matrix_row(out, plan, Some((row_dim, i)), base, cell);
            base.pop();
        }
    }
}

/// A grid of no more cells than this is drawn at once.
pub const AT_ONCE: usize = 768;

/// How many cells a bigger grid draws at once, and each piece after adds:
/// the browser lays each piece out in a task of its own, and the page must
/// not stop answering for more than a few frames (`make bench` section 3b:
/// 768-cell pieces of a 64 x 64 grid took 60 to 130 ms each).
pub const PIECE: usize = 256;

/// The grid's cells laid out by rank, as markup; `cell` writes the cell at
/// a drawn index.
pub fn layout(plan: &Plan, cell: &impl Fn(&mut String, &[usize])) -> Markup {
    let mut pieces = Vec::new();
    let mut out = String::new();
    let rank = plan.dims.len();
    match rank {
        0 => {
            out.push_str("<div role=\"row\" class=\"tp-row\">");
            cell(&mut out, &[]);
            out.push_str("</div>");
        }
        1 => {
            out.push_str("<div class=\"tp-matrix\"><div class=\"tp-col-axis\">");
            axis_label(&mut out, plan, 0, "→");
            out.push_str("</div><div class=\"tp-block\">");
            col_ticks(&mut out, plan, false);
            matrix_row(&mut out, plan, None, &mut Vec::new(), cell);
            out.push_str("</div></div>");
        }
        _ => {
            let outer_dims = rank - 2;
            let across = blocks_across(rank);
            let (row_dim, col_dim) = (rank - 2, rank - 1);
            let positions = plan.positions();
            out.push_str("<div class=\"tp-matrix\"><div class=\"tp-outer-axes\">");
            for k in 0..outer_dims {
                axis_label(&mut out, plan, k, if Some(k) == across { "⇢ blocks" } else { "⇣ blocks" });
            }
            out.push_str("</div><div class=\"tp-col-axis\">");
            axis_label(&mut out, plan, col_dim, "→");
            out.push_str("</div><div class=\"tp-row-axis\">");
            axis_label(&mut out, plan, row_dim, "↓");
            let block_class = if across.is_some() { "tp-blocks tp-blocks-2d" } else { "tp-blocks" };
            let columns = across.map_or(1, |k| positions[k].len());
            let _ =
                write!(out, "</div><div class=\"{block_class}\" style=\"--tp-block-columns: {columns}\">");
            let cells: usize = plan.dims.iter().map(|d| d.positions.len()).product();
            let mut budget = if cells > AT_ONCE { PIECE } else { usize::MAX };
            let mut block_at = 0;
            for block in outer_blocks(&positions[..outer_dims]) {
                match block {
                    // A gap across takes one block's place; any other fills its row.
                    Block::Gap { dim } if Some(dim) == across => {
                        out.push_str("<div class=\"tp-block-gap\" aria-hidden=\"true\">⋯</div>")
                    }
                    Block::Gap { .. } => out.push_str(
                        "<div class=\"tp-block-gap tp-block-gap-row\" aria-hidden=\"true\">⋮</div>",
                    ),
                    Block::Matrix(prefix) => {
                        matrix(&mut out, &mut pieces, plan, prefix, row_dim, block_at, &mut budget, cell);
                        block_at += 1;
                    }
                }
            }
            out.push_str("</div></div>");
        }
    }
    Markup { shell: out, pieces }
}

/// One matrix of a rank >= 2 grid: the block at `prefix` along the outer
/// dims (the grid's `block`th), titled with that index when there is one.
/// Its rows go into `out` while `budget` lasts (cells), the others into
/// `pieces` of about `PIECE` cells each.
#[allow(clippy::too_many_arguments)]
fn matrix(
    out: &mut String,
    pieces: &mut Vec<Piece>,
    plan: &Plan,
    prefix: Vec<usize>,
    row_dim: usize,
    block: usize,
    budget: &mut usize,
    cell: &impl Fn(&mut String, &[usize]),
) {
    let _ = write!(out, "<div data-block=\"{block}\" ");
    if prefix.is_empty() {
        out.push_str("class=\"tp-block\" role=\"rowgroup\">");
    } else {
        // `(t + 1)[0, 1]`, not `t + 1[0, 1]`: as the spoken words name it.
        let name = escape(&indexable(&plan.name));
        let index = prefix.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
        let _ = write!(
            out,
            "class=\"tp-block tp-block-titled\" role=\"rowgroup\" aria-label=\"{name}[{index}]\">\
             <div class=\"tp-block-title\">{name}["
        );
        for (k, &i) in prefix.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            tick(out, plan, k, i, "tp-tick-block");
        }
        out.push_str("]</div>");
    }
    col_ticks(out, plan, true);
    let row_cells = plan.dims.last().map_or(1, |d| d.positions.len()).max(1);
    let mut base = prefix.clone();
    // The piece being gathered: its first row, and how many cells it holds.
    let mut piece: Option<(usize, usize)> = None;
    for (r, p) in plan.dims[row_dim].positions.iter().enumerate() {
        // Rows first fill what is drawn at once, then pieces of their own.
        if *budget >= row_cells {
            *budget -= row_cells;
            row(out, plan, row_dim, *p, &mut base, cell);
            continue;
        }
        if let Some((start, n)) = piece
            && n + row_cells > PIECE
        {
            pieces.push(Piece { block, prefix: prefix.clone(), rows: start..r });
            piece = None;
        }
        let (_, n) = piece.get_or_insert((r, 0));
        *n += row_cells;
    }
    if let Some((start, _)) = piece {
        pieces.push(Piece { block, prefix, rows: start..plan.dims[row_dim].positions.len() });
    }
    out.push_str("</div>");
}

/// The column ticks above a block's rows (after the room the row ticks take).
fn col_ticks(out: &mut String, plan: &Plan, row_ticks: bool) {
    let last = plan.dims.len() - 1;
    out.push_str("<div class=\"tp-ticks\" aria-hidden=\"true\">");
    if row_ticks {
        out.push_str("<span class=\"tp-tick tp-tick-row\" aria-hidden=\"true\"></span>");
    }
    for p in &plan.dims[last].positions {
        match p {
            None => out.push_str("<span class=\"tp-tick tp-tick-col tp-gap\" aria-hidden=\"true\"></span>"),
            Some(j) => tick(out, plan, last, *j, "tp-tick-col"),
        }
    }
    out.push_str("</div>");
}

/// One row of cells along the last dim, with `…` for a summarised gap, and
/// its index along the dim before, if it has one.
fn matrix_row(
    out: &mut String,
    plan: &Plan,
    row: Option<(usize, usize)>,
    prefix: &mut Vec<usize>,
    cell: &impl Fn(&mut String, &[usize]),
) {
    let last = plan.dims.len() - 1;
    out.push_str("<div role=\"row\" class=\"tp-row\">");
    if let Some((dim, i)) = row {
        tick(out, plan, dim, i, "tp-tick-row");
    }
    for c in &plan.dims[last].positions {
        match c {
            None => out.push_str("<div class=\"tp-gap\" aria-hidden=\"true\">…</div>"),
            Some(j) => {
                prefix.push(*j);
                cell(out, prefix);
                prefix.pop();
            }
        }
    }
    out.push_str("</div>");
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
