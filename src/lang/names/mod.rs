//! The real names of PyTorch, NumPy and Python, listed by
//! `tests/golden/names.py` from the real libraries: a name the playground
//! lacks but PyTorch has is "not yet", any other is a typo, with Python's
//! own suggestion computed over these lists (`suggest`).

/// One generated list: a header line, then one name a line, in the order
/// Python's suggestion goes through them.
pub struct Names(&'static str);

impl Names {
    /// The names, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> {
        self.0.lines().filter(|l| !l.starts_with('#'))
    }

    /// Whether `name` is one of them.
    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }
}

/// `dir()` of a tensor.
pub static TENSOR: Names = Names(include_str!("tensor.txt"));
/// `dir(torch)`.
pub static TORCH: Names = Names(include_str!("torch.txt"));
/// `dir(torch.nn)`.
pub static NN: Names = Names(include_str!("nn.txt"));
/// `dir(torch.nn.functional)`.
pub static FUNCTIONAL: Names = Names(include_str!("functional.txt"));
/// `dir(numpy)`.
pub static NUMPY: Names = Names(include_str!("numpy.txt"));
/// The REPL's own globals (`__name__`, ...), in dictionary order.
pub static GLOBALS: Names = Names(include_str!("globals.txt"));
/// Python's builtins, in dictionary order.
pub static BUILTINS: Names = Names(include_str!("builtins.txt"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_hold_what_the_playground_refuses_as_not_yet() {
        for name in ["argsort", "flip", "diag", "roll", "isnan", "nelement", "sum"] {
            assert!(TENSOR.contains(name), "{name}");
        }
        assert!(TORCH.contains("fft") && TORCH.contains("flip"));
        assert!(FUNCTIONAL.contains("softmax") && NUMPY.contains("sum"));
        assert!(BUILTINS.contains("range") && GLOBALS.contains("__name__"));
        assert!(!TENSOR.contains("summ") && !TENSOR.contains("# dir(torch.tensor([1.])): generated"));
    }

    /// The last line's error of `program` after `t = torch.tensor([1., 2.])`.
    fn error(program: &str) -> String {
        crate::lang::run_program(&format!("t = torch.tensor([1., 2.])\n{program}")).error.unwrap_or_default()
    }

    #[test]
    fn real_names_the_playground_lacks_are_not_yet_implemented() {
        let not_yet = |what: &str, library: &str| {
            format!(
                "NotImplementedError: {what} is part of {library} but not of the playground yet; \
                 see the list of what is supported"
            )
        };
        for method in ["argsort()", "flip(0)", "diag()", "roll(1)", "isinf()", "nelement()"] {
            let name = method.split('(').next().unwrap();
            assert_eq!(error(&format!("t.{method}")), not_yet(&format!("Tensor.{name}"), "PyTorch"));
        }
        assert_eq!(error("torch.fft"), not_yet("torch.fft", "PyTorch"));
        assert_eq!(error("torch.flip(t, [0])"), not_yet("torch.flip", "PyTorch"));
        assert_eq!(error("np.sum"), not_yet("numpy.sum", "NumPy"));
        assert_eq!(error("range(3)"), not_yet("range", "Python"));
        // A typo is Python's own error (checked against the REPL by the goldens).
        assert_eq!(error("t.summ()"), "AttributeError: 'Tensor' object has no attribute 'summ'");
    }
}
