//! The vectorised Box-Muller transform PyTorch's CPU kernel uses for
//! `torch.randn` of 16 float32 elements or more, reproduced bit for bit.
//!
//! PyTorch turns pairs of uniforms `(u[j], u[j + 8])` of each block of 16
//! into normals with AVX2 approximations of the logarithm, sine and cosine
//! (Cephes' polynomials, in `avx_mathfun.h`), not the C library's. Their
//! every rounding matters to the last bit of the result, including where
//! the compiler fused a multiplication and an addition into one rounding
//! (GCC does, for these vector expressions, with FMA instructions): the
//! fused steps below are the ones that reproduce PyTorch's numbers, checked
//! against two million of them.

// PyTorch's constants are C++ `double` literals stored as floats: each is
// written digit for digit as PyTorch writes it, rounded from its decimal to
// a double, then to a float, as PyTorch's are.
#![allow(clippy::excessive_precision)]

/// `log(x)` of a float in (0, 1], as PyTorch's vector kernel computes it.
fn log(x: f32) -> f32 {
    let p: [f32; 9] = [
        7.0376836292E-2_f64 as f32,
        -1.1514610310E-1_f64 as f32,
        1.1676998740E-1_f64 as f32,
        -1.2420140846E-1_f64 as f32,
        1.4249322787E-1_f64 as f32,
        -1.6668057665E-1_f64 as f32,
        2.0000714765E-1_f64 as f32,
        -2.4999993993E-1_f64 as f32,
        3.3333331174E-1_f64 as f32,
    ];
    let sqrt_half = std::f64::consts::FRAC_1_SQRT_2 as f32;
    let (q1, q2) = (-2.12194440e-4_f64 as f32, 0.693359375_f32);
    // The smallest normal float: smaller inputs are cut off.
    let x = x.max(f32::MIN_POSITIVE);
    let bits = x.to_bits();
    // The exponent, and the mantissa as a number in [0.5, 1).
    let mut e = ((bits >> 23) as i32 - 0x7f) as f32 + 1.0;
    let mut m = f32::from_bits((bits & !0x7f80_0000) | 0.5f32.to_bits());
    let below = m < sqrt_half;
    let tmp = if below { m } else { 0.0 };
    m -= 1.0;
    e -= if below { 1.0 } else { 0.0 };
    m += tmp;
    let z = m * m;
    let mut y = p[0];
    for &c in &p[1..] {
        y = y.mul_add(m, c);
    }
    y *= m;
    y = y.mul_add(z, e * q1);
    y -= z * 0.5;
    m += y;
    e.mul_add(q2, m)
}

/// `(sin(x), cos(x))` of a float in [0, 2π), as PyTorch's vector kernel
/// computes them: both polynomials evaluated, each result picked out of
/// them by masks and additions (which turn `-0.` into `0.`).
fn sin_cos(x: f32) -> (f32, f32) {
    let four_over_pi = 1.27323954473516_f64 as f32;
    let dp = [-0.78515625_f32, -2.4187564849853515625e-4_f64 as f32, -3.77489497744594108e-8_f64 as f32];
    let cos_p = [
        2.443315711809948E-005_f64 as f32,
        -1.388731625493765E-003_f64 as f32,
        4.166664568298827E-002_f64 as f32,
    ];
    let sin_p = [-1.9515295891E-4_f64 as f32, 8.3321608736E-3_f64 as f32, -1.6666654611E-1_f64 as f32];
    let sign_sin = x.to_bits() & 0x8000_0000;
    let x = f32::from_bits(x.to_bits() & 0x7fff_ffff);
    // The octant, rounded up to even.
    let j = ((x * four_over_pi) as i32 + 1) & !1;
    let y = j as f32;
    let sign_sin = sign_sin ^ (((j & 4) as u32) << 29);
    let sign_cos = ((!(j - 2) & 4) as u32) << 29;
    let sine_here = j & 2 == 0;
    // x - y·π/4 in three parts, each product fused with its addition.
    let x = dp.iter().fold(x, |x, &d| y.mul_add(d, x));
    let z = x * x;
    let mut c = cos_p[0].mul_add(z, cos_p[1]);
    c = c.mul_add(z, cos_p[2]);
    c *= z;
    c = c.mul_add(z, -(z * 0.5));
    c += 1.0;
    let mut s = sin_p[0].mul_add(z, sin_p[1]);
    s = s.mul_add(z, sin_p[2]);
    s *= z;
    s = s.mul_add(x, x);
    let (sin_from_s, sin_from_c) = if sine_here { (s, 0.0) } else { (0.0, c) };
    let (s_rest, c_rest) = (s - sin_from_s, c - sin_from_c);
    let sin = sin_from_c + sin_from_s;
    let cos = c_rest + s_rest;
    (f32::from_bits(sin.to_bits() ^ sign_sin), f32::from_bits(cos.to_bits() ^ sign_cos))
}

/// Turns 16 uniforms in [0, 1) into 16 normals in place: `(u[j], u[j + 8])`
/// into `(r cos θ, r sin θ)`, with `r = sqrt(-2 log(1 - u[j]))` and
/// `θ = 2π u[j + 8]` (plus a mean of 0, which turns `-0.` into `0.`).
pub fn fill16(block: &mut [f32]) {
    let two_pi = (2.0 * std::f64::consts::PI) as f32;
    for j in 0..8 {
        let u1 = 1.0 - block[j];
        let u2 = block[j + 8];
        let radius = (-2.0 * log(u1)).sqrt();
        let (sin, cos) = sin_cos(two_pi * u2);
        block[j] = radius * cos + 0.0;
        block[j + 8] = radius * sin + 0.0;
    }
}
