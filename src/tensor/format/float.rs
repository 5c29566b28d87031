//! Python's float formatting: `repr`, `{:.4f}` and `{:.4e}`, all from the
//! exact decimal value (`exact.rs`), rounded ties to even as Python does.

use super::exact::Exact;
use crate::tensor::DType;

/// `f"{x:.{precision}f}"`.
pub fn fixed(x: f64, precision: usize) -> String {
    if let Some(s) = special(x) {
        return s.to_string();
    }
    if let Some(text) = fixed_in_128_bits(x, precision) {
        return text;
    }
    let exact = Exact::of(x);
    let place = -(precision.min(1100) as i32);
    let (digits, point) = exact.round_at(place);
    // Digits before the point, then `precision` after it.
    let before = (point.max(0) as usize).max(1);
    let mut text = String::with_capacity(before + precision + 2);
    if exact.negative {
        text.push('-');
    }
    let digit_at = |i: i32| -> char {
        // Digit i counts places from the point: 0 is the units, -1 the tenths.
        let index = point - 1 - i;
        let d = if index >= 0 { digits.get(index as usize).copied().unwrap_or(0) } else { 0 };
        char::from(b'0' + d)
    };
    for i in (0..before as i32).rev() {
        text.push(digit_at(i));
    }
    if precision > 0 {
        text.push('.');
        for i in 1..=precision as i32 {
            text.push(digit_at(-i));
        }
    }
    text
}

/// `fixed` worked out in 128-bit integers, when that is exact: for a
/// finite `x = m * 2^e` (m below 2^53), `m * 10^precision * 2^10` fits in
/// 128 bits for up to 19 decimals, and `e` between -127 and 10 keeps the scaling
/// exact, so rounding `x * 10^precision` to an integer (ties to even) is
/// what rounding the exact decimal value is. Tensors print their elements
/// this way, ten times faster than expanding them.
fn fixed_in_128_bits(x: f64, precision: usize) -> Option<String> {
    if precision > 19 {
        return None;
    }
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    let scaled = u128::from(m) * 10u128.pow(precision as u32);
    let units = match e {
        0..=10 => scaled << e,
        -127..=-1 => {
            let k = e.unsigned_abs();
            let (whole, rest) = (scaled >> k, scaled & ((1 << k) - 1));
            let half = 1u128 << (k - 1);
            let up = rest > half || (rest == half && whole % 2 == 1);
            whole + u128::from(up)
        }
        // Smaller than 2^-127 times 2^53 * 10^20: rounds to zero.
        e if e < -127 => 0,
        _ => return None,
    };
    let digits = units.to_string();
    // At least one digit before the point.
    let digits = if digits.len() <= precision {
        format!("{}{digits}", "0".repeat(precision + 1 - digits.len()))
    } else {
        digits
    };
    let (int, frac) = digits.split_at(digits.len() - precision);
    let sign = if negative { "-" } else { "" };
    Some(if precision == 0 { format!("{sign}{int}") } else { format!("{sign}{int}.{frac}") })
}

/// `f"{x:.{precision}e}"`: the exponent has a sign and at least two digits.
pub fn scientific(x: f64, precision: usize) -> String {
    match special(x) {
        Some(s) => s.to_string(),
        None => python_exponent(&Decimal::rounded(x, precision).text_padded(precision)),
    }
}

/// C++'s default `std::ostream << double` (`%g`, six significant digits),
/// which PyTorch's C++ error messages use: `1e+20`, `0.1`, `5.5`, `inf`.
pub fn general(x: f64) -> String {
    if let Some(s) = special(x) {
        return s.to_string();
    }
    let d = Decimal::rounded(x, 5).trim_zeros();
    if (-4..6).contains(&d.exponent) {
        let (int, frac) = d.positional();
        if frac.is_empty() { int } else { format!("{int}.{frac}") }
    } else {
        python_exponent(&d.text())
    }
}

/// `repr(x)` for a Python float: the shortest string that reads back as
/// `x`, in positional notation from 1e-4 up to 1e16 and scientific outside.
pub fn repr(x: f64) -> String {
    if let Some(s) = special(x) {
        return s.to_string();
    }
    // Whole numbers below 10^16 are their own shortest digits (a float
    // past 2^53 that is a multiple of ten prints the same either way): the
    // common case (`torch.arange(65536.).tolist()`), written at once.
    if x.fract() == 0.0 && x.abs() < 1e16 {
        let sign = if x.is_sign_negative() && x == 0.0 { "-" } else { "" };
        return format!("{sign}{}.0", x as i64);
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
    /// nearest to `x`, and on a tie the one ending in an even digit (2^46 +
    /// 0.125: `70368744177664.12`, not `.13`), which is what rounding the
    /// exact value to that length gives.
    pub(crate) fn shortest(x: f64, dtype: DType) -> Decimal {
        let exact = Exact::of(x);
        if exact.digits.is_empty() {
            return Decimal { negative: exact.negative, digits: "0".into(), exponent: 0 };
        }
        let reads_back = Interval::around(x, dtype);
        // The candidate of `length` significant digits that reads back, if any.
        let candidate = |length: i32| -> Option<Decimal> {
            let place = exact.point - length;
            let (nearest, point) = exact.round_at(place);
            if reads_back.holds(&nearest, point) {
                return Some(Decimal::from_digits(exact.negative, &nearest, point).trim_zeros());
            }
            // At a power of two the floats below are closer together than
            // those above, so the nearest candidate can miss while the
            // other neighbour of `x` at this length still reads back.
            exact.neighbours_at(place).into_iter().find_map(|(digits, point)| {
                (digits != nearest && !digits.is_empty() && reads_back.holds(&digits, point))
                    .then(|| Decimal::from_digits(exact.negative, &digits, point).trim_zeros())
            })
        };
        // Once some length reads back every longer one does (its nearest
        // candidate is no farther), so the shortest is found by halving
        // 1..=17 (float64 needs at most 17 significant digits, float32 9).
        let (mut short, mut long) = (0, 17);
        let mut found = None;
        while long - short > 1 {
            let middle = (short + long) / 2;
            match candidate(middle) {
                Some(d) => {
                    long = middle;
                    found = Some(d);
                }
                None => short = middle,
            }
        }
        match found {
            Some(d) if long < 17 => d,
            _ => candidate(17).unwrap_or_else(|| Decimal::rounded(x, 16)),
        }
    }

    /// The exact value of `x` rounded (ties to even) to `fraction` digits
    /// after the mantissa's point (`1 + fraction` significant digits).
    pub(crate) fn rounded(x: f64, fraction: usize) -> Decimal {
        let exact = Exact::of(x);
        if exact.digits.is_empty() {
            return Decimal { negative: exact.negative, digits: "0".repeat(fraction + 1), exponent: 0 };
        }
        let fraction = fraction.min(1100) as i32;
        let (digits, point) = exact.round_at(exact.point - 1 - fraction);
        // Rounding up can add a digit (9.96 -> 10.0): it is a trailing zero.
        let mut d = Decimal::from_digits(exact.negative, &digits, point);
        d.digits.truncate(fraction as usize + 1);
        d
    }

    /// `0.digits * 10^point` as `d.ddd * 10^exponent` (`Exact`'s roundings
    /// never start with a zero digit).
    fn from_digits(negative: bool, digits: &[u8], point: i32) -> Decimal {
        Decimal {
            negative,
            digits: digits.iter().map(|&d| char::from(b'0' + d)).collect(),
            exponent: point - 1,
        }
    }

    /// Rust's `{:e}` spelling (`-1.25e-3`), which our float parser reads
    /// back and [`python_exponent`] turns into Python's.
    pub(crate) fn text(&self) -> String {
        let sign = if self.negative { "-" } else { "" };
        let (lead, rest) = self.digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        format!("{sign}{lead}{point}{rest}e{}", self.exponent)
    }

    /// Drops trailing zero digits, keeping the first digit.
    pub(crate) fn trim_zeros(mut self) -> Decimal {
        let kept = self.digits.trim_end_matches('0').len().max(1);
        self.digits.truncate(kept);
        self
    }

    /// Like `text`, with exactly `fraction` digits after the point.
    fn text_padded(&self, fraction: usize) -> String {
        let mut d = self.clone();
        while d.digits.len() < fraction + 1 {
            d.digits.push('0');
        }
        d.text()
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

/// The decimals that read back as one float: those strictly between the
/// midpoints to its neighbours, and the midpoints themselves when its
/// mantissa is even (a tie reads as the even one). Testing a candidate
/// against it is what parsing the candidate and comparing would answer,
/// without the parse (which divides big integers bit by bit: parsing each
/// candidate made `repr` of a float 30 to 80 microseconds).
struct Interval {
    low: Exact,
    high: Exact,
    inclusive: bool,
}

impl Interval {
    /// The decimals that read back as `x` in `dtype` (float32's for
    /// `Float32`, float64's otherwise); `x` is finite and not zero.
    fn around(x: f64, dtype: DType) -> Interval {
        let (fraction_bits, bias, bits, negative) = if dtype == DType::Float32 {
            let b = (x as f32).to_bits();
            (23, 150, u64::from(b & 0x7fff_ffff), b >> 31 == 1)
        } else {
            let b = x.to_bits();
            (52, 1075, b & !(1 << 63), b >> 63 == 1)
        };
        let biased = (bits >> fraction_bits) as i32;
        let fraction = bits & ((1 << fraction_bits) - 1);
        let (m, e) =
            if biased == 0 { (fraction, 1 - bias) } else { (fraction | 1 << fraction_bits, biased - bias) };
        // Just above a power of two the float below is half as far away.
        let low = if fraction == 0 && biased > 1 {
            Exact::dyadic(negative, 4 * m - 1, e - 2)
        } else {
            Exact::dyadic(negative, 2 * m - 1, e - 1)
        };
        Interval { low, high: Exact::dyadic(negative, 2 * m + 1, e - 1), inclusive: m % 2 == 0 }
    }

    /// Whether the magnitude `0.digits * 10^point` reads back.
    fn holds(&self, digits: &[u8], point: i32) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let above_low = match self.low.cmp_magnitude(digits, point) {
            Greater => true,
            Equal => self.inclusive,
            Less => false,
        };
        above_low
            && match self.high.cmp_magnitude(digits, point) {
                Less => true,
                Equal => self.inclusive,
                Greater => false,
            }
    }
}

/// Whether `text` parses to exactly `x` in `dtype` (float32 for `Float32`,
/// float64 otherwise).
#[cfg(all(test, not(target_arch = "wasm32")))]
fn reads_back_as(text: &str, x: f64, dtype: DType) -> bool {
    use crate::tensor::decimal::{parse_f32, parse_f64};
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
    fn general_matches_c_printf() {
        // Python's `'%g' % x`, which is C's printf.
        let cases = [
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (0.1, "0.1"),
            (5.5, "5.5"),
            (1e+20, "1e+20"),
            (-1e+20, "-1e+20"),
            (123456.0, "123456"),
            (1234567.0, "1.23457e+06"),
            (0.0001, "0.0001"),
            (1e-05, "1e-05"),
            (-2.5e-07, "-2.5e-07"),
            (999999.5, "1e+06"),
            (9999995.0, "1e+07"),
            (0.000123456789, "0.000123457"),
            (7.25738291, "7.25738"),
            (100.0, "100"),
            (1e+06, "1e+06"),
            (5e-05, "5e-05"),
            (1.5e+300, "1.5e+300"),
            (5e-324, "4.94066e-324"),
        ];
        for (x, text) in cases {
            assert_eq!(general(x), text, "{x:e}");
        }
        assert_eq!(general(f64::NAN), "nan");
    }

    /// std's formatter rounds the exact value ties to even too, so it must
    /// agree digit for digit; for the shortest digits the old way (std's
    /// `{:e}`, then the nearest candidate of that length when it reads
    /// back) must too.
    #[cfg(not(target_arch = "wasm32"))]
    mod against_std {
        use super::*;
        use proptest::prelude::*;

        fn old_shortest(x: f64, dtype: DType) -> String {
            let std = if dtype == DType::Float32 { format!("{:e}", x as f32) } else { format!("{x:e}") };
            let length = std.split('e').next().unwrap().chars().filter(char::is_ascii_digit).count();
            let nearest = format!("{x:.*e}", length - 1);
            let nearest = nearest.replace(".e", "e");
            if reads_back_as(&nearest, x, dtype) { nearest } else { std }
        }

        fn same(ours: Decimal, std: &str) {
            let (m, e) = std.split_once('e').unwrap();
            let digits: String = m.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(
                (ours.negative, ours.digits.as_str(), ours.exponent.to_string().as_str()),
                (m.starts_with('-'), digits.as_str(), e)
            );
        }

        proptest! {
            // Huge and tiny values expand to hundreds of digits: slow in debug builds.
            #![proptest_config(ProptestConfig::with_cases(4_000))]

            #[test]
            fn any_float64_prints_as_std(bits in any::<u64>(), precision in 0usize..30) {
                let x = f64::from_bits(bits);
                prop_assume!(x.is_finite());
                prop_assert_eq!(fixed(x, precision), format!("{x:.precision$}"));
                prop_assert_eq!(scientific(x, precision), python_exponent(&format!("{x:.precision$e}")));
                same(Decimal::shortest(x, DType::Float64), &old_shortest(x, DType::Float64));
            }

            #[test]
            fn any_float32_prints_as_std(bits in any::<u32>(), precision in 0usize..12) {
                let x = f64::from(f32::from_bits(bits));
                prop_assume!(x.is_finite());
                prop_assert_eq!(fixed(x, precision), format!("{x:.precision$}"));
                same(Decimal::shortest(x, DType::Float32), &old_shortest(x, DType::Float32));
            }

            #[test]
            fn ordinary_values_print_as_std(x in -1e7f64..1e7, precision in 0usize..10) {
                prop_assert_eq!(fixed(x, precision), format!("{x:.precision$}"));
                same(Decimal::shortest(x, DType::Float64), &old_shortest(x, DType::Float64));
                let x32 = f64::from(x as f32);
                same(Decimal::shortest(x32, DType::Float32), &old_shortest(x32, DType::Float32));
            }
        }
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
