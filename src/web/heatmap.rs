//! Big tensors drawn as heatmaps: past a size where its numbers cannot be
//! read side by side, a grid's cells become small squares coloured by
//! value (viridis: ordered from dark to light, and readable with every
//! kind of colour vision), fitted to the room without sideways scrolling,
//! with a legend and a readout of the element pointed at. The cells stay
//! the same elements (`role="gridcell"`, `data-index`, the value as their
//! text), so pointing, lineage, the keyboard and screen readers work as on
//! small grids.

use crate::session::Grid;

/// A grid with more drawn columns than this is a heatmap...
const MAX_COLUMNS: usize = 16;
/// ... and so is one with more drawn cells than this.
const MAX_CELLS: usize = 256;

/// Viridis at nine even steps (matplotlib's, sampled), from the lowest
/// value to the highest.
const VIRIDIS: [(u8, u8, u8); 9] = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
];

/// The value range a heatmap colours over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Heat {
    /// The smallest finite drawn value.
    pub low: f64,
    /// The largest finite drawn value.
    pub high: f64,
}

impl Heat {
    /// The heatmap scale for `grid` drawn with `columns` columns and
    /// `cells` cells, if it is big enough to be one.
    pub fn of(grid: &Grid, columns: usize, cells: usize) -> Option<Heat> {
        if columns <= MAX_COLUMNS && cells <= MAX_CELLS {
            return None;
        }
        let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
        for index in grid.drawn_indices() {
            let v = grid.value(&index);
            if v.is_finite() {
                low = low.min(v);
                high = high.max(v);
            }
        }
        if low > high {
            (low, high) = (0.0, 0.0);
        }
        Some(Heat { low, high })
    }

    /// The colour of `value`, as a CSS colour; NaN is grey (and the cell
    /// hatched by the stylesheet), infinities the ends of the scale.
    pub fn colour(&self, value: f64) -> String {
        if value.is_nan() {
            return "rgb(128 128 128)".to_string();
        }
        let t = if self.high > self.low {
            ((value - self.low) / (self.high - self.low)).clamp(0.0, 1.0)
        } else {
            0.5
        };
        let at = t * (VIRIDIS.len() - 1) as f64;
        let i = (at.floor() as usize).min(VIRIDIS.len() - 2);
        let f = at - i as f64;
        let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
        let ((r0, g0, b0), (r1, g1, b1)) = (VIRIDIS[i], VIRIDIS[i + 1]);
        format!("rgb({} {} {})", mix(r0, r1), mix(g0, g1), mix(b0, b1))
    }

    /// The legend's gradient, as a CSS background.
    pub fn gradient() -> String {
        let stops: Vec<String> = VIRIDIS.iter().map(|(r, g, b)| format!("rgb({r} {g} {b})")).collect();
        format!("linear-gradient(to right, {})", stops.join(", "))
    }
}

/// Which index ticks a heatmap labels along a dim of `size`: every
/// `step`th (a round number), so that labels never crowd.
pub fn tick_step(size: usize) -> usize {
    let target = size.div_ceil(8).max(1);
    [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].into_iter().find(|&s| s >= target).unwrap_or(target)
}
