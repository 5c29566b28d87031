//! The exact decimal value of a float, and rounding it to a decimal place
//! (ties to even), as Python's and NumPy's printing do.
//!
//! Every finite double is `m * 2^e` for integers `m` and `e`, so its decimal
//! expansion is finite: the digits of `m << e`, or of `m * 5^-e` with the
//! point moved `-e` places. Expanding exactly and rounding the digits is
//! slower than std's Grisu but small, and it is the one float printer in the
//! page (std's formatter with its tables was about 7 KB of gzipped wasm).

/// A finite float's exact decimal value: `0.d1 d2 d3 ... * 10^(point)`,
/// where `digits` has no leading or trailing zeros (empty for zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exact {
    /// Whether the sign bit is set (so `-0.0` is negative too).
    pub negative: bool,
    /// The significant digits, each 0-9.
    pub digits: Vec<u8>,
    /// Where the decimal point goes: the first digit is worth `10^(point - 1)`.
    pub point: i32,
}

impl Exact {
    /// The exact value of a finite `x`.
    pub fn of(x: f64) -> Exact {
        debug_assert!(x.is_finite());
        let bits = x.to_bits();
        let negative = bits >> 63 == 1;
        let biased = ((bits >> 52) & 0x7ff) as i32;
        let fraction = bits & ((1 << 52) - 1);
        // x = mantissa * 2^exponent, with an integer mantissa.
        let (mantissa, exponent) =
            if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
        Exact::dyadic(negative, mantissa, exponent)
    }

    /// The exact value of `mantissa * 2^exponent` (any mantissa, such as
    /// the odd numerator of the midpoint between two floats).
    pub fn dyadic(negative: bool, mantissa: u64, exponent: i32) -> Exact {
        if mantissa == 0 {
            return Exact { negative, digits: Vec::new(), point: 0 };
        }
        let mut n = Big::from(mantissa);
        let shift = if exponent >= 0 {
            n.mul_pow(2, exponent as u32);
            0
        } else {
            // m / 2^k = m * 5^k / 10^k.
            n.mul_pow(5, exponent.unsigned_abs());
            exponent.unsigned_abs() as i32
        };
        let mut digits = n.decimal_digits();
        let point = digits.len() as i32 - shift;
        while digits.last() == Some(&0) {
            digits.pop();
        }
        Exact { negative, digits, point }
    }

    /// The value rounded to a multiple of `10^place` (ties to even), as the
    /// digits of that multiple (`[]` for zero) and the point: the result is
    /// `0.digits * 10^point`, with `point - digits.len() == place` unless
    /// the result is zero.
    pub fn round_at(&self, place: i32) -> (Vec<u8>, i32) {
        // How many digits are worth at least 10^place.
        let kept = self.point - place;
        if kept < 0 || self.digits.is_empty() {
            return (Vec::new(), place);
        }
        let (digits, point) = self.truncate_at(place);
        let rest = self.digits.get(kept as usize..).unwrap_or(&[]);
        // `digits` has no trailing zeros, so a 5 with anything after it is more than half.
        let last_odd = digits.last().is_some_and(|d| d % 2 == 1);
        let up = match rest.first() {
            Some(&d) if d > 5 => true,
            Some(5) => rest.len() > 1 || last_odd,
            _ => false,
        };
        if up { plus_one(digits, point, place) } else { (digits, point) }
    }

    /// The two multiples of `10^place` nearest the value, below and above
    /// in magnitude (the same one twice if the value is one), in
    /// `round_at`'s form.
    pub fn neighbours_at(&self, place: i32) -> [(Vec<u8>, i32); 2] {
        let (digits, point) = self.truncate_at(place);
        let exact = self.point - place >= self.digits.len() as i32;
        let above = if exact { (digits.clone(), point) } else { plus_one(digits.clone(), point, place) };
        [(digits, point), above]
    }

    /// Whether the magnitude of `0.digits * 10^point` (as `round_at` gives
    /// it; `[]` for zero) is below (`Less`), at or above this magnitude.
    pub fn cmp_magnitude(&self, digits: &[u8], point: i32) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (digits.is_empty(), self.digits.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        // Both start with a nonzero digit: the point decides, then the digits.
        point.cmp(&self.point).then_with(|| {
            let longest = digits.len().max(self.digits.len());
            let at = |d: &[u8], i: usize| d.get(i).copied().unwrap_or(0);
            (0..longest)
                .map(|i| at(digits, i).cmp(&at(&self.digits, i)))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
    }

    /// The value cut toward zero to a multiple of `10^place`.
    fn truncate_at(&self, place: i32) -> (Vec<u8>, i32) {
        let kept = self.point - place;
        if kept <= 0 || self.digits.is_empty() {
            return (Vec::new(), place);
        }
        let digits: Vec<u8> = (0..kept as usize).map(|i| self.digits.get(i).copied().unwrap_or(0)).collect();
        if digits.iter().all(|&d| d == 0) {
            return (Vec::new(), place);
        }
        (digits, self.point)
    }
}

/// `0.digits * 10^point` plus one unit of `10^place` (its last digit's place).
fn plus_one(mut digits: Vec<u8>, point: i32, place: i32) -> (Vec<u8>, i32) {
    if digits.is_empty() {
        return (vec![1], place + 1);
    }
    for i in (0..digits.len()).rev() {
        if digits[i] == 9 {
            digits[i] = 0;
        } else {
            digits[i] += 1;
            return (digits, point);
        }
    }
    digits.insert(0, 1);
    (digits, point + 1)
}

/// A non-negative integer in base 10^9 limbs, least significant first:
/// just enough arithmetic for exact expansion.
struct Big(Vec<u32>);

const LIMB: u64 = 1_000_000_000;

impl Big {
    fn from(n: u64) -> Big {
        Big(vec![(n % LIMB) as u32, ((n / LIMB) % LIMB) as u32, (n / LIMB / LIMB) as u32])
    }

    /// Multiplies by `base^power` (`base` 2 or 5), a few powers at a time.
    fn mul_pow(&mut self, base: u32, mut power: u32) {
        // The largest power of `base` below 2^32 / 10 keeps each step in u64.
        let step = if base == 2 { 28 } else { 12 };
        while power > 0 {
            let p = power.min(step);
            self.mul_small(base.pow(p));
            power -= p;
        }
    }

    fn mul_small(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = (v % LIMB) as u32;
            carry = v / LIMB;
        }
        while carry > 0 {
            self.0.push((carry % LIMB) as u32);
            carry /= LIMB;
        }
    }

    /// The decimal digits, most significant first, without leading zeros.
    fn decimal_digits(&self) -> Vec<u8> {
        let mut digits = Vec::with_capacity(self.0.len() * 9);
        for limb in self.0.iter().rev() {
            let mut chunk = [0u8; 9];
            let mut v = *limb;
            for d in chunk.iter_mut().rev() {
                *d = (v % 10) as u8;
                v /= 10;
            }
            if digits.is_empty() {
                digits.extend(chunk.iter().skip_while(|&&d| d == 0));
            } else {
                digits.extend(chunk);
            }
        }
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(e: &Exact) -> String {
        let digits: String = e.digits.iter().map(|d| char::from(b'0' + d)).collect();
        format!("{}0.{digits}e{}", if e.negative { "-" } else { "" }, e.point)
    }

    #[test]
    fn floats_expand_exactly() {
        assert_eq!(text(&Exact::of(0.1)), "0.1000000000000000055511151231257827021181583404541015625e0");
        assert_eq!(text(&Exact::of(-2.5)), "-0.25e1");
        assert_eq!(text(&Exact::of(1e23)), "0.99999999999999991611392e23");
        assert_eq!(text(&Exact::of(-0.0)), "-0.e0");
        let tiny = Exact::of(f64::from_bits(1));
        assert_eq!(tiny.point, -323);
        assert_eq!(tiny.digits.len(), 751);
        assert_eq!(Exact::of(f64::MAX).point, 309);
    }

    #[test]
    fn rounding_takes_ties_to_even_on_the_exact_value() {
        let r = |x: f64, place| {
            let (digits, point) = Exact::of(x).round_at(place);
            (digits.iter().map(|d| char::from(b'0' + d)).collect::<String>(), point)
        };
        assert_eq!(r(0.125, -2), ("12".into(), 0));
        assert_eq!(r(0.375, -2), ("38".into(), 0));
        // 2.675 is a little below 2.675 in binary.
        assert_eq!(r(2.675, -2), ("267".into(), 1));
        assert_eq!(r(9.96, -1), ("100".into(), 2));
        assert_eq!(r(0.5, 0), (String::new(), 0));
        assert_eq!(r(1.5, 0), ("2".into(), 1));
        assert_eq!(r(0.0004, -3), (String::new(), -3));
        assert_eq!(r(0.0006, -3), ("1".into(), -2));
        assert_eq!(r(1234.0, 2), ("12".into(), 4));
    }
}
