//! Python's float formatting: `repr`, `{:.4f}` and `{:.4e}`.
//!
//! Rust's formatter already rounds exactly like Python's (correctly, ties
//! to even on the exact binary value); only the spelling differs. The one
//! exception is the shortest round-trip digits, which [`Decimal::shortest`]
//! picks as Python and NumPy do.

use crate::tensor::DType;
use crate::tensor::decimal::{parse_f32, parse_f64};

/// `f"{x:.{precision}f}"`.
pub fn fixed(x: f64, precision: usize) -> String {
    match special(x) {
        Some(s) => s.to_string(),
        None => format!("{x:.precision$}"),
    }
}

/// `f"{x:.{precision}e}"`: the exponent has a sign and at least two digits.
pub fn scientific(x: f64, precision: usize) -> String {
    match special(x) {
        Some(s) => s.to_string(),
        None => python_exponent(&format!("{x:.precision$e}")),
    }
}

/// `repr(x)` for a Python float: the shortest string that reads back as
/// `x`, in positional notation from 1e-4 up to 1e16 and scientific outside.
pub fn repr(x: f64) -> String {
    if let Some(s) = special(x) {
        return s.to_string();
    }
    let d = Decimal::shortest(x, DType::Float64);
    let point = d.exponent + 1; // digits before the decimal point
    if (-3..=16).contains(&point) { d.positional_text() } else { python_exponent(&d.text()) }
}

/// Python's spelling of NaN and the infinities.
fn special(x: f64) -> Option<&'static str> {
    if x.is_nan() {
        Some("nan")
    } else if x == f64::INFINITY {
        Some("inf")
    } else if x == f64::NEG_INFINITY {
        Some("-inf")
    } else {
        None
    }
}

/// Rewrites Rust's `1.5e-4` exponent as Python's `1.5e-04`.
pub(crate) fn python_exponent(rust: &str) -> String {
    match rust.split_once('e') {
        Some((mantissa, exponent)) => {
            let (sign, digits) = match exponent.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exponent),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => rust.to_string(),
    }
}

/// A finite float as decimal digits `d.ddd` times `10^exponent`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decimal {
    pub(crate) negative: bool,
    /// At least one digit; the point goes after the first.
    pub(crate) digits: String,
    pub(crate) exponent: i32,
}

impl Decimal {
    /// The shortest digits that read back as `x` in `dtype` (float32's for
    /// `Float32`, float64's otherwise), chosen as Python's `repr` and
    /// NumPy's Dragon4 choose them: of the shortest candidates, the one
    /// nearest to `x`, and on a tie the one ending in an even digit.
    ///
    /// Rust's `{:e}` on an `f32` gives float32's shortest digits, on an
    /// `f64` float64's. When two candidates of that length are equally close
    /// to `x` (2^46 + 0.125: `70368744177664.12` or `.13`; float32
    /// 216063.125: `216063.12` or `.13`), Rust rounds up but Python and NumPy
    /// take the even one, which is what rounding the exact value to that
    /// length gives; it is used whenever it reads back as `x`.
    pub(crate) fn shortest(x: f64, dtype: DType) -> Decimal {
        let shortest = if dtype == DType::Float32 {
            Decimal::parse(&format!("{:e}", x as f32))
        } else {
            Decimal::parse(&format!("{x:e}"))
        };
        let nearest = Decimal::rounded(x, shortest.digits.len() - 1);
        if nearest != shortest && reads_back_as(&nearest.text(), x, dtype) { nearest } else { shortest }
    }

    /// The exact value of `x` rounded (ties to even) to `fraction` digits
    /// after the mantissa's point.
    pub(crate) fn rounded(x: f64, fraction: usize) -> Decimal {
        Decimal::parse(&format!("{x:.fraction$e}"))
    }

    /// Reads Rust's `{:e}` output, such as `-1.25e-3`.
    fn parse(text: &str) -> Decimal {
        let (mantissa, exponent) = text.split_once('e').expect("{:e} always writes an exponent");
        Decimal {
            negative: mantissa.starts_with('-'),
            digits: mantissa.chars().filter(char::is_ascii_digit).collect(),
            exponent: exponent.parse().expect("{:e} writes a decimal exponent"),
        }
    }

    /// Rust's `{:e}` spelling (`-1.25e-3`), which Rust's float parser reads
    /// back and [`python_exponent`] turns into Python's.
    pub(crate) fn text(&self) -> String {
        let sign = if self.negative { "-" } else { "" };
        let (lead, rest) = self.digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        format!("{sign}{lead}{point}{rest}e{}", self.exponent)
    }

    /// Positional notation without trailing zeros after the point, split
    /// at the point: `("-12", "5")` for -12.5, `("100", "")` for 100.
    pub(crate) fn positional(&self) -> (String, String) {
        let sign = if self.negative { "-" } else { "" };
        let before_point = i64::from(self.exponent) + 1;
        let (int, frac) = if before_point <= 0 {
            ("0".to_string(), format!("{}{}", "0".repeat((-before_point) as usize), self.digits))
        } else if before_point as usize >= self.digits.len() {
            let zeros = "0".repeat(before_point as usize - self.digits.len());
            (format!("{}{zeros}", self.digits), String::new())
        } else {
            let (int, frac) = self.digits.split_at(before_point as usize);
            (int.to_string(), frac.to_string())
        };
        (format!("{sign}{int}"), frac.trim_end_matches('0').to_string())
    }

    /// Positional notation as Python's `repr` writes it, with at least one
    /// digit after the point: `-12.5`, `100.0`, `0.0001`.
    pub(crate) fn positional_text(&self) -> String {
        let (int, frac) = self.positional();
        let frac = if frac.is_empty() { "0" } else { &frac };
        format!("{int}.{frac}")
    }
}

/// Whether `text` parses to exactly `x` in `dtype` (float32 for `Float32`,
/// float64 otherwise).
fn reads_back_as(text: &str, x: f64, dtype: DType) -> bool {
    if dtype == DType::Float32 {
        parse_f32(text).is_some_and(|y| f64::from(y) == x)
    } else {
        parse_f64(text).is_some_and(|y| y == x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_python() {
        assert_eq!(repr(f64::from(0.1f32)), "0.10000000149011612");
        assert_eq!(repr(f64::from(0.3f32)), "0.30000001192092896");
        assert_eq!(repr(f64::from(123456789f32)), "123456792.0");
        assert_eq!(repr(1e16), "1e+16");
        assert_eq!(repr(1e15), "1000000000000000.0");
        assert_eq!(repr(1e-5), "1e-05");
        assert_eq!(repr(0.0001), "0.0001");
        assert_eq!(repr(-2.5e-7), "-2.5e-07");
        assert_eq!(repr(5.0), "5.0");
        assert_eq!(repr(-0.0), "-0.0");
        assert_eq!(repr(1.5e300), "1.5e+300");
        assert_eq!(repr(f64::NAN), "nan");
    }

    #[test]
    fn repr_breaks_ties_to_the_even_digit() {
        // Each value lies exactly halfway between two shortest candidates;
        // Rust's `{:e}` takes the upper one, Python the even one.
        assert_eq!(repr(2f64.powi(46) + 0.125), "70368744177664.12");
        assert_eq!(repr(-(2f64.powi(46) + 0.125)), "-70368744177664.12");
        assert_eq!(repr(2f64.powi(46) + 0.625), "70368744177664.62");
        assert_eq!(repr(2f64.powi(47) + 0.125), "140737488355328.12");
        assert_eq!(repr(2f64.powi(43) + 0.0625), "8796093022208.062");
        assert_eq!(repr(2f64.powi(50) + 0.25), "1125899906842624.2");
        assert_eq!(repr(2f64.powi(-25)), "2.9802322387695312e-08");
        assert_eq!(repr(5.960464477539062e-07), "5.960464477539062e-07");
        // A tie whose even candidate is the upper one.
        assert_eq!(repr(2f64.powi(46) + 0.375), "70368744177664.38");
    }

    #[test]
    fn float32_shortest_digits_break_ties_to_even() {
        // `str(np.float32(...))` of values halfway between two candidates.
        // The values are exact in float32 (written as f64, since float32
        // literals with more digits than float32's shortest are linted).
        let shortest = |x: f64| Decimal::shortest(x, DType::Float32);
        assert_eq!(shortest(16384.0625).positional_text(), "16384.062");
        assert_eq!(shortest(216_063.125).positional_text(), "216063.12");
        assert_eq!(shortest(-131_072.625).positional_text(), "-131072.62");
        assert_eq!(shortest(0.000_244_140_625).positional_text(), "0.00024414062");
        assert_eq!(python_exponent(&shortest(1_048_576.25).text()), "1.0485762e+06");
        // np.float32(131072.375): the even candidate is the upper one.
        assert_eq!(shortest(131_072.375).positional_text(), "131072.38");
        // np.float32(1/3): no tie, float32's own shortest digits.
        assert_eq!(shortest(f64::from((1. / 3.) as f32)).positional_text(), "0.33333334");
    }

    #[test]
    fn fixed_and_scientific_match_python() {
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(-0.0, 0), "-0");
        assert_eq!(scientific(1e-4, 4), "1.0000e-04");
        assert_eq!(scientific(1000.0, 4), "1.0000e+03");
        assert_eq!(scientific(1e300, 4), "1.0000e+300");
        assert_eq!(scientific(f64::NEG_INFINITY, 4), "-inf");
    }
}
