//! NumPy 2's `repr` and `str` of arrays and scalars: what Python shows for
//! `t.numpy()` and for one element of it, and what `print` writes for them.
//!
//! Follows `numpy/_core/arrayprint.py` with the default print options:
//! precision 8 in `maxprec` mode, no small-number suppression, sign `-`,
//! 75 columns, and summaries above 1000 elements showing 3 items at each
//! edge of every long dim.

use super::float::{Decimal, python_exponent};
use super::tensor::shape_tuple;
use crate::tensor::{DType, Scalar, Tensor};

/// Most digits after the point (or after the mantissa's point) a float gets.
const PRECISION: usize = 8;
/// Arrays with more elements than this are summarised with `...`.
const THRESHOLD: usize = 1000;
/// Items kept at each end of a summarised dim.
const EDGE_ITEMS: usize = 3;
/// NumPy's line width.
const LINE_WIDTH: usize = 75;
/// What every array repr starts with.
const PREFIX: &str = "array(";
/// Between the elements of a row in a repr; rows of a matrix end with its
/// `,` too.
const REPR_SEPARATOR: &str = ", ";
/// Between the elements of a row in a str; nothing ends a matrix row.
const STR_SEPARATOR: &str = " ";

/// `repr(t.numpy())`: `array([1., 2.], dtype=float32)`.
pub fn array_repr(t: &Tensor) -> String {
    let dims = t.shape().dims();
    let summarize = t.numel() > THRESHOLD;
    let body = if t.numel() == 0 {
        "[]".to_string()
    } else {
        // Continuation lines line up after `array([`, and the closing `)`
        // is reserved from the width.
        Printer::new(t, REPR_SEPARATOR).block(&mut Vec::new(), PREFIX.len() + 1, LINE_WIDTH - 1)
    };

    // The shape and dtype are spelled out whenever the text alone would not
    // give them back.
    let mut extras = Vec::new();
    if (t.numel() == 0 && dims != [0]) || summarize {
        extras.push(format!("shape={}", shape_tuple(dims)));
    }
    if !dtype_is_implied(t.dtype()) || t.numel() == 0 {
        extras.push(format!("dtype={}", t.dtype().name()));
    }
    close_with_extras(format!("{PREFIX}{body}"), &extras)
}

/// `str(t.numpy())`, what `print` writes for an array: `[1. 2.]`,
/// `[[1 2]\n [3 4]]`. The elements are formatted as in [`array_repr`] but
/// separated by spaces alone, continuation lines are indented by one column
/// (for the `[`), and neither shape nor dtype is added. A 0-d array prints
/// as its scalar does ([`scalar_str`]), and every empty array as `[]`.
pub fn array_str(t: &Tensor) -> String {
    if t.rank() == 0 {
        scalar_str(t.get(&[]), t.dtype())
    } else if t.numel() == 0 {
        "[]".to_string()
    } else {
        Printer::new(t, STR_SEPARATOR).block(&mut Vec::new(), 1, LINE_WIDTH)
    }
}

/// `repr` of one NumPy scalar of `dtype`: `np.float32(0.1)`, `np.int64(6)`, `np.True_`.
pub fn scalar_repr(value: Scalar, dtype: DType) -> String {
    match value.cast(dtype) {
        Scalar::Bool(true) => "np.True_".to_string(),
        Scalar::Bool(false) => "np.False_".to_string(),
        value => format!("np.{}({})", dtype.name(), scalar_str(value, dtype)),
    }
}

/// `str` of one NumPy scalar of `dtype`, what `print` writes for it: the
/// text inside its repr (`0.1` for `np.float32(0.1)`, `6`), or `True`/`False`.
pub fn scalar_str(value: Scalar, dtype: DType) -> String {
    match value.cast(dtype) {
        Scalar::Bool(b) => if b { "True" } else { "False" }.to_string(),
        Scalar::Int(i) => i.to_string(),
        Scalar::Float(x) => float_scalar_text(x, dtype),
    }
}

/// The dtypes NumPy leaves out of an array's repr because the values
/// already imply them: the default int, the default float, and bool.
fn dtype_is_implied(dtype: DType) -> bool {
    matches!(dtype, DType::Int64 | DType::Float64 | DType::Bool)
}

/// Appends `, shape=..., dtype=...)`, moving the extras to a new line when
/// they would push the last line past the line width.
fn close_with_extras(text: String, extras: &[String]) -> String {
    if extras.is_empty() {
        return format!("{text})");
    }
    let text = format!("{text},");
    let extras = format!("{})", extras.join(", "));
    let last_line = text.len() - text.rfind('\n').map_or(0, |p| p + 1);
    let spacer = if last_line + extras.len() + 1 > LINE_WIDTH {
        format!("\n{}", " ".repeat(PREFIX.len()))
    } else {
        " ".to_string()
    };
    format!("{text}{spacer}{extras}")
}

/// The positions of a dim of `size` that are printed; `None` stands for `...`.
fn printed_positions(size: usize, summarize: bool) -> Vec<Option<usize>> {
    if summarize && size > 2 * EDGE_ITEMS {
        (0..EDGE_ITEMS).map(Some).chain([None]).chain((size - EDGE_ITEMS..size).map(Some)).collect()
    } else {
        (0..size).map(Some).collect()
    }
}

/// The elements that end up on screen, row-major. NumPy picks the element
/// format from these alone, so hidden elements never widen the columns.
fn printed_values(t: &Tensor, summarize: bool) -> Vec<Scalar> {
    fn walk(t: &Tensor, summarize: bool, index: &mut Vec<usize>, out: &mut Vec<Scalar>) {
        if index.len() == t.rank() {
            out.push(t.get(index));
            return;
        }
        let size = t.shape().dims()[index.len()];
        for i in printed_positions(size, summarize).into_iter().flatten() {
            index.push(i);
            walk(t, summarize, index, out);
            index.pop();
        }
    }
    let mut out = Vec::new();
    walk(t, summarize, &mut Vec::new(), &mut out);
    out
}

/// Lays an array out as nested brackets, wrapping long rows.
struct Printer<'a> {
    tensor: &'a Tensor,
    format: ElementFormat,
    summarize: bool,
    /// Written after every element of a row but the last; without its
    /// trailing space, after every row or block of an outer dim but the last.
    separator: &'static str,
}

impl<'a> Printer<'a> {
    /// A printer for the nonempty `tensor`, summarised when it is large.
    fn new(tensor: &'a Tensor, separator: &'static str) -> Printer<'a> {
        let summarize = tensor.numel() > THRESHOLD;
        let values = printed_values(tensor, summarize);
        Printer {
            tensor,
            format: ElementFormat::new(tensor.dtype(), &values, tensor.rank() == 0),
            summarize,
            separator,
        }
    }

    /// The text of the sub-array at `index`. Its first line starts right
    /// after an opening bracket at column `indent - 1`; its lines may run to
    /// `width` columns (each nesting level reserves one for its `]`).
    fn block(&self, index: &mut Vec<usize>, indent: usize, width: usize) -> String {
        let axis = index.len();
        if axis == self.tensor.rank() {
            return self.format.format(self.tensor.get(index));
        }
        let positions = printed_positions(self.tensor.shape().dims()[axis], self.summarize);
        let inner = if axis + 1 == self.tensor.rank() {
            self.row(index, &positions, indent, width)
        } else {
            self.stack(index, &positions, indent, width)
        };
        format!("[{inner}]")
    }

    /// The last dim: elements joined by the separator, wrapped onto lines
    /// indented by `indent`. One column is kept for the `,` or `]` after each
    /// element, hence `width - 1`; NumPy keeps it for the `]` in a str too,
    /// where the separator is a bare space.
    fn row(
        &self,
        index: &mut Vec<usize>,
        positions: &[Option<usize>],
        indent: usize,
        width: usize,
    ) -> String {
        let mut lines = Wrapper::new(indent, width - 1);
        for (n, &position) in positions.iter().enumerate() {
            let word = match position {
                Some(i) => self.element(index, i),
                None => "...".to_string(),
            };
            lines.push(&word);
            if n + 1 < positions.len() {
                lines.push_separator(self.separator);
            }
        }
        lines.finish()
    }

    /// An outer dim: sub-arrays one per line, with one blank line between
    /// them for every further dim below (a 3-d array's matrices are set apart).
    fn stack(
        &self,
        index: &mut Vec<usize>,
        positions: &[Option<usize>],
        indent: usize,
        width: usize,
    ) -> String {
        let dims_below = self.tensor.rank() - index.len() - 1;
        let separator =
            format!("{}{}{}", self.separator.trim_end(), "\n".repeat(dims_below), " ".repeat(indent));
        let parts: Vec<String> = positions
            .iter()
            .map(|&position| match position {
                Some(i) => {
                    index.push(i);
                    let part = self.block(index, indent + 1, width - 1);
                    index.pop();
                    part
                }
                None => "...".to_string(),
            })
            .collect();
        parts.join(&separator)
    }

    /// The element at `index` followed by `i`.
    fn element(&self, index: &mut Vec<usize>, i: usize) -> String {
        index.push(i);
        let text = self.format.format(self.tensor.get(index));
        index.pop();
        text
    }
}

/// Fills lines word by word, NumPy style: a word that would run past the
/// width starts a new line, unless the current line holds nothing yet.
struct Wrapper {
    done: String,
    line: String,
    indent: usize,
    width: usize,
}

impl Wrapper {
    fn new(indent: usize, width: usize) -> Wrapper {
        Wrapper { done: String::new(), line: String::new(), indent, width }
    }

    fn push(&mut self, word: &str) {
        // The line is measured with its indent, although the first line's
        // indent is really the opening brackets.
        let line_len = self.indent + self.line.len();
        if line_len + word.len() > self.width && !self.line.is_empty() {
            self.done.push_str(self.line.trim_end());
            self.done.push('\n');
            self.done.push_str(&" ".repeat(self.indent));
            self.line.clear();
        }
        self.line.push_str(word);
    }

    fn push_separator(&mut self, separator: &str) {
        self.line.push_str(separator);
    }

    fn finish(mut self) -> String {
        self.done.push_str(&self.line);
        self.done
    }
}

/// How every element of one array is written; chosen once per array so
/// that the columns line up.
enum ElementFormat {
    /// `True` is padded to the width of `False`, except in a 0-d array.
    Bool { pad: bool },
    /// Right-aligned to the widest value.
    Int { width: usize },
    /// Shared padding, and scientific notation for all or none.
    Float(FloatFormat),
}

impl ElementFormat {
    fn new(dtype: DType, values: &[Scalar], zero_dim: bool) -> ElementFormat {
        match dtype {
            DType::Bool => ElementFormat::Bool { pad: !zero_dim },
            DType::Int32 | DType::Int64 => ElementFormat::Int {
                width: values.iter().map(|v| v.to_i64().to_string().len()).max().unwrap_or(0),
            },
            DType::Float32 | DType::Float64 => {
                let floats: Vec<f64> = values.iter().map(|v| v.to_f64()).collect();
                ElementFormat::Float(FloatFormat::new(dtype, &floats))
            }
        }
    }

    fn format(&self, value: Scalar) -> String {
        match self {
            ElementFormat::Bool { pad } => match (value.is_nonzero(), pad) {
                (true, true) => " True".to_string(),
                (true, false) => "True".to_string(),
                (false, _) => "False".to_string(),
            },
            ElementFormat::Int { width } => format!("{:>width$}", value.to_i64()),
            ElementFormat::Float(format) => format.format(value.to_f64()),
        }
    }
}

/// One array's float layout: every finite value gets the same number of
/// columns before the point (`pad_left`) and after it (`pad_right`).
struct FloatFormat {
    dtype: DType,
    /// `Some` when the array prints in scientific notation.
    scientific: Option<Exponential>,
    pad_left: usize,
    pad_right: usize,
}

/// The shared shape of scientific notation across one array.
struct Exponential {
    /// Digits after the mantissa's point, the same for every element.
    mantissa_digits: usize,
    /// Digits of every exponent: enough for the longest, at least 2.
    exponent_digits: usize,
}

impl FloatFormat {
    fn new(dtype: DType, values: &[f64]) -> FloatFormat {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let mut format = FloatFormat { dtype, scientific: None, pad_left: 0, pad_right: 0 };
        if finite.is_empty() {
            // Nothing to measure; only the nan/inf widths below apply.
        } else if needs_scientific(dtype, &finite) {
            // Each value's own (at most 8-digit) mantissa decides how many
            // digits all of them get; shorter ones are extended with their
            // true digits, not zeros.
            let shortest: Vec<Decimal> = finite.iter().map(|&x| maxprec_scientific(x, dtype)).collect();
            let mantissa_digits = shortest.iter().map(|d| d.digits.len() - 1).max().unwrap_or(0);
            let exponent_digits = shortest.iter().map(|d| exponent_digits(d.exponent)).max().unwrap_or(2);
            format.pad_left = shortest.iter().map(|d| usize::from(d.negative) + 1).max().unwrap_or(1);
            // Everything after the point: mantissa digits, `e`, sign, exponent.
            format.pad_right = mantissa_digits + 2 + exponent_digits;
            format.scientific = Some(Exponential { mantissa_digits, exponent_digits });
        } else {
            let parts: Vec<(String, String)> = finite.iter().map(|&x| maxprec_positional(x, dtype)).collect();
            format.pad_left = parts.iter().map(|(int, _)| int.len()).max().unwrap_or(0);
            format.pad_right = parts.iter().map(|(_, frac)| frac.len()).max().unwrap_or(0);
        }
        if finite.len() != values.len() {
            // nan and inf must fit into the same columns, widening them if
            // needed (one more for the `-` of `-inf`).
            let after_point = format.pad_right + 1;
            let neg_inf = values.contains(&f64::NEG_INFINITY);
            let widest = "inf".len() + usize::from(neg_inf);
            format.pad_left = format.pad_left.max(widest.saturating_sub(after_point));
        }
        format
    }

    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let text = non_finite_text(x);
            return format!("{text:>width$}", width = self.pad_left + self.pad_right + 1);
        }
        let pad_left = self.pad_left;
        match &self.scientific {
            Some(exp) => {
                let d = Decimal::rounded(x, exp.mantissa_digits);
                let (lead, rest) = d.digits.split_at(1);
                let sign = if d.negative { "-" } else { "" };
                let exponent = exponent_text(d.exponent, exp.exponent_digits);
                format!("{:>pad_left$}.{rest}e{exponent}", format!("{sign}{lead}"))
            }
            None => {
                let (int, frac) = maxprec_positional(x, self.dtype);
                format!("{int:>pad_left$}.{frac:<width$}", width = self.pad_right)
            }
        }
    }
}

/// NumPy switches an array to scientific notation when its nonzero finite
/// magnitudes are very large, very small, or more than 3 orders apart. The
/// tests run in the array's own dtype: float32 uses a lower ceiling
/// (10^6, from its 6 reliable digits) and compares in float32 arithmetic.
fn needs_scientific(dtype: DType, finite: &[f64]) -> bool {
    let magnitudes: Vec<f64> = finite.iter().filter(|&&v| v != 0.0).map(|v| v.abs()).collect();
    let Some(max) = magnitudes.iter().copied().reduce(f64::max) else {
        return false;
    };
    let min = magnitudes.iter().copied().fold(f64::INFINITY, f64::min);
    match dtype {
        DType::Float32 => {
            let (max, min) = (max as f32, min as f32);
            max >= 1e6 || min < 1e-4 || max / min > 1e3
        }
        _ => max >= 1e8 || min < 1e-4 || max / min > 1e3,
    }
}

/// The positional digits NumPy shows for `x` (shortest round-trip digits
/// for its dtype, but at most 8 after the point, correctly rounded, with
/// trailing zeros dropped), as the part before the point (with its sign)
/// and the part after it.
fn maxprec_positional(x: f64, dtype: DType) -> (String, String) {
    let shortest = Decimal::shortest(x, dtype);
    if shortest.fraction_digits() <= PRECISION {
        return shortest.positional();
    }
    let text = super::float::fixed(x, PRECISION);
    let (int, frac) = text.split_once('.').expect("a fixed-point number has a point");
    (int.to_string(), frac.trim_end_matches('0').to_string())
}

/// The scientific digits NumPy starts from for `x`: shortest round-trip
/// digits for its dtype, at most 8 after the mantissa's point.
fn maxprec_scientific(x: f64, dtype: DType) -> Decimal {
    let shortest = Decimal::shortest(x, dtype);
    if shortest.digits.len() - 1 <= PRECISION {
        shortest
    } else {
        Decimal::rounded(x, PRECISION).trim_zeros()
    }
}

/// A scalar's text inside `np.float32(...)`: positional like Python's
/// `repr` (`10.0`) within [1e-4, 10^6) for float32 or [1e-4, 10^16) for
/// float64, scientific outside (`1e+06`). Unlike Python, the bounds are
/// compared with the exact value, so float32 0.0001 (just below 1e-4)
/// prints as `1e-04`.
fn float_scalar_text(x: f64, dtype: DType) -> String {
    if !x.is_finite() {
        return non_finite_text(x).to_string();
    }
    let ceiling = if dtype == DType::Float32 { 1e6 } else { 1e16 };
    let d = Decimal::shortest(x, dtype);
    if x == 0.0 || (1e-4..ceiling).contains(&x.abs()) {
        d.positional_text()
    } else {
        python_exponent(&d.text())
    }
}

/// NumPy's spelling of NaN and the infinities.
fn non_finite_text(x: f64) -> &'static str {
    if x.is_nan() {
        "nan"
    } else if x > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

/// An exponent with its sign and at least `digits` digits: `+05`, `-100`.
fn exponent_text(exponent: i32, digits: usize) -> String {
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{sign}{:0>digits$}", exponent.unsigned_abs())
}

/// How many digits an exponent is written with on its own: at least two,
/// as in `e+05`.
fn exponent_digits(exponent: i32) -> usize {
    exponent.unsigned_abs().to_string().len().max(2)
}

/// The digit bookkeeping only NumPy's maxprec mode needs.
impl Decimal {
    /// How many digits positional notation needs after the point.
    fn fraction_digits(&self) -> usize {
        (self.digits.len() as i64 - 1 - i64::from(self.exponent)).max(0) as usize
    }
}

// Every expected string below was printed by NumPy 2.4.6 (Python 3.11):
// `repr(np.array(...))` for arrays, `repr(np.float32(...))` and the like for
// scalars, and `str(...)` of the same for the `_str` functions, with the
// NumPy expression in a comment above each assertion.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Shape;

    fn tensor<T: crate::tensor::storage::Element>(values: &[T], dims: &[usize]) -> Tensor {
        Tensor::from_vec(values.to_vec(), Shape::new(dims.to_vec()).unwrap())
    }

    fn f32s(values: &[f32], dims: &[usize]) -> Tensor {
        tensor(values, dims)
    }

    fn f64s(values: &[f64], dims: &[usize]) -> Tensor {
        tensor(values, dims)
    }

    fn i64s(values: &[i64], dims: &[usize]) -> Tensor {
        tensor(values, dims)
    }

    fn i32s(values: &[i32], dims: &[usize]) -> Tensor {
        tensor(values, dims)
    }

    fn bools(values: &[bool], dims: &[usize]) -> Tensor {
        tensor(values, dims)
    }

    /// `np.float32(x / 3)`: the float64 quotient rounded to float32.
    fn third(x: f64) -> f32 {
        (x / 3.) as f32
    }

    /// `np.arange(n, dtype=np.float32) / np.float32(divisor)`.
    fn float32_range(n: usize, divisor: f32) -> Vec<f32> {
        (0..n).map(|i| i as f32 / divisor).collect()
    }

    /// `np.arange(n) / divisor`.
    fn float64_range(n: usize, divisor: f64) -> Vec<f64> {
        (0..n).map(|i| i as f64 / divisor).collect()
    }

    #[test]
    fn float32_shows_its_dtype_and_pads_after_the_point() {
        // np.array([4., 5., 6.], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[4., 5., 6.], &[3])), "array([4., 5., 6.], dtype=float32)");
        // np.array([5/3, 1, 1, 7/3], dtype=np.float32)
        assert_eq!(
            array_repr(&f32s(&[third(5.), 1., 1., third(7.)], &[4])),
            "array([1.6666666, 1.       , 1.       , 2.3333333], dtype=float32)"
        );
        // np.array([0.1, 0.2, 0.3], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[0.1, 0.2, 0.3], &[3])), "array([0.1, 0.2, 0.3], dtype=float32)");
        // np.array([-1.5, 2, 300.25], dtype=np.float32)
        assert_eq!(
            array_repr(&f32s(&[-1.5, 2., 300.25], &[3])),
            "array([ -1.5 ,   2.  , 300.25], dtype=float32)"
        );
    }

    #[test]
    fn float64_has_no_suffix_and_at_most_eight_decimals() {
        // np.array([1/3, 1, 2])
        assert_eq!(
            array_repr(&f64s(&[1. / 3., 1., 2.], &[3])),
            "array([0.33333333, 1.        , 2.        ])"
        );
        // np.array([0.1, 0.25])
        assert_eq!(array_repr(&f64s(&[0.1, 0.25], &[2])), "array([0.1 , 0.25])");
        // np.array([-1.5, 2, 300.25])
        assert_eq!(array_repr(&f64s(&[-1.5, 2., 300.25], &[3])), "array([ -1.5 ,   2.  , 300.25])");
        // np.array([1e-9, 1.])
        assert_eq!(array_repr(&f64s(&[1e-9, 1.], &[2])), "array([1.e-09, 1.e+00])");
    }

    #[test]
    fn float32_digits_are_float32_shortest() {
        // np.array([1/3], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[third(1.)], &[1])), "array([0.33333334], dtype=float32)");
        // np.array([216063.125], dtype=np.float32): halfway between 216063.12
        // and 216063.13, both shortest; NumPy takes the even digit.
        assert_eq!(array_repr(&f32s(&[216_063.0 + 1. / 8.], &[1])), "array([216063.12], dtype=float32)");
        // np.array([0.0012345678], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[0.001_234_567_8], &[1])), "array([0.00123457], dtype=float32)");
    }

    #[test]
    fn scientific_notation_switches_on_magnitude() {
        // np.array([1000., 1.], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[1000., 1.], &[2])), "array([1000.,    1.], dtype=float32)");
        // np.array([1001., 1.], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[1001., 1.], &[2])), "array([1.001e+03, 1.000e+00], dtype=float32)");
        // np.array([1e-5], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[1e-5], &[1])), "array([1.e-05], dtype=float32)");
        // np.array([1e-4], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[0.0001], &[1])), "array([0.0001], dtype=float32)");
        // np.array([1e-4, 1e-5])
        assert_eq!(array_repr(&f64s(&[0.0001, 0.00001], &[2])), "array([1.e-04, 1.e-05])");
        // np.array([123456789.], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[123_456_789.], &[1])), "array([1.2345679e+08], dtype=float32)");
        // np.array([999999.], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[999_999.], &[1])), "array([999999.], dtype=float32)");
        // np.array([1e6], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[1e6], &[1])), "array([1.e+06], dtype=float32)");
        // np.array([1e6])
        assert_eq!(array_repr(&f64s(&[1e6], &[1])), "array([1000000.])");
        // np.array([1e8])
        assert_eq!(array_repr(&f64s(&[1e8], &[1])), "array([1.e+08])");
        // np.array([1e-3, 1e2, 0.5])
        assert_eq!(array_repr(&f64s(&[0.001, 100., 0.5], &[3])), "array([1.e-03, 1.e+02, 5.e-01])");
        // np.array([1e-100, 1.])
        assert_eq!(array_repr(&f64s(&[1e-100, 1.], &[2])), "array([1.e-100, 1.e+000])");
        // np.array([-1e-5, 2.5, 0.])
        assert_eq!(array_repr(&f64s(&[-1e-5, 2.5, 0.], &[3])), "array([-1.0e-05,  2.5e+00,  0.0e+00])");
    }

    #[test]
    fn scientific_mantissas_extend_with_true_digits() {
        // np.array([0.1, 1.16412146e-07], dtype=np.float32)
        assert_eq!(
            array_repr(&f32s(&[0.1, 1.164_121_46e-7], &[2])),
            "array([1.00000001e-01, 1.16412146e-07], dtype=float32)"
        );
        // np.array([1/3, 1e-5])
        assert_eq!(array_repr(&f64s(&[1. / 3., 1e-5], &[2])), "array([3.33333333e-01, 1.00000000e-05])");
    }

    #[test]
    fn nan_and_inf_share_the_columns() {
        // np.array([nan])
        assert_eq!(array_repr(&f64s(&[f64::NAN], &[1])), "array([nan])");
        // np.array([nan, nan], dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[f32::NAN, f32::NAN], &[2])), "array([nan, nan], dtype=float32)");
        // np.array([inf, -inf])
        assert_eq!(array_repr(&f64s(&[f64::INFINITY, f64::NEG_INFINITY], &[2])), "array([ inf, -inf])");
        // np.array([nan, 1.5, -2.25])
        assert_eq!(array_repr(&f64s(&[f64::NAN, 1.5, -2.25], &[3])), "array([  nan,  1.5 , -2.25])");
        // np.array([inf, 1., 2.])
        assert_eq!(array_repr(&f64s(&[f64::INFINITY, 1., 2.], &[3])), "array([inf,  1.,  2.])");
        // np.array([1e300, 1e-300, nan, -inf])
        assert_eq!(
            array_repr(&f64s(&[1e300, 1e-300, f64::NAN, f64::NEG_INFINITY], &[4])),
            "array([1.e+300, 1.e-300,     nan,    -inf])"
        );
    }

    #[test]
    fn negative_zero_keeps_its_sign() {
        // np.array([-0., 0.])
        assert_eq!(array_repr(&f64s(&[-0., 0.], &[2])), "array([-0.,  0.])");
        // np.array(-0.)
        assert_eq!(array_repr(&f64s(&[-0.], &[])), "array(-0.)");
    }

    #[test]
    fn integers_and_bools_right_align() {
        // np.array([[1, -1], [10, -100]])
        assert_eq!(
            array_repr(&i64s(&[1, -1, 10, -100], &[2, 2])),
            concat!("array([[   1,   -1],\n", "       [  10, -100]])",)
        );
        // np.array([-2**63, 2**63-1, 0])
        assert_eq!(
            array_repr(&i64s(&[i64::MIN, i64::MAX, 0], &[3])),
            "array([-9223372036854775808,  9223372036854775807,                    0])"
        );
        // np.array([1, 2, 3], dtype=np.int32)
        assert_eq!(array_repr(&i32s(&[1, 2, 3], &[3])), "array([1, 2, 3], dtype=int32)");
        // np.array([-7, 1000000], dtype=np.int32)
        assert_eq!(array_repr(&i32s(&[-7, 1_000_000], &[2])), "array([     -7, 1000000], dtype=int32)");
        // np.array([True, False])
        assert_eq!(array_repr(&bools(&[true, false], &[2])), "array([ True, False])");
        // np.array([True, True])
        assert_eq!(array_repr(&bools(&[true, true], &[2])), "array([ True,  True])");
    }

    #[test]
    fn zero_dim_arrays_have_no_brackets() {
        // np.array(18., dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[18.], &[])), "array(18., dtype=float32)");
        // np.array(0.1)
        assert_eq!(array_repr(&f64s(&[0.1], &[])), "array(0.1)");
        // np.array(1e-5, dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[1e-5], &[])), "array(1.e-05, dtype=float32)");
        // np.array(nan, dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[f32::NAN], &[])), "array(nan, dtype=float32)");
        // np.array(7)
        assert_eq!(array_repr(&i64s(&[7], &[])), "array(7)");
        // np.array(7, dtype=np.int32)
        assert_eq!(array_repr(&i32s(&[7], &[])), "array(7, dtype=int32)");
        // np.array(True)
        assert_eq!(array_repr(&bools(&[true], &[])), "array(True)");
        // np.array(False)
        assert_eq!(array_repr(&bools(&[false], &[])), "array(False)");
    }

    #[test]
    fn empty_arrays_always_name_their_dtype() {
        // np.zeros(0, dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[], &[0])), "array([], dtype=float32)");
        // np.zeros(0)
        assert_eq!(array_repr(&f64s(&[], &[0])), "array([], dtype=float64)");
        // np.zeros(0, dtype=np.int64)
        assert_eq!(array_repr(&i64s(&[], &[0])), "array([], dtype=int64)");
        // np.zeros((0, 3), dtype=np.float32)
        assert_eq!(array_repr(&f32s(&[], &[0, 3])), "array([], shape=(0, 3), dtype=float32)");
        // np.zeros((2, 0), dtype=bool)
        assert_eq!(array_repr(&bools(&[], &[2, 0])), "array([], shape=(2, 0), dtype=bool)");
    }

    #[test]
    fn long_rows_wrap_at_75_columns() {
        // np.full(5, 1/3, dtype=np.float32)
        assert_eq!(
            array_repr(&f32s(&[third(1.); 5], &[5])),
            concat!(
                "array([0.33333334, 0.33333334, 0.33333334, 0.33333334, 0.33333334],\n",
                "      dtype=float32)",
            )
        );
        // np.full(10, 1/3, dtype=np.float32)
        assert_eq!(
            array_repr(&f32s(&[third(1.); 10], &[10])),
            concat!(
                "array([0.33333334, 0.33333334, 0.33333334, 0.33333334, 0.33333334,\n",
                "       0.33333334, 0.33333334, 0.33333334, 0.33333334, 0.33333334],\n",
                "      dtype=float32)",
            )
        );
        // np.arange(32, dtype=np.float32) / np.float32(7)
        assert_eq!(
            array_repr(&f32s(&float32_range(32, 7.), &[32])),
            concat!(
                "array([0.        , 0.14285715, 0.2857143 , 0.42857143, 0.5714286 ,\n",
                "       0.71428573, 0.85714287, 1.        , 1.1428572 , 1.2857143 ,\n",
                "       1.4285715 , 1.5714285 , 1.7142857 , 1.8571428 , 2.        ,\n",
                "       2.142857  , 2.2857144 , 2.4285715 , 2.5714285 , 2.7142856 ,\n",
                "       2.857143  , 3.        , 3.142857  , 3.2857144 , 3.4285715 ,\n",
                "       3.5714285 , 3.7142856 , 3.857143  , 4.        , 4.142857  ,\n",
                "       4.285714  , 4.428571  ], dtype=float32)",
            )
        );
        // np.arange(30) / 3
        assert_eq!(
            array_repr(&f64s(&float64_range(30, 3.), &[30])),
            concat!(
                "array([0.        , 0.33333333, 0.66666667, 1.        , 1.33333333,\n",
                "       1.66666667, 2.        , 2.33333333, 2.66666667, 3.        ,\n",
                "       3.33333333, 3.66666667, 4.        , 4.33333333, 4.66666667,\n",
                "       5.        , 5.33333333, 5.66666667, 6.        , 6.33333333,\n",
                "       6.66666667, 7.        , 7.33333333, 7.66666667, 8.        ,\n",
                "       8.33333333, 8.66666667, 9.        , 9.33333333, 9.66666667])",
            )
        );
        // np.arange(40)
        assert_eq!(
            array_repr(&i64s(&(0..40).collect::<Vec<i64>>(), &[40])),
            concat!(
                "array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n",
                "       17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,\n",
                "       34, 35, 36, 37, 38, 39])",
            )
        );
    }

    #[test]
    fn matrices_stack_rows_and_wrap_each() {
        // (np.arange(24) / 3).reshape(2, 12)
        assert_eq!(
            array_repr(&f64s(&float64_range(24, 3.), &[2, 12])),
            concat!(
                "array([[0.        , 0.33333333, 0.66666667, 1.        , 1.33333333,\n",
                "        1.66666667, 2.        , 2.33333333, 2.66666667, 3.        ,\n",
                "        3.33333333, 3.66666667],\n",
                "       [4.        , 4.33333333, 4.66666667, 5.        , 5.33333333,\n",
                "        5.66666667, 6.        , 6.33333333, 6.66666667, 7.        ,\n",
                "        7.33333333, 7.66666667]])",
            )
        );
        // np.array([[1, -2.5], [3, 4]], dtype=np.float32)
        assert_eq!(
            array_repr(&f32s(&[1., -2.5, 3., 4.], &[2, 2])),
            concat!("array([[ 1. , -2.5],\n", "       [ 3. ,  4. ]], dtype=float32)",)
        );
        // np.array([[True, False], [False, True]])
        assert_eq!(
            array_repr(&bools(&[true, false, false, true], &[2, 2])),
            concat!("array([[ True, False],\n", "       [False,  True]])")
        );
    }

    #[test]
    fn higher_ranks_leave_blank_lines_between_blocks() {
        // np.arange(24, dtype=np.float32).reshape(2, 3, 4)
        assert_eq!(
            array_repr(&f32s(&float32_range(24, 1.), &[2, 3, 4])),
            concat!(
                "array([[[ 0.,  1.,  2.,  3.],\n",
                "        [ 4.,  5.,  6.,  7.],\n",
                "        [ 8.,  9., 10., 11.]],\n",
                "\n",
                "       [[12., 13., 14., 15.],\n",
                "        [16., 17., 18., 19.],\n",
                "        [20., 21., 22., 23.]]], dtype=float32)",
            )
        );
        // np.arange(16).reshape(2, 2, 2, 2)
        assert_eq!(
            array_repr(&i64s(&(0..16).collect::<Vec<i64>>(), &[2, 2, 2, 2])),
            concat!(
                "array([[[[ 0,  1],\n",
                "         [ 2,  3]],\n",
                "\n",
                "        [[ 4,  5],\n",
                "         [ 6,  7]]],\n",
                "\n",
                "\n",
                "       [[[ 8,  9],\n",
                "         [10, 11]],\n",
                "\n",
                "        [[12, 13],\n",
                "         [14, 15]]]])",
            )
        );
        // (np.arange(12) / 3).reshape(2, 1, 2, 3)
        assert_eq!(
            array_repr(&f64s(&float64_range(12, 3.), &[2, 1, 2, 3])),
            concat!(
                "array([[[[0.        , 0.33333333, 0.66666667],\n",
                "         [1.        , 1.33333333, 1.66666667]]],\n",
                "\n",
                "\n",
                "       [[[2.        , 2.33333333, 2.66666667],\n",
                "         [3.        , 3.33333333, 3.66666667]]]])",
            )
        );
    }

    #[test]
    fn large_arrays_are_summarised_with_their_shape() {
        // np.arange(1001)
        assert_eq!(
            array_repr(&i64s(&(0..1001).collect::<Vec<i64>>(), &[1001])),
            "array([   0,    1,    2, ...,  998,  999, 1000], shape=(1001,))"
        );
        // np.arange(1001, dtype=np.float32)
        assert_eq!(
            array_repr(&f32s(&float32_range(1001, 1.), &[1001])),
            concat!(
                "array([   0.,    1.,    2., ...,  998.,  999., 1000.],\n",
                "      shape=(1001,), dtype=float32)",
            )
        );
        // np.ones((30, 40))
        assert_eq!(
            array_repr(&f64s(&[1.; 1200], &[30, 40])),
            concat!(
                "array([[1., 1., 1., ..., 1., 1., 1.],\n",
                "       [1., 1., 1., ..., 1., 1., 1.],\n",
                "       [1., 1., 1., ..., 1., 1., 1.],\n",
                "       ...,\n",
                "       [1., 1., 1., ..., 1., 1., 1.],\n",
                "       [1., 1., 1., ..., 1., 1., 1.],\n",
                "       [1., 1., 1., ..., 1., 1., 1.]], shape=(30, 40))",
            )
        );
        // np.arange(2400, dtype=np.int32).reshape(2, 3, 400)
        assert_eq!(
            array_repr(&i32s(&(0..2400).collect::<Vec<i32>>(), &[2, 3, 400])),
            concat!(
                "array([[[   0,    1,    2, ...,  397,  398,  399],\n",
                "        [ 400,  401,  402, ...,  797,  798,  799],\n",
                "        [ 800,  801,  802, ..., 1197, 1198, 1199]],\n",
                "\n",
                "       [[1200, 1201, 1202, ..., 1597, 1598, 1599],\n",
                "        [1600, 1601, 1602, ..., 1997, 1998, 1999],\n",
                "        [2000, 2001, 2002, ..., 2397, 2398, 2399]]],\n",
                "      shape=(2, 3, 400), dtype=int32)",
            )
        );
        // np.ones((1001, 1), dtype=bool)
        assert_eq!(
            array_repr(&bools(&[true; 1001], &[1001, 1])),
            concat!(
                "array([[ True],\n",
                "       [ True],\n",
                "       [ True],\n",
                "       ...,\n",
                "       [ True],\n",
                "       [ True],\n",
                "       [ True]], shape=(1001, 1))",
            )
        );
    }

    #[test]
    fn scalars_print_as_numpy_2_spells_them() {
        // np.float32(10.0)
        assert_eq!(scalar_repr(Scalar::Float(10.), DType::Float32), "np.float32(10.0)");
        // np.float32(0.1)
        assert_eq!(scalar_repr(Scalar::Float(0.1), DType::Float32), "np.float32(0.1)");
        // np.float64(0.1)
        assert_eq!(scalar_repr(Scalar::Float(0.1), DType::Float64), "np.float64(0.1)");
        // np.float64(1/3)
        assert_eq!(scalar_repr(Scalar::Float(1. / 3.), DType::Float64), "np.float64(0.3333333333333333)");
        // np.float32(1/3)
        assert_eq!(scalar_repr(Scalar::Float(1. / 3.), DType::Float32), "np.float32(0.33333334)");
        // np.float32(123456789.)
        assert_eq!(scalar_repr(Scalar::Float(123_456_789.), DType::Float32), "np.float32(1.2345679e+08)");
        // np.float32(999999.)
        assert_eq!(scalar_repr(Scalar::Float(999_999.), DType::Float32), "np.float32(999999.0)");
        // np.float32(1e6)
        assert_eq!(scalar_repr(Scalar::Float(1e6), DType::Float32), "np.float32(1e+06)");
        // np.float32(1e-4)
        assert_eq!(scalar_repr(Scalar::Float(1e-4), DType::Float32), "np.float32(1e-04)");
        // np.float64(1e-4)
        assert_eq!(scalar_repr(Scalar::Float(1e-4), DType::Float64), "np.float64(0.0001)");
        // np.float32(1.5e-5)
        assert_eq!(scalar_repr(Scalar::Float(1.5e-5), DType::Float32), "np.float32(1.5e-05)");
        // np.float64(1e15)
        assert_eq!(scalar_repr(Scalar::Float(1e15), DType::Float64), "np.float64(1000000000000000.0)");
        // np.float64(1e16)
        assert_eq!(scalar_repr(Scalar::Float(1e16), DType::Float64), "np.float64(1e+16)");
        // np.float64(-0.0)
        assert_eq!(scalar_repr(Scalar::Float(-0.), DType::Float64), "np.float64(-0.0)");
        // np.float32(nan)
        assert_eq!(scalar_repr(Scalar::Float(f64::NAN), DType::Float32), "np.float32(nan)");
        // np.float64(-inf)
        assert_eq!(scalar_repr(Scalar::Float(f64::NEG_INFINITY), DType::Float64), "np.float64(-inf)");
        // np.int64(6)
        assert_eq!(scalar_repr(Scalar::Int(6), DType::Int64), "np.int64(6)");
        // np.int32(-6)
        assert_eq!(scalar_repr(Scalar::Int(-6), DType::Int32), "np.int32(-6)");
        // np.True_
        assert_eq!(scalar_repr(Scalar::Bool(true), DType::Bool), "np.True_");
        // np.False_
        assert_eq!(scalar_repr(Scalar::Bool(false), DType::Bool), "np.False_");
        // np.float32(3)
        assert_eq!(scalar_repr(Scalar::Int(3), DType::Float32), "np.float32(3.0)");
    }

    #[test]
    fn str_of_arrays_separates_with_spaces_only() {
        // np.array([1., 2.], dtype=np.float32)
        assert_eq!(array_str(&f32s(&[1., 2.], &[2])), "[1. 2.]");
        // np.array([1., 2.])
        assert_eq!(array_str(&f64s(&[1., 2.], &[2])), "[1. 2.]");
        // np.array([[1, 2], [3, 4]])
        assert_eq!(array_str(&i64s(&[1, 2, 3, 4], &[2, 2])), "[[1 2]\n [3 4]]");
        // np.array([True, False])
        assert_eq!(array_str(&bools(&[true, false], &[2])), "[ True False]");
        // np.array([[True, False], [False, True]])
        assert_eq!(
            array_str(&bools(&[true, false, false, true], &[2, 2])),
            "[[ True False]\n [False  True]]"
        );
        // np.array([-1.5, 2, 300.25], dtype=np.float32)
        assert_eq!(array_str(&f32s(&[-1.5, 2., 300.25], &[3])), "[ -1.5    2.   300.25]");
        // np.array([1/3, 1, 2])
        assert_eq!(array_str(&f64s(&[1. / 3., 1., 2.], &[3])), "[0.33333333 1.         2.        ]");
        // np.array([-0., 0.])
        assert_eq!(array_str(&f64s(&[-0., 0.], &[2])), "[-0.  0.]");
        // np.array([216063.125], dtype=np.float32)
        assert_eq!(array_str(&f32s(&[216_063.0 + 1. / 8.], &[1])), "[216063.12]");
    }

    #[test]
    fn str_of_arrays_keeps_the_repr_number_formats() {
        // np.array([1e-9, 1.])
        assert_eq!(array_str(&f64s(&[1e-9, 1.], &[2])), "[1.e-09 1.e+00]");
        // np.array([-1e-5, 2.5, 0.])
        assert_eq!(array_str(&f64s(&[-1e-5, 2.5, 0.], &[3])), "[-1.0e-05  2.5e+00  0.0e+00]");
        // np.array([nan, 1.5, -2.25])
        assert_eq!(array_str(&f64s(&[f64::NAN, 1.5, -2.25], &[3])), "[  nan  1.5  -2.25]");
        // np.array([inf, -inf, nan], dtype=np.float32)
        assert_eq!(array_str(&f32s(&[f32::INFINITY, f32::NEG_INFINITY, f32::NAN], &[3])), "[ inf -inf  nan]");
        // np.array([-2**63, 2**63-1, 0])
        assert_eq!(
            array_str(&i64s(&[i64::MIN, i64::MAX, 0], &[3])),
            "[-9223372036854775808  9223372036854775807                    0]"
        );
        // np.array([-7, 1000000], dtype=np.int32)
        assert_eq!(array_str(&i32s(&[-7, 1_000_000], &[2])), "[     -7 1000000]");
    }

    #[test]
    fn str_of_zero_dim_and_empty_arrays() {
        // np.array(5.0)
        assert_eq!(array_str(&f64s(&[5.], &[])), "5.0");
        // np.array(5.0, dtype=np.float32)
        assert_eq!(array_str(&f32s(&[5.], &[])), "5.0");
        // np.array(1e-5, dtype=np.float32)
        assert_eq!(array_str(&f32s(&[1e-5], &[])), "1e-05");
        // np.array(0.1, dtype=np.float32)
        assert_eq!(array_str(&f32s(&[0.1], &[])), "0.1");
        // np.array(1/3)
        assert_eq!(array_str(&f64s(&[1. / 3.], &[])), "0.3333333333333333");
        // np.array(nan)
        assert_eq!(array_str(&f64s(&[f64::NAN], &[])), "nan");
        // np.array(-inf, dtype=np.float32)
        assert_eq!(array_str(&f32s(&[f32::NEG_INFINITY], &[])), "-inf");
        // np.array(7)
        assert_eq!(array_str(&i64s(&[7], &[])), "7");
        // np.array(-7, dtype=np.int32)
        assert_eq!(array_str(&i32s(&[-7], &[])), "-7");
        // np.array(True)
        assert_eq!(array_str(&bools(&[true], &[])), "True");
        // np.zeros(0, dtype=np.float32)
        assert_eq!(array_str(&f32s(&[], &[0])), "[]");
        // np.zeros((0, 3))
        assert_eq!(array_str(&f64s(&[], &[0, 3])), "[]");
        // np.zeros((2, 0), dtype=bool)
        assert_eq!(array_str(&bools(&[], &[2, 0])), "[]");
    }

    #[test]
    fn str_wraps_at_75_columns_under_the_bracket() {
        // np.full(10, 1/3, dtype=np.float32)
        assert_eq!(
            array_str(&f32s(&[third(1.); 10], &[10])),
            concat!(
                "[0.33333334 0.33333334 0.33333334 0.33333334 0.33333334 0.33333334\n",
                " 0.33333334 0.33333334 0.33333334 0.33333334]",
            )
        );
        // np.arange(32, dtype=np.float32) / np.float32(7)
        assert_eq!(
            array_str(&f32s(&float32_range(32, 7.), &[32])),
            concat!(
                "[0.         0.14285715 0.2857143  0.42857143 0.5714286  0.71428573\n",
                " 0.85714287 1.         1.1428572  1.2857143  1.4285715  1.5714285\n",
                " 1.7142857  1.8571428  2.         2.142857   2.2857144  2.4285715\n",
                " 2.5714285  2.7142856  2.857143   3.         3.142857   3.2857144\n",
                " 3.4285715  3.5714285  3.7142856  3.857143   4.         4.142857\n",
                " 4.285714   4.428571  ]",
            )
        );
        // np.arange(40)
        assert_eq!(
            array_str(&i64s(&(0..40).collect::<Vec<i64>>(), &[40])),
            concat!(
                "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n",
                " 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39]",
            )
        );
        // np.arange(26) - 13
        assert_eq!(
            array_str(&i64s(&(-13..13).collect::<Vec<i64>>(), &[26])),
            concat!(
                "[-13 -12 -11 -10  -9  -8  -7  -6  -5  -4  -3  -2  -1   0   1   2   3   4\n",
                "   5   6   7   8   9  10  11  12]",
            )
        );
        // np.array([True] * 30)
        assert_eq!(
            array_str(&bools(&[true; 30], &[30])),
            concat!(
                "[ True  True  True  True  True  True  True  True  True  True  True  True\n",
                "  True  True  True  True  True  True  True  True  True  True  True  True\n",
                "  True  True  True  True  True  True]",
            )
        );
        // np.arange(18) * 1e5
        assert_eq!(
            array_str(&f64s(&(0..18).map(|i| f64::from(i) * 1e5).collect::<Vec<f64>>(), &[18])),
            concat!(
                "[      0.  100000.  200000.  300000.  400000.  500000.  600000.  700000.\n",
                "  800000.  900000. 1000000. 1100000. 1200000. 1300000. 1400000. 1500000.\n",
                " 1600000. 1700000.]",
            )
        );
        // (np.arange(24) / 3).reshape(2, 12)
        assert_eq!(
            array_str(&f64s(&float64_range(24, 3.), &[2, 12])),
            concat!(
                "[[0.         0.33333333 0.66666667 1.         1.33333333 1.66666667\n",
                "  2.         2.33333333 2.66666667 3.         3.33333333 3.66666667]\n",
                " [4.         4.33333333 4.66666667 5.         5.33333333 5.66666667\n",
                "  6.         6.33333333 6.66666667 7.         7.33333333 7.66666667]]",
            )
        );
    }

    #[test]
    fn str_of_higher_ranks_leaves_blank_lines_between_blocks() {
        // np.arange(24, dtype=np.float32).reshape(2, 3, 4)
        assert_eq!(
            array_str(&f32s(&float32_range(24, 1.), &[2, 3, 4])),
            concat!(
                "[[[ 0.  1.  2.  3.]\n",
                "  [ 4.  5.  6.  7.]\n",
                "  [ 8.  9. 10. 11.]]\n",
                "\n",
                " [[12. 13. 14. 15.]\n",
                "  [16. 17. 18. 19.]\n",
                "  [20. 21. 22. 23.]]]",
            )
        );
        // np.arange(-12, 12, dtype=np.float32).reshape(2, 3, 4) / np.float32(3)
        let thirds: Vec<f32> = (-12..12).map(|i| i as f32 / 3.).collect();
        assert_eq!(
            array_str(&f32s(&thirds, &[2, 3, 4])),
            concat!(
                "[[[-4.         -3.6666667  -3.3333333  -3.        ]\n",
                "  [-2.6666667  -2.3333333  -2.         -1.6666666 ]\n",
                "  [-1.3333334  -1.         -0.6666667  -0.33333334]]\n",
                "\n",
                " [[ 0.          0.33333334  0.6666667   1.        ]\n",
                "  [ 1.3333334   1.6666666   2.          2.3333333 ]\n",
                "  [ 2.6666667   3.          3.3333333   3.6666667 ]]]",
            )
        );
        // np.arange(16).reshape(2, 2, 2, 2)
        assert_eq!(
            array_str(&i64s(&(0..16).collect::<Vec<i64>>(), &[2, 2, 2, 2])),
            concat!(
                "[[[[ 0  1]\n",
                "   [ 2  3]]\n",
                "\n",
                "  [[ 4  5]\n",
                "   [ 6  7]]]\n",
                "\n",
                "\n",
                " [[[ 8  9]\n",
                "   [10 11]]\n",
                "\n",
                "  [[12 13]\n",
                "   [14 15]]]]",
            )
        );
    }

    #[test]
    fn str_of_large_arrays_is_summarised_without_the_shape() {
        // np.arange(1001)
        assert_eq!(
            array_str(&i64s(&(0..1001).collect::<Vec<i64>>(), &[1001])),
            "[   0    1    2 ...  998  999 1000]"
        );
        // np.arange(1001, dtype=np.float32)
        assert_eq!(
            array_str(&f32s(&float32_range(1001, 1.), &[1001])),
            "[   0.    1.    2. ...  998.  999. 1000.]"
        );
        // np.ones((30, 40))
        assert_eq!(
            array_str(&f64s(&[1.; 1200], &[30, 40])),
            concat!(
                "[[1. 1. 1. ... 1. 1. 1.]\n",
                " [1. 1. 1. ... 1. 1. 1.]\n",
                " [1. 1. 1. ... 1. 1. 1.]\n",
                " ...\n",
                " [1. 1. 1. ... 1. 1. 1.]\n",
                " [1. 1. 1. ... 1. 1. 1.]\n",
                " [1. 1. 1. ... 1. 1. 1.]]",
            )
        );
        // -np.arange(2000).reshape(2, 1000)
        assert_eq!(
            array_str(&i64s(&(0..2000).map(|i| -i).collect::<Vec<i64>>(), &[2, 1000])),
            concat!(
                "[[    0    -1    -2 ...  -997  -998  -999]\n",
                " [-1000 -1001 -1002 ... -1997 -1998 -1999]]",
            )
        );
        // np.arange(2400, dtype=np.int32).reshape(2, 3, 400)
        assert_eq!(
            array_str(&i32s(&(0..2400).collect::<Vec<i32>>(), &[2, 3, 400])),
            concat!(
                "[[[   0    1    2 ...  397  398  399]\n",
                "  [ 400  401  402 ...  797  798  799]\n",
                "  [ 800  801  802 ... 1197 1198 1199]]\n",
                "\n",
                " [[1200 1201 1202 ... 1597 1598 1599]\n",
                "  [1600 1601 1602 ... 1997 1998 1999]\n",
                "  [2000 2001 2002 ... 2397 2398 2399]]]",
            )
        );
        // np.ones((1001, 1), dtype=bool)
        assert_eq!(
            array_str(&bools(&[true; 1001], &[1001, 1])),
            concat!(
                "[[ True]\n",
                " [ True]\n",
                " [ True]\n",
                " ...\n",
                " [ True]\n",
                " [ True]\n",
                " [ True]]",
            )
        );
    }

    #[test]
    fn str_of_scalars_is_the_text_inside_their_repr() {
        // np.float32(4.0)
        assert_eq!(scalar_str(Scalar::Float(4.), DType::Float32), "4.0");
        // np.float32(0.1)
        assert_eq!(scalar_str(Scalar::Float(0.1), DType::Float32), "0.1");
        // np.float32(1/3)
        assert_eq!(scalar_str(Scalar::Float(1. / 3.), DType::Float32), "0.33333334");
        // np.float64(1/3)
        assert_eq!(scalar_str(Scalar::Float(1. / 3.), DType::Float64), "0.3333333333333333");
        // np.float32(123456789.)
        assert_eq!(scalar_str(Scalar::Float(123_456_789.), DType::Float32), "1.2345679e+08");
        // np.float32(1e-4)
        assert_eq!(scalar_str(Scalar::Float(1e-4), DType::Float32), "1e-04");
        // np.float64(1e-4)
        assert_eq!(scalar_str(Scalar::Float(1e-4), DType::Float64), "0.0001");
        // np.float64(1e16)
        assert_eq!(scalar_str(Scalar::Float(1e16), DType::Float64), "1e+16");
        // np.float64(-0.0)
        assert_eq!(scalar_str(Scalar::Float(-0.), DType::Float64), "-0.0");
        // np.float32(nan)
        assert_eq!(scalar_str(Scalar::Float(f64::NAN), DType::Float32), "nan");
        // np.float64(-inf)
        assert_eq!(scalar_str(Scalar::Float(f64::NEG_INFINITY), DType::Float64), "-inf");
        // np.int64(6)
        assert_eq!(scalar_str(Scalar::Int(6), DType::Int64), "6");
        // np.int32(-6)
        assert_eq!(scalar_str(Scalar::Int(-6), DType::Int32), "-6");
        // np.True_
        assert_eq!(scalar_str(Scalar::Bool(true), DType::Bool), "True");
        // np.False_
        assert_eq!(scalar_str(Scalar::Bool(false), DType::Bool), "False");
        // np.float32(3)
        assert_eq!(scalar_str(Scalar::Int(3), DType::Float32), "3.0");
    }

    #[test]
    fn scalars_break_digit_ties_to_even() {
        // np.float32(16384.0625)
        assert_eq!(scalar_repr(Scalar::Float(16384.0625), DType::Float32), "np.float32(16384.062)");
        // np.float32(0.000244140625)
        assert_eq!(
            scalar_repr(Scalar::Float(0.000_244_140_625), DType::Float32),
            "np.float32(0.00024414062)"
        );
        // np.float32(1048576.25)
        assert_eq!(scalar_str(Scalar::Float(1_048_576.25), DType::Float32), "1.0485762e+06");
        // np.float32(-131072.625)
        assert_eq!(scalar_str(Scalar::Float(-131_072.625), DType::Float32), "-131072.62");
        // np.float64(2.0**46 + 0.125)
        assert_eq!(scalar_str(Scalar::Float(2f64.powi(46) + 0.125), DType::Float64), "70368744177664.12");
    }
}
