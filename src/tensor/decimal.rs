//! Reading decimal text as the nearest float32 or float64, exactly as
//! `str::parse::<f32>()` and `str::parse::<f64>()` do: the same grammar and
//! the same correctly rounded result (ties to even).
//!
//! Why not `str::parse` itself: the standard library's algorithm (a fast
//! path backed by a 10 KB table of powers of five) added 14 KB to the
//! gzipped wasm, 7% of the 200 KB first-visit budget, for the handful of
//! numbers a program spells out. This one is small and slow: it divides big
//! integers bit by bit, microseconds a number.

/// The float64 nearest to `text`, or `None` where `str::parse::<f64>` fails.
pub fn parse_f64(text: &str) -> Option<f64> {
    let value = parse(text, &F64)?;
    Some(f64::from_bits(value))
}

/// The float32 nearest to `text`, or `None` where `str::parse::<f32>` fails.
pub fn parse_f32(text: &str) -> Option<f32> {
    let value = parse(text, &F32)?;
    Some(f32::from_bits(value as u32))
}

/// The binary format to round to.
struct Format {
    /// Significand bits, the leading one included.
    precision: u32,
    /// The exponent of the lowest significand bit of the smallest subnormal.
    min_exponent: i64,
    /// The largest biased exponent of a finite value.
    max_biased: i64,
    /// Total bits, for the sign's position.
    bits: u32,
}

const F64: Format = Format { precision: 53, min_exponent: -1074, max_biased: 2046, bits: 64 };
const F32: Format = Format { precision: 24, min_exponent: -149, max_biased: 254, bits: 32 };

/// Significant digits kept; any nonzero digit after them is remembered as one
/// more `1`. The exact midpoint between two float64s has at most 767
/// significant digits, so the cut never moves a value across a midpoint.
const MAX_DIGITS: usize = 800;

/// The bits of the float nearest to `text` in `format`.
fn parse(text: &str, format: &Format) -> Option<u64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let sign = u64::from(negative) << (format.bits - 1);
    let magnitude = match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => infinity(format),
        "nan" => infinity(format) | 1 << (format.precision - 2),
        _ => {
            let (digits, exponent) = scan(body.as_bytes())?;
            round(&digits, exponent, format)
        }
    };
    Some(sign | magnitude)
}

fn infinity(format: &Format) -> u64 {
    ((format.max_biased + 1) as u64) << (format.precision - 1)
}

/// Splits `digits[.digits][(e|E)[+|-]digits]` into its significant digits
/// (no leading zeros, at most `MAX_DIGITS` plus a sticky `1`) and the power
/// of ten they are multiplied by; `None` if it is not that.
fn scan(s: &[u8]) -> Option<(Vec<u8>, i64)> {
    let mut digits = Vec::new();
    let mut exponent: i64 = 0;
    let mut seen_digit = false;
    let mut sticky = false;
    let mut i = 0;
    let mut take = |d: u8, after_point: bool, digits: &mut Vec<u8>, exponent: &mut i64| {
        if digits.is_empty() && d == 0 {
            // A leading zero only moves the point.
        } else if digits.len() < MAX_DIGITS {
            digits.push(d);
        } else {
            sticky |= d != 0;
            *exponent += 1;
        }
        if after_point {
            *exponent -= 1;
        }
    };
    while i < s.len() && s[i].is_ascii_digit() {
        take(s[i] - b'0', false, &mut digits, &mut exponent);
        seen_digit = true;
        i += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            take(s[i] - b'0', true, &mut digits, &mut exponent);
            seen_digit = true;
            i += 1;
        }
    }
    if !seen_digit {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        i += 1;
        let negative = match s.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut written: i64 = 0;
        while i < s.len() && s[i].is_ascii_digit() {
            // Far past any float's range; saturating keeps the sign right.
            written = (written * 10 + i64::from(s[i] - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent += if negative { -written } else { written };
    }
    if i != s.len() {
        return None;
    }
    if sticky {
        digits.push(1);
        exponent -= 1;
    }
    Some((digits, exponent))
}

/// The bits of `digits * 10^exponent` rounded to `format` (sign aside).
fn round(digits: &[u8], exponent: i64, format: &Format) -> u64 {
    if digits.is_empty() {
        return 0;
    }
    let magnitude = digits.len() as i64 + exponent; // value < 10^magnitude
    if magnitude > 310 {
        return infinity(format);
    }
    if magnitude < -330 {
        return 0;
    }
    // value = numerator / denominator, both integers.
    let mut numerator = Big::from_digits(digits);
    let mut denominator = Big::one();
    if exponent >= 0 {
        numerator.mul_pow10(exponent as u32);
    } else {
        denominator.mul_pow10(exponent.unsigned_abs() as u32);
    }
    // Scale so that 1 <= numerator / denominator < 2; then value =
    // (numerator / denominator) * 2^scale.
    let mut scale = numerator.bits() as i64 - denominator.bits() as i64;
    if scale > 0 {
        denominator.shl(scale as u32);
    } else {
        numerator.shl(scale.unsigned_abs() as u32);
    }
    if !numerator.at_least(&denominator) {
        numerator.shl(1);
        scale -= 1;
    }
    // The quotient's first precision + 2 bits, and whether anything is left.
    let wanted = format.precision + 2;
    let mut quotient: u64 = 0;
    for _ in 0..wanted {
        quotient <<= 1;
        if numerator.at_least(&denominator) {
            numerator.sub(&denominator);
            quotient |= 1;
        }
        numerator.shl(1);
    }
    let sticky = !numerator.is_zero();
    // value ~ quotient * 2^lowest; drop bits down to the format's precision,
    // or more for a subnormal.
    let lowest = scale - i64::from(wanted) + 1;
    let mut drop = i64::from(wanted - format.precision);
    if lowest + drop < format.min_exponent {
        drop = format.min_exponent - lowest;
    }
    let mut significand = if drop >= 64 { 0 } else { quotient >> drop };
    let rest = if drop >= 64 { quotient } else { quotient & ((1 << drop) - 1) };
    let half = if drop >= 65 { 0 } else { 1u64 << (drop - 1) };
    if drop <= 64 && (rest > half || (rest == half && (sticky || significand & 1 == 1))) {
        significand += 1;
    }
    let mut exponent = lowest + drop;
    if significand == 1 << format.precision {
        significand >>= 1;
        exponent += 1;
    }
    if significand < 1 << (format.precision - 1) {
        // Subnormal (or zero): the biased exponent is 0.
        return significand;
    }
    let biased = exponent - format.min_exponent + 1;
    if biased > format.max_biased {
        return infinity(format);
    }
    ((biased as u64) << (format.precision - 1)) | (significand & ((1 << (format.precision - 1)) - 1))
}

/// A nonnegative big integer, 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    fn one() -> Big {
        Big(vec![1])
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let mut value = 0u32;
            for &d in chunk {
                value = value * 10 + u32::from(d);
            }
            big.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// self = self * factor + add
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut n: u32) {
        while n > 0 {
            let step = n.min(9);
            self.mul_add(10u32.pow(step), 0);
            n -= step;
        }
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    /// The number of significant bits.
    fn bits(&self) -> u32 {
        let top = self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        match top {
            0 => 0,
            n => 32 * n as u32 - self.0[n - 1].leading_zeros(),
        }
    }

    fn shl(&mut self, n: u32) {
        let (limbs, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// Whether self >= other.
    fn at_least(&self, other: &Big) -> bool {
        let limb = |b: &Big, i: usize| b.0.get(i).copied().unwrap_or(0);
        let len = self.0.len().max(other.0.len());
        (0..len)
            .rev()
            .map(|i| limb(self, i).cmp(&limb(other, i)))
            .find(|o| o.is_ne())
            .is_none_or(|o| o.is_gt())
    }

    /// self -= other, which must not be larger.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let difference = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = difference as u32;
            borrow = i64::from(difference < 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same result as the standard library, bit for bit (NaN as NaN).
    fn agrees(text: &str) {
        let ours = parse_f64(text);
        let std = text.parse::<f64>().ok();
        assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "f64 {text:?}");
        let ours = parse_f32(text);
        let std = text.parse::<f32>().ok();
        assert_eq!(ours.map(f32::to_bits), std.map(f32::to_bits), "f32 {text:?}");
    }

    #[test]
    fn reads_what_the_standard_library_reads() {
        for text in [
            "0",
            "-0",
            "+0",
            "1",
            "1.",
            ".5",
            "0.1",
            "1e5",
            "1E+5",
            "1e-5",
            "-2.5e-3",
            "00012.3400",
            "123456789012345678901234567890",
            "9007199254740993",
            "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "1e-400",
            "1e-45",
            "1.4e-45",
            "7.006492321624085e-46",
            "7.006492321624086e-46",
            "3.4028235e38",
            "3.4028236e38",
            "3.40282357e38",
            "1.1754942e-38",
            "inf",
            "-Infinity",
            "NaN",
            "nan",
            "+inf",
            "0e99999999999999999999",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0.000000000000000000000000000000000000000000001",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn refuses_what_the_standard_library_refuses() {
        for text in [
            "", "-", "+", ".", "e5", ".e5", "1e", "1e+", "1.2.3", "1e5.0", " 1", "1 ", "--1", "0x10", "1_0",
            "infinit", "in", "nana",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn rounds_exact_midpoints_to_even() {
        // Midpoints between neighbouring float64s, written exactly: (2m + 1) * 2^(e - 1)
        // as an integer, or as (2m + 1) * 5^k / 10^k.
        for m in [1u64 << 52, (1 << 52) + 1, (1 << 53) - 1, 4503599627370497, 6755399441055745] {
            for e in 1..=10u32 {
                agrees(&((2 * u128::from(m) + 1) << (e - 1)).to_string());
            }
            for k in 1..=22u32 {
                let digits = (2 * u128::from(m) + 1) * 5u128.pow(k);
                for text in [
                    format!("{digits}e-{k}"),
                    format!("{digits}1e-{}", k + 1),
                    format!("{}e-{k}", digits - 1),
                ] {
                    agrees(&text);
                }
            }
        }
    }

    #[test]
    fn rounds_float32_midpoints_to_even() {
        // Midpoints between float32s are float64s, so `{:e}` of a long enough
        // precision writes them exactly, subnormals included.
        for bits in [1u32, 2, 3, 0x7f_ffff, 0x80_0000, 0x3f80_0000, 0x3f80_0001, 0x7f7f_fffe, 0x4b00_0001] {
            let x = f64::from(f32::from_bits(bits));
            let next = f64::from(f32::from_bits(bits + 1));
            let mid = (x + next) / 2.0;
            agrees(&format!("{mid:.200e}"));
            agrees(&format!("{:.200e}", mid - (next - x) / 1e9));
            agrees(&format!("{:.200e}", mid + (next - x) / 1e9));
        }
    }

    #[test]
    fn long_inputs_keep_their_sticky_digits() {
        agrees(&format!("{:.1100e}", f64::from_bits(1)));
        let half_smallest = format!(
            "2.{}e-324",
            "4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125"
        );
        agrees(&half_smallest);
        agrees(&format!("{half_smallest}0000000000000000000000000000000000000000000001"));
        agrees(&format!("0.{}1", "0".repeat(2000)));
        agrees(&format!("1{}", "0".repeat(400)));
        agrees(&format!("{}.5e-1000", "9".repeat(1500)));
    }

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    mod random {
        use super::agrees;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(20_000))]

            #[test]
            fn any_float64_reads_back(bits in any::<u64>(), precision in 0usize..25) {
                let x = f64::from_bits(bits);
                agrees(&x.to_string());
                agrees(&format!("{x:e}"));
                agrees(&format!("{x:.precision$e}"));
            }

            #[test]
            fn any_float32_reads_back(bits in any::<u32>(), precision in 0usize..12) {
                let x = f32::from_bits(bits);
                agrees(&x.to_string());
                agrees(&format!("{x:.precision$e}"));
            }

            #[test]
            fn any_decimal_text(text in "[+-]?[0-9]{0,30}(\\.[0-9]{0,30})?([eE][+-]?[0-9]{1,4})?") {
                agrees(&text);
            }

            #[test]
            fn any_short_text(text in "[-+.eE0-9a-z]{0,8}") {
                agrees(&text);
            }
        }
    }
}
