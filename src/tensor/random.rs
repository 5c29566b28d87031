//! Random tensors with the numbers PyTorch's CPU generator gives:
//! `torch.manual_seed`, `rand`, `randn`, `randint`, `randperm`.
//!
//! PyTorch's default CPU generator is a Mersenne Twister (mt19937) seeded
//! with the low 32 bits of the seed; its 32-bit outputs become numbers by
//! PyTorch's transforms: a float32 uniform is the low 24 bits over 2^24, a
//! float64 one the low 53 bits of two outputs over 2^53, an integer in
//! `[low, high)` an output modulo the range. Normals come from Box-Muller:
//! one pair of float64 uniforms at a time (the second normal kept for the
//! next draw), except for a contiguous float32 tensor of 16 elements or
//! more, which PyTorch fills with uniforms first and transforms 16 at a
//! time with vector maths (`box_muller`), redrawing the last 16 when the
//! size is not a multiple of 16.

use super::Tensor;
use super::box_muller::fill16;
use super::dtype::DType;
use super::error::TensorError;
use super::layout::Layout;
use super::scalar::Scalar;
use super::shape::Shape;
use super::storage::Storage;

/// The seed of a generator nobody seeded: what `torch.Generator()` starts
/// from (`c10::default_rng_seed_val`). PyTorch's own default generator
/// starts from a seed drawn from the machine, which a playground whose
/// state is its program cannot use (docs/decisions.md).
pub const DEFAULT_SEED: u64 = 67280421310721;

/// The length of the Mersenne Twister's state.
const N: usize = 624;
/// Its shift.
const M: usize = 397;

/// PyTorch's CPU generator: the Mersenne Twister and the normal it keeps
/// for the next draw.
#[derive(Debug, Clone)]
pub struct Generator {
    seed: u64,
    state: Box<[u32; N]>,
    /// The next position of the state to temper; `N` when it must be renewed.
    next: usize,
    /// The second normal of the last Box-Muller pair, not yet drawn.
    spare_normal: Option<f64>,
}

impl Default for Generator {
    fn default() -> Generator {
        Generator::new(DEFAULT_SEED)
    }
}

impl Generator {
    /// A generator seeded with `seed` (`torch.manual_seed(seed)`).
    pub fn new(seed: u64) -> Generator {
        let mut state = Box::new([0u32; N]);
        // Only the low 32 bits seed the twister.
        state[0] = seed as u32;
        for j in 1..N {
            let prev = state[j - 1];
            state[j] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(j as u32);
        }
        Generator { seed, state, next: N, spare_normal: None }
    }

    /// The seed it was last seeded with (`torch.initial_seed()`).
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The next 32 random bits.
    pub fn random(&mut self) -> u32 {
        if self.next == N {
            self.renew();
        }
        let mut y = self.state[self.next];
        self.next += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// The next 64 random bits: two draws, the first the high half.
    pub fn random64(&mut self) -> u64 {
        let hi = self.random();
        let lo = self.random();
        (u64::from(hi) << 32) | u64::from(lo)
    }

    /// The twister's next state.
    fn renew(&mut self) {
        let s = &mut self.state;
        let twist = |u: u32, v: u32| {
            (((u & 0x8000_0000) | (v & 0x7fff_ffff)) >> 1) ^ if v & 1 == 1 { 0x9908_b0df } else { 0 }
        };
        for k in 0..N {
            s[k] = s[(k + M) % N] ^ twist(s[k], s[(k + 1) % N]);
        }
        self.next = 0;
    }

    /// A float32 uniform in [0, 1).
    fn uniform_f32(&mut self) -> f32 {
        (self.random() & 0x00ff_ffff) as f32 / (1u32 << 24) as f32
    }

    /// A float64 uniform in [0, 1).
    fn uniform_f64(&mut self) -> f64 {
        (self.random64() & ((1u64 << 53) - 1)) as f64 / (1u64 << 53) as f64
    }

    /// A standard normal, one of a Box-Muller pair (the other kept for the
    /// next call).
    fn normal(&mut self) -> f64 {
        if let Some(spare) = self.spare_normal.take() {
            return spare + 0.0;
        }
        let u1 = self.uniform_f64();
        let u2 = self.uniform_f64();
        let radius = (-2.0 * (-u2).ln_1p()).sqrt();
        let theta = 2.0 * std::f64::consts::PI * u1;
        self.spare_normal = Some(radius * theta.sin());
        // PyTorch scales by the standard deviation and adds the mean: an
        // exact `* 1 + 0`, which turns `-0.` into `0.`.
        radius * theta.cos() + 0.0
    }
}

/// The elements of a new tensor of `shape` and `dtype` from `values` drawn
/// in memory order, laid out with `strides` (PyTorch draws a tensor's
/// elements in the order they lie in memory; `None`: row-major).
fn laid_out(values: Storage, shape: Shape, strides: Option<Vec<i64>>) -> Tensor {
    let tensor = Tensor::from_storage(values, shape.clone());
    match strides {
        None => tensor,
        Some(strides) => tensor.view_as(Layout::contiguous(shape.clone()).restrided(shape, strides)),
    }
}

/// `torch.rand(size, dtype=...)`: uniforms in [0, 1).
pub fn rand(
    g: &mut Generator,
    shape: Shape,
    dtype: DType,
    strides: Option<Vec<i64>>,
) -> Result<Tensor, TensorError> {
    let n = shape.numel();
    let values = match dtype {
        DType::Float32 => Storage::Float32((0..n).map(|_| g.uniform_f32()).collect()),
        DType::Float64 => Storage::Float64((0..n).map(|_| g.uniform_f64()).collect()),
        other => return Err(TensorError::NotImplementedFor { kernel: "check_uniform_bounds", dtype: other }),
    };
    Ok(laid_out(values, shape, strides))
}

/// `torch.randn(size, dtype=...)`: standard normals, by PyTorch's path for
/// the size, dtype and layout.
pub fn randn(
    g: &mut Generator,
    shape: Shape,
    dtype: DType,
    strides: Option<Vec<i64>>,
) -> Result<Tensor, TensorError> {
    let n = shape.numel();
    // PyTorch's block path needs a contiguous tensor of 16 elements or more.
    let blocks = n >= 16 && strides.is_none();
    let values = match dtype {
        DType::Float32 if blocks => {
            let mut v: Vec<f32> = (0..n).map(|_| g.uniform_f32()).collect();
            v.chunks_exact_mut(16).for_each(fill16);
            if !n.is_multiple_of(16) {
                // The last 16, drawn again and transformed together.
                let tail = &mut v[n - 16..];
                tail.iter_mut().for_each(|x| *x = g.uniform_f32());
                fill16(tail);
            }
            Storage::Float32(v)
        }
        DType::Float64 if blocks => {
            let mut v: Vec<f64> = (0..n).map(|_| g.uniform_f64()).collect();
            v.chunks_exact_mut(16).for_each(fill16_f64);
            if !n.is_multiple_of(16) {
                let tail = &mut v[n - 16..];
                tail.iter_mut().for_each(|x| *x = g.uniform_f64());
                fill16_f64(tail);
            }
            Storage::Float64(v)
        }
        DType::Float32 => Storage::Float32((0..n).map(|_| g.normal() as f32).collect()),
        DType::Float64 => Storage::Float64((0..n).map(|_| g.normal()).collect()),
        other => return Err(TensorError::NotImplementedFor { kernel: "normal_kernel_cpu", dtype: other }),
    };
    Ok(laid_out(values, shape, strides))
}

/// PyTorch's Box-Muller over 16 float64 uniforms, with the C library's maths.
fn fill16_f64(block: &mut [f64]) {
    for j in 0..8 {
        let u1 = 1.0 - block[j];
        let u2 = block[j + 8];
        let radius = (-2.0 * u1.ln()).sqrt();
        let theta = 2.0 * std::f64::consts::PI * u2;
        block[j] = radius * theta.cos() + 0.0;
        block[j + 8] = radius * theta.sin() + 0.0;
    }
}

/// `torch.randint(low, high, size, dtype=...)`: integers in `[low, high)`,
/// with PyTorch's checks of the bounds against the dtype.
pub fn randint(
    g: &mut Generator,
    low: i64,
    high: i64,
    shape: Shape,
    dtype: DType,
    strides: Option<Vec<i64>>,
) -> Result<Tensor, TensorError> {
    if low >= high {
        return Err(TensorError::runtime(format!(
            "random_ expects 'from' to be less than 'to', but got from={low} >= to={high}"
        )));
    }
    let bounds = match dtype {
        DType::Bool => Some((0, 1, "bool")),
        DType::Int32 => Some((i64::from(i32::MIN), i64::from(i32::MAX), "int")),
        _ => None,
    };
    if let Some((min, max, name)) = bounds {
        for (value, what) in [(low, "from"), (high - 1, "to - 1")] {
            if value < min || value > max {
                return Err(TensorError::runtime(format!("{what} is out of bounds for {name}")));
            }
        }
    }
    let range = (high as u64).wrapping_sub(low as u64);
    // PyTorch's wheels take 64 random bits from a range of 2^28 on, whatever
    // the dtype (so that `%` skews the numbers by at most about 5%).
    let wide = range >= 1 << 28;
    let n = shape.numel();
    let draws = (0..n).map(|_| {
        let bits = if wide { g.random64() } else { u64::from(g.random()) };
        Scalar::Int((bits % range).wrapping_add(low as u64) as i64)
    });
    let values = Storage::from_scalars(dtype, draws.collect::<Vec<_>>().into_iter());
    Ok(laid_out(values, shape, strides))
}

/// `torch.randperm(n, dtype=...)`: a random order of `0..n`, shuffled as
/// PyTorch shuffles it (each place swapped with a later one).
pub fn randperm(g: &mut Generator, n: usize, dtype: DType) -> Result<Tensor, TensorError> {
    if dtype == DType::Bool {
        return Err(TensorError::NotImplementedFor { kernel: "randperm", dtype });
    }
    let mut order: Vec<i64> = (0..n as i64).collect();
    for i in 0..n.saturating_sub(1) {
        let z = g.random() as usize % (n - i);
        order.swap(i, z + i);
    }
    let shape = Shape::new(vec![n])?;
    Ok(Tensor::from_storage(Storage::from_scalars(dtype, order.into_iter().map(Scalar::Int)), shape))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_twister_matches_the_reference_sequence() {
        // mt19937 seeded with 5489 (the reference implementation's default):
        // its 10000th output is 4123659995.
        let mut g = Generator::new(5489);
        let last = (0..10_000).map(|_| g.random()).last();
        assert_eq!(last, Some(4_123_659_995));
    }

    #[test]
    fn a_seed_keeps_only_its_low_32_bits_for_the_twister() {
        let (mut a, mut b) = (Generator::new(5), Generator::new((1 << 32) + 5));
        assert_eq!(a.random(), b.random());
        assert_eq!(b.seed(), (1 << 32) + 5);
    }

    #[test]
    fn a_shuffle_holds_every_number_once() {
        let mut g = Generator::new(0);
        let mut seen = randperm(&mut g, 100, DType::Int64).unwrap().to_vec::<i64>();
        seen.sort();
        assert_eq!(seen, (0..100).collect::<Vec<_>>());
    }
}
