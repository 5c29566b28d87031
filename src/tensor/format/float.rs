//! Python's float formatting: `repr`, `{:.4f}` and `{:.4e}`.
//!
//! Rust's formatter already rounds exactly like Python's (correctly, ties
//! to even on the exact binary value); only the spelling differs.

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
    // `{:e}` gives the shortest round-trip digits with their exponent.
    let shortest = format!("{x:e}");
    let (mantissa, exponent) = shortest
        .split_once('e')
        .expect("{:e} always writes an exponent");
    let exponent: i32 = exponent.parse().expect("{:e} writes a decimal exponent");
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let point = exponent + 1; // digits before the decimal point
    let body = if !(-3..=16).contains(&point) {
        let mut s = digits[..1].to_string();
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        python_exponent(&format!("{s}e{exponent}"))
    } else if point <= 0 {
        format!("0.{}{}", "0".repeat((-point) as usize), digits)
    } else if point as usize >= digits.len() {
        format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
    } else {
        format!(
            "{}.{}",
            &digits[..point as usize],
            &digits[point as usize..]
        )
    };
    if negative { format!("-{body}") } else { body }
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
    fn fixed_and_scientific_match_python() {
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(-0.0, 0), "-0");
        assert_eq!(scientific(1e-4, 4), "1.0000e-04");
        assert_eq!(scientific(1000.0, 4), "1.0000e+03");
        assert_eq!(scientific(1e300, 4), "1.0000e+300");
        assert_eq!(scientific(f64::NEG_INFINITY, 4), "-inf");
    }
}
