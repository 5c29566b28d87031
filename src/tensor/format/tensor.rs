//! `repr(tensor)`, following PyTorch's `torch/_tensor_str.py` with its
//! default print options (4 decimals, 1000-element threshold, 3 edge items,
//! 80 columns).

use super::float;
use crate::tensor::{DType, Scalar, Tensor};

const PRECISION: usize = 4;
const THRESHOLD: usize = 1000;
const EDGE_ITEMS: usize = 3;
const LINE_WIDTH: usize = 80;

/// How every element of one tensor is written: PyTorch picks one format
/// per tensor so that the columns line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ElementFormat {
    floating: bool,
    /// All finite values are whole numbers: `6.` instead of `6.0000`.
    int_mode: bool,
    /// Values span too many orders of magnitude: `1.0000e+03`.
    sci_mode: bool,
    width: usize,
}

impl ElementFormat {
    /// The format PyTorch would choose for `t` (looking only at the
    /// elements it would print, when the tensor is summarised). The
    /// elements are read as they are walked, never gathered: all 3**15 of
    /// a tensor of fifteen 3s are printed, which gathered were 230 MB.
    pub fn for_tensor(t: &Tensor) -> ElementFormat {
        let summarize = t.numel() > THRESHOLD;
        let mut format =
            ElementFormat { floating: t.dtype().is_floating(), int_mode: true, sci_mode: false, width: 1 };
        if !format.floating {
            for_each_printed(t, summarize, &mut |v| format.width = format.width.max(plain(v).len()));
            return format;
        }
        // Only finite, nonzero values decide the format.
        let decisive = |v: Scalar| Some(v.to_f64()).filter(|v| v.is_finite() && *v != 0.0);
        let (mut max, mut min, mut int_mode, mut any) = (0.0f64, f64::INFINITY, true, false);
        for_each_printed(t, summarize, &mut |v| {
            if let Some(v) = decisive(v) {
                any = true;
                max = max.max(v.abs());
                min = min.min(v.abs());
                int_mode &= v.ceil() == v;
            }
        });
        if !any {
            return format;
        }
        format.int_mode = int_mode;
        format.sci_mode = max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4;
        let (sci_mode, mut width) = (format.sci_mode, 1);
        for_each_printed(t, summarize, &mut |v| {
            if let Some(v) = decisive(v) {
                let len = match (sci_mode, int_mode) {
                    (true, _) => float::scientific(v, PRECISION).len(),
                    (false, true) => float::fixed(v, 0).len() + 1,
                    (false, false) => float::fixed(v, PRECISION).len(),
                };
                width = width.max(len);
            }
        });
        format.width = width;
        format
    }

    /// The width every element is padded to.
    pub fn width(&self) -> usize {
        self.width
    }

    /// One element as PyTorch writes it, without padding.
    pub fn format(&self, value: Scalar) -> String {
        if !self.floating {
            return plain(value);
        }
        let v = value.to_f64();
        if self.sci_mode {
            float::scientific(v, PRECISION)
        } else if self.int_mode {
            let mut s = float::fixed(v, 0);
            if v.is_finite() {
                s.push('.');
            }
            s
        } else {
            float::fixed(v, PRECISION)
        }
    }

    /// One element right-aligned to the tensor's column width.
    pub fn format_padded(&self, value: Scalar) -> String {
        format!("{:>width$}", self.format(value), width = self.width)
    }
}

/// `str()` of a bool or int element.
fn plain(value: Scalar) -> String {
    match value {
        Scalar::Bool(true) => "True".to_string(),
        Scalar::Bool(false) => "False".to_string(),
        Scalar::Int(i) => i.to_string(),
        Scalar::Float(f) => float::repr(f),
    }
}

/// Which positions of a dim of `size` are printed (`None` marks the `...`).
pub fn printed_positions(size: usize, summarize: bool) -> Vec<Option<usize>> {
    if summarize && size > 2 * EDGE_ITEMS {
        (0..EDGE_ITEMS).map(Some).chain([None]).chain((size - EDGE_ITEMS..size).map(Some)).collect()
    } else {
        (0..size).map(Some).collect()
    }
}

/// Whether PyTorch abbreviates this tensor with `...`.
pub fn is_summarized(t: &Tensor) -> bool {
    t.numel() > THRESHOLD
}

/// Calls `f` on each element PyTorch would print, row-major.
fn for_each_printed(t: &Tensor, summarize: bool, f: &mut dyn FnMut(Scalar)) {
    // An empty tensor prints no element; walking its other dims would
    // still visit every prefix (16M of them for a 4096 x 4096 x 0 tensor).
    if t.numel() == 0 {
        return;
    }
    fn walk(t: &Tensor, summarize: bool, index: &mut Vec<usize>, f: &mut dyn FnMut(Scalar)) {
        let depth = index.len();
        if depth == t.rank() {
            f(t.get(index));
            return;
        }
        for p in printed_positions(t.shape().dims()[depth], summarize).into_iter().flatten() {
            index.push(p);
            walk(t, summarize, index, f);
            index.pop();
        }
    }
    walk(t, summarize, &mut Vec::new(), f);
}

/// `repr(t)`: `tensor([...])` with PyTorch's suffixes.
pub fn tensor_repr(t: &Tensor) -> String {
    tensor_repr_with(t, None)
}

/// `repr(t)` with autograd's suffix last, as PyTorch adds it
/// (`grad_fn=<SumBackward0>` or `requires_grad=True`).
pub fn tensor_repr_with(t: &Tensor, autograd: Option<&str>) -> String {
    const PREFIX: &str = "tensor(";
    let indent = PREFIX.len();
    let mut suffixes = Vec::new();
    let body = if t.numel() == 0 {
        if t.rank() != 1 {
            suffixes.push(format!("size={}", shape_tuple(t.shape().dims())));
        }
        if t.dtype() != DType::DEFAULT_FLOAT {
            suffixes.push(format!("dtype={}", t.dtype()));
        }
        "[]".to_string()
    } else {
        if !matches!(t.dtype(), DType::Float32 | DType::Int64 | DType::Bool) {
            suffixes.push(format!("dtype={}", t.dtype()));
        }
        let format = ElementFormat::for_tensor(t);
        block(t, &mut Vec::new(), indent, is_summarized(t), &format)
    };
    suffixes.extend(autograd.map(str::to_string));
    add_suffixes(format!("{PREFIX}{body}"), &suffixes, indent)
}

/// A shape as a Python tuple: `(0, 3)`, `(0,)`.
pub fn shape_tuple(dims: &[usize]) -> String {
    match dims {
        [one] => format!("({one},)"),
        _ => format!("({})", dims.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// The bracketed text of the sub-tensor at `index`.
fn block(
    t: &Tensor,
    index: &mut Vec<usize>,
    indent: usize,
    summarize: bool,
    format: &ElementFormat,
) -> String {
    let remaining = t.rank() - index.len();
    if remaining == 0 {
        return format.format_padded(t.get(index));
    }
    let size = t.shape().dims()[index.len()];
    if remaining == 1 {
        let items: Vec<String> = printed_positions(size, summarize)
            .into_iter()
            .map(|p| match p {
                Some(i) => {
                    index.push(i);
                    let s = format.format_padded(t.get(index));
                    index.pop();
                    s
                }
                None => " ...".to_string(),
            })
            .collect();
        let per_line = (LINE_WIDTH.saturating_sub(indent) / (format.width() + 2)).max(1);
        let lines: Vec<String> = items.chunks(per_line).map(|line| line.join(", ")).collect();
        return format!("[{}]", lines.join(&format!(",\n{}", " ".repeat(indent + 1))));
    }
    let parts: Vec<String> = printed_positions(size, summarize)
        .into_iter()
        .map(|p| match p {
            Some(i) => {
                index.push(i);
                let s = block(t, index, indent + 1, summarize, format);
                index.pop();
                s
            }
            None => "...".to_string(),
        })
        .collect();
    let separator = format!(",{}{}", "\n".repeat(remaining - 1), " ".repeat(indent + 1));
    format!("[{}]", parts.join(&separator))
}

/// Appends `, dtype=...` and the like, starting a new line when the last
/// line would pass 80 columns.
fn add_suffixes(text: String, suffixes: &[String], indent: usize) -> String {
    let mut out = text;
    // PyTorch's count: the last line's length plus 2.
    let mut last_line = out.len() - out.rfind('\n').map_or(0, |p| p + 1) + 2;
    for suffix in suffixes {
        if last_line + suffix.len() + 2 > LINE_WIDTH {
            out.push_str(&format!(",\n{}{}", " ".repeat(indent), suffix));
            last_line = indent + suffix.len();
        } else {
            out.push_str(&format!(", {suffix}"));
            last_line += suffix.len() + 2;
        }
    }
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Shape;

    fn floats(v: &[f32], dims: &[usize]) -> Tensor {
        Tensor::from_vec(v.to_vec(), Shape::new(dims.to_vec()).unwrap())
    }

    #[test]
    fn whole_numbers_print_in_int_mode() {
        assert_eq!(tensor_repr(&floats(&[8.], &[])), "tensor(8.)");
        assert_eq!(tensor_repr(&floats(&[4., 8., 12.], &[3])), "tensor([ 4.,  8., 12.])");
    }

    #[test]
    fn fractions_get_four_decimals_and_nan_does_not_widen() {
        assert_eq!(tensor_repr(&floats(&[f32::NAN, 1.5], &[2])), "tensor([   nan, 1.5000])");
        assert_eq!(tensor_repr(&floats(&[f32::NAN, 1.], &[2])), "tensor([nan, 1.])");
    }

    #[test]
    fn wide_ranges_switch_to_scientific() {
        assert_eq!(tensor_repr(&floats(&[0.0001], &[1])), "tensor([1.0000e-04])");
        assert_eq!(tensor_repr(&floats(&[1000., 0.5], &[2])), "tensor([1.0000e+03, 5.0000e-01])");
        assert_eq!(tensor_repr(&floats(&[99999999.], &[1])), "tensor([100000000.])");
    }

    #[test]
    fn matrices_align_columns() {
        let t = Tensor::from_vec(vec![1i64, -1, 10, -100], Shape::new(vec![2, 2]).unwrap());
        assert_eq!(tensor_repr(&t), "tensor([[   1,   -1],\n        [  10, -100]])");
    }

    #[test]
    fn empty_tensors_show_size_and_dtype() {
        assert_eq!(tensor_repr(&floats(&[], &[0])), "tensor([])");
        assert_eq!(tensor_repr(&floats(&[], &[0, 3])), "tensor([], size=(0, 3))");
        let t = Tensor::from_vec(Vec::<i64>::new(), Shape::new(vec![0]).unwrap());
        assert_eq!(tensor_repr(&t), "tensor([], dtype=torch.int64)");
    }

    #[test]
    fn long_vectors_are_summarised() {
        let t = Tensor::from_vec((0..1001i64).collect(), Shape::new(vec![1001]).unwrap());
        assert_eq!(tensor_repr(&t), "tensor([   0,    1,    2,  ...,  998,  999, 1000])");
    }
}
