//! Vector norms as PyTorch's CPU kernel computes them: in the tensor's own
//! precision (a float32 norm overflows, underflows and rounds as float32
//! does), and for p = 2 in the order its kernel adds.
//!
//! Along a dim contiguous in memory PyTorch squares and adds in SIMD
//! vectors, one running sum per lane, adds the lanes in order and then the
//! squares past the last whole vector (the compiled loop takes four of them
//! plainly, the last few with a fused multiply-add); anywhere else, and for
//! every other order, it folds the elements one by one.

use super::product::Factor;

/// A floating element type with the operations a norm needs, in its own precision.
pub trait Real: Factor + PartialOrd + std::ops::Div<Output = Self> {
    const INFINITY: Self;
    fn from_f64(x: f64) -> Self;
    fn abs(self) -> Self;
    fn sqrt(self) -> Self;
    fn powf(self, p: Self) -> Self;
    /// `self * a + b` rounded once.
    fn mul_add(self, a: Self, b: Self) -> Self;
    fn is_nan(self) -> bool;
}

macro_rules! real {
    ($t:ty) => {
        impl Real for $t {
            const INFINITY: $t = <$t>::INFINITY;
            fn from_f64(x: f64) -> $t {
                x as $t
            }
            fn abs(self) -> $t {
                <$t>::abs(self)
            }
            fn sqrt(self) -> $t {
                <$t>::sqrt(self)
            }
            fn powf(self, p: $t) -> $t {
                <$t>::powf(self, p)
            }
            fn mul_add(self, a: $t, b: $t) -> $t {
                <$t>::mul_add(self, a, b)
            }
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
        }
    };
}
real!(f32);
real!(f64);

/// The `p`-norm of one lane; `contiguous` when the lane is the one reduced
/// dim and lies contiguous in memory (PyTorch's vectorised path for p = 2).
pub fn norm<T: Real>(lane: &[T], p: f64, contiguous: bool) -> T {
    let zero = T::default();
    let abs = lane.iter().map(|x| x.abs());
    // PyTorch gives a lane of one element its magnitude as it is, whatever
    // the order (so `torch.tensor([1e20]).norm()` does not overflow).
    if let ([x], false) = (lane, p == 0.0) {
        return x.abs();
    }
    if p == 0.0 {
        // NaN counts: it is not zero.
        lane.iter().fold(zero, |n, &x| if x == zero { n } else { n + T::ONE })
    } else if p == 1.0 {
        abs.fold(zero, |acc, x| acc + x)
    } else if p == 2.0 {
        squares(lane, contiguous).sqrt()
    } else if p == f64::INFINITY {
        // A NaN, once met, stays.
        abs.fold(zero, |m, x| if !m.is_nan() && (x.is_nan() || x > m) { x } else { m })
    } else if p == f64::NEG_INFINITY {
        abs.fold(T::INFINITY, |m, x| if !m.is_nan() && (x.is_nan() || x < m) { x } else { m })
    } else {
        let p = T::from_f64(p);
        abs.fold(zero, |acc, x| acc + x.powf(p)).powf(T::ONE / p)
    }
}

/// The sum of the squares, in PyTorch's order.
fn squares<T: Real>(lane: &[T], contiguous: bool) -> T {
    let zero = T::default();
    if !contiguous {
        return lane.iter().fold(zero, |acc, &x| acc + x * x);
    }
    let whole = lane.len() / T::WIDTH * T::WIDTH;
    let mut lanes = vec![zero; T::WIDTH];
    for vector in lane[..whole].chunks_exact(T::WIDTH) {
        for (acc, &x) in lanes.iter_mut().zip(vector) {
            *acc = *acc + x * x;
        }
    }
    let total = lanes[1..].iter().fold(lanes[0], |a, &b| a + b);
    // The squares past the last vector, one by one as compiled: four at a
    // time multiplied then added, the last few fused (multiply-add).
    let tail = &lane[whole..];
    let fours = tail.len() / 4 * 4;
    let total = tail[..fours].iter().fold(total, |acc, &x| acc + x * x);
    tail[fours..].iter().fold(total, |acc, &x| x.mul_add(x, acc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_infinity_is_the_smallest_magnitude() {
        assert_eq!(norm(&[5.0f32, -3.0], f64::NEG_INFINITY, true), 3.0);
        assert!(norm(&[5.0f64, f64::NAN], f64::NEG_INFINITY, true).is_nan());
    }

    #[test]
    fn a_nan_stays_whatever_follows() {
        assert!(norm(&[f32::NAN, 1.0, 2.0], f64::NEG_INFINITY, true).is_nan());
        assert!(norm(&[1.0f64, f64::NAN, 2.0], f64::INFINITY, true).is_nan());
    }

    #[test]
    fn one_element_is_its_magnitude() {
        assert_eq!(norm(&[-1e20f32], 2.0, true), 1e20);
        assert_eq!(norm(&[1500.0f32], 0.5, false), 1500.0);
        assert_eq!(norm(&[-3.0f32], 0.0, false), 1.0);
    }

    #[test]
    fn float32_overflows_as_float32() {
        assert_eq!(norm(&[1e20f32, 1e20], 2.0, true), f32::INFINITY);
        assert_eq!(norm(&[1e20f32, 1e20], 3.0, false), f32::INFINITY);
    }

    #[test]
    fn nothing_has_norm_plus_zero() {
        let n = norm::<f64>(&[], 1.0, true);
        assert!(n == 0.0 && n.is_sign_positive());
    }
}
