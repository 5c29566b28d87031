//! A small grammar of the subset: bytes choose a program from it
//! (tensors from data and constructors, reductions with dims, keepdim and
//! dtypes, indexing, arithmetic, builtins), with sizes and numbers drawn
//! from the edge cases (0, -1, 2**62, 1e308, NaN, empty shapes...).
//! Byte-level mutation mostly makes syntax errors; programs from this
//! reach the tensor core (and, through the `boundary` target, the views)
//! well-formed but hostile.

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use tensor_playground::session::controls::OP_CHOICES;

const VARS: &[&str] = &["t", "u", "x"];
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "-1",
    "-2",
    "4",
    "5",
    "7",
    "0.5",
    "-0.0",
    "2.5",
    "1e308",
    "-1e308",
    "1e-308",
    "1e38",
    "2**31",
    "2**62",
    "9223372036854775807",
    "-9223372036854775807 - 1",
    "float('nan')",
    "float('inf')",
    "-float('inf')",
    "True",
    "False",
    "'ab'",
    "'\\x41\\u00e9'",
];
/// Sizes, among them ones a 32-bit `usize` (the browser's) cannot hold.
const SIZES: &[&str] = &["0", "1", "2", "3", "4", "5", "-1", "True", "2**62", "2**32 + 1", "4294967298"];
/// Sizes and counts at the playground's limits: drawn rarely, as each op on
/// them takes a good fraction of a second.
const BIG: &[&str] = &["4096", "2**12", "16777216", "2**24", "2**24 + 1"];
const DTYPES: &[&str] =
    &["torch.float32", "torch.float64", "torch.int64", "torch.int32", "torch.bool", "float", "int", "bool"];
const OTHER_METHODS: &[&str] = &[
    "flatten",
    "float",
    "double",
    "long",
    "int",
    "bool",
    "clone",
    "numel",
    "dim",
    "size",
    "item",
    "tolist",
    "numpy",
    "to",
    "reshape",
    "view",
    "unsqueeze",
    "squeeze",
    "transpose",
    "permute",
    "t",
    "abs",
    "contiguous",
    "exp",
    "log",
    "sqrt",
    "square",
    "sigmoid",
    "tanh",
    "relu",
    "isnan",
    "clamp",
    "clip",
    "maximum",
    "minimum",
    "flip",
    "roll",
    "topk",
    "kthvalue",
    "nonzero",
    "median",
    "sort",
    "chunk",
    "split",
    "requires_grad_",
    "detach",
    "backward",
    "zero_",
];
/// Products: a method taking another tensor.
const PRODUCTS: &[&str] = &["matmul", "mm", "mv", "dot", "outer", "bmm"];
/// `torch.einsum` equations, well-formed and not.
const EQUATIONS: &[&str] = &[
    "'ij,jk->ik'",
    "'ij->j'",
    "'ij->'",
    "'ij,j->i'",
    "'bij,bjk->bik'",
    "'ii->i'",
    "'ii'",
    "'i,i->'",
    "'i,j->ij'",
    "'ij,jk'",
    "'ji'",
    "'ij->ii'",
    "'ij->k'",
    "'i1'",
    "'...ij'",
    "','",
    "'->'",
    "''",
    "'ijk,k->ij'",
];
/// Methods whose arguments are tensors as well as numbers: drawn with
/// expressions for arguments.
const PICKING_METHODS: &[&str] =
    &["gather", "index_select", "masked_fill", "where", "topk", "kthvalue", "roll"];
/// Keywords of the sorting and picking methods.
const PICKING_KEYWORDS: &[&str] =
    &["descending=True", "stable=True", "largest=False", "sorted=False", "as_tuple=True", "keepdim=True"];
const ATTRIBUTES: &[&str] =
    &["shape", "ndim", "dtype", "values", "indices", "T", "grad", "requires_grad", "is_leaf", "grad_fn"];
/// Calls of `backward`, after `.sum()` now and then (a one-element result).
const BACKWARDS: &[&str] = &[
    ".backward()",
    ".sum().backward()",
    ".sum().backward(retain_graph=True)",
    ".backward(gradient=t)",
    ".mean().backward(retain_graph=True)",
    ".max().backward()",
];
const BINARY: &[&str] =
    &["+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", "<=", ">", ">=", "and", "or", "in", "is", "@"];
const BUILTINS: &[&str] = &[
    "len", "float", "int", "bool", "round", "abs", "list", "tuple", "str", "repr", "print", "min", "max",
    "sum",
];

struct Gen<'a, 'b> {
    u: &'b mut Unstructured<'a>,
    out: String,
    /// Whether sizes and counts at the playground's limits are drawn.
    big: bool,
}

impl Gen<'_, '_> {
    fn pick(&mut self, from: &[&str]) -> Result<()> {
        let drawn_big = (from == SIZES || from == NUMBERS) && self.big && self.u.ratio(1, 16)?;
        let from = if drawn_big { BIG } else { from };
        let s = *self.u.choose(from)?;
        self.out.push_str(s);
        Ok(())
    }

    /// The name of an op that takes a dim: the op control's own list
    /// (reductions and ops along a dim), or `norm`, which runs but is not offered.
    fn reduction(&mut self) -> Result<()> {
        let i = self.u.choose_index(OP_CHOICES.len() + 1)?;
        self.out.push_str(OP_CHOICES.get(i).copied().unwrap_or("norm"));
        Ok(())
    }

    fn int(&mut self, low: i64, high: i64) -> Result<()> {
        let i = self.u.int_in_range(low..=high)?;
        self.out.push_str(&i.to_string());
        Ok(())
    }

    fn program(&mut self) -> Result<()> {
        for _ in 0..self.u.int_in_range(1..=8)? {
            let start = self.out.len();
            match self.u.int_in_range(0..=4)? {
                0 | 1 => {
                    self.pick(VARS)?;
                    self.out.push_str(" = ");
                    self.expr(0)?;
                }
                2 => {
                    self.pick(VARS)?;
                    self.out.push_str(", ");
                    self.pick(VARS)?;
                    self.out.push_str(" = ");
                    self.expr(0)?;
                }
                3 if self.u.ratio(1, 3)? => {
                    // A backward through what was computed, and a gradient read.
                    self.pick(VARS)?;
                    self.pick(BACKWARDS)?;
                    self.out.push('\n');
                    self.pick(VARS)?;
                    self.out.push_str(".grad");
                }
                _ => self.expr(0)?,
            }
            self.out.push('\n');
            // Now and then the statement again, many times: chains of
            // tensors (`t = t[None]`, `x = x + x`) grow line by line.
            if self.u.ratio(1, 16)? {
                let statement = self.out[start..].to_string();
                self.out.push_str(&statement.repeat(self.u.int_in_range(1..=40)?));
            }
        }
        Ok(())
    }

    fn expr(&mut self, depth: usize) -> Result<()> {
        if depth > 4 {
            return self.atom();
        }
        match self.u.int_in_range(0..=13)? {
            0 => self.atom(),
            12 => {
                // A product, a join or an einsum of two operands.
                match self.u.int_in_range(0..=2)? {
                    0 => {
                        self.expr(depth + 1)?;
                        self.out.push('.');
                        self.pick(PRODUCTS)?;
                        self.out.push('(');
                        self.expr(depth + 1)?;
                    }
                    1 => {
                        self.pick(&["torch.cat([", "torch.stack([", "torch.concat(("])?;
                        self.expr(depth + 1)?;
                        self.out.push_str(", ");
                        self.expr(depth + 1)?;
                        self.out.push_str(if self.out.ends_with("((") { ",), " } else { "], " });
                        self.dims()?;
                    }
                    _ => {
                        self.out.push_str("torch.einsum(");
                        self.pick(EQUATIONS)?;
                        for _ in 0..self.u.int_in_range(0..=3)? {
                            self.out.push_str(", ");
                            self.expr(depth + 1)?;
                        }
                    }
                }
                self.out.push(')');
                Ok(())
            }
            13 => self.random(),
            1 | 2 => self.constructor(depth),
            3 | 4 => self.method(depth),
            5 => {
                self.out.push_str("torch.");
                self.reduction()?;
                self.out.push('(');
                self.expr(depth + 1)?;
                if self.u.arbitrary()? {
                    self.out.push_str(", ");
                    self.dims()?;
                }
                self.out.push(')');
                Ok(())
            }
            6 => {
                self.expr(depth + 1)?;
                self.out.push('[');
                self.index(depth)?;
                self.out.push(']');
                Ok(())
            }
            7 => {
                self.out.push('(');
                self.expr(depth + 1)?;
                self.out.push(' ');
                self.pick(BINARY)?;
                self.out.push(' ');
                self.expr(depth + 1)?;
                self.out.push(')');
                Ok(())
            }
            8 => {
                self.pick(&["-", "+", "~", "not "])?;
                self.expr(depth + 1)
            }
            9 => {
                self.expr(depth + 1)?;
                self.out.push('.');
                self.pick(ATTRIBUTES)
            }
            10 => {
                self.pick(BUILTINS)?;
                self.out.push('(');
                self.expr(depth + 1)?;
                self.out.push(')');
                Ok(())
            }
            _ => {
                let (open, close) = if self.u.arbitrary()? { ("[", "]") } else { ("(", ",)") };
                self.out.push_str(open);
                for i in 0..self.u.int_in_range(0..=3)? {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expr(depth + 1)?;
                }
                self.out.push_str(close);
                if self.u.ratio(1, 8)? {
                    self.out.push_str(" * ");
                    self.pick(SIZES)?;
                }
                Ok(())
            }
        }
    }

    /// A random or shaped tensor: `torch.rand(...)`, `torch.manual_seed(...)`, ...
    fn random(&mut self) -> Result<()> {
        self.pick(&[
            "torch.rand(",
            "torch.randn(",
            "torch.randperm(",
            "torch.eye(",
            "torch.randint(",
            "torch.linspace(",
            "torch.manual_seed(",
            "torch.rand_like(",
            "torch.randn_like(",
            "torch.zeros_like(",
            "torch.full_like(",
        ])?;
        for i in 0..self.u.int_in_range(0..=3)? {
            if i > 0 {
                self.out.push_str(", ");
            }
            match self.u.int_in_range(0..=2)? {
                0 => self.pick(SIZES)?,
                1 => self.pick(NUMBERS)?,
                _ => self.atom()?,
            }
        }
        if self.u.ratio(1, 4)? {
            self.out.push_str(", dtype=");
            self.pick(DTYPES)?;
        }
        self.out.push(')');
        Ok(())
    }

    fn atom(&mut self) -> Result<()> {
        if self.u.arbitrary()? { self.pick(VARS) } else { self.pick(NUMBERS) }
    }

    fn constructor(&mut self, depth: usize) -> Result<()> {
        match self.u.int_in_range(0..=4)? {
            0 => {
                self.out.push_str("torch.tensor(");
                let rank = self.u.int_in_range(0..=4)?;
                let dims: Vec<usize> =
                    (0..rank).map(|_| self.u.int_in_range(0..=3)).collect::<Result<_>>()?;
                self.data(&dims)?;
            }
            1 | 2 => {
                self.pick(&["torch.zeros(", "torch.ones(", "torch.full(("])?;
                let full = self.out.ends_with("((");
                for i in 0..self.u.int_in_range(0..=4)? {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.pick(SIZES)?;
                }
                if full {
                    self.out.push_str(",), ");
                    self.pick(NUMBERS)?;
                }
            }
            3 => {
                self.out.push_str("torch.arange(");
                for i in 0..self.u.int_in_range(1..=3)? {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.pick(NUMBERS)?;
                }
            }
            _ => {
                self.out.push_str("torch.tensor(");
                self.expr(depth + 1)?;
            }
        }
        if self.u.ratio(1, 4)? {
            self.out.push_str(", dtype=");
            self.pick(DTYPES)?;
        }
        if self.u.ratio(1, 3)? {
            self.out.push_str(", requires_grad=True");
        }
        self.out.push(')');
        Ok(())
    }

    /// Nested lists of shape `dims` (sometimes ragged).
    fn data(&mut self, dims: &[usize]) -> Result<()> {
        let Some((&n, rest)) = dims.split_first() else { return self.pick(NUMBERS) };
        let n = if self.u.ratio(1, 16)? { n + 1 } else { n };
        self.out.push('[');
        for i in 0..n {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.data(rest)?;
        }
        self.out.push(']');
        Ok(())
    }

    fn method(&mut self, depth: usize) -> Result<()> {
        if self.u.ratio(1, 4)? {
            return self.picking(depth);
        }
        self.expr(depth + 1)?;
        self.out.push('.');
        if self.u.arbitrary()? {
            self.reduction()?;
            self.out.push('(');
            let mut any = false;
            if self.u.arbitrary()? {
                self.out.push_str("dim=");
                self.dims()?;
                any = true;
            }
            for (kw, values) in [
                ("keepdim", &["True", "False", "1"][..]),
                ("dtype", DTYPES),
                ("correction", &["0", "1", "2", "-1", "0.5", "10**18"][..]),
                ("unbiased", &["False", "True"][..]),
                ("p", &["1", "2", "0", "0.5", "-1", "float('inf')", "'fro'", "'nuc'"][..]),
            ] {
                if self.u.ratio(1, 5)? {
                    if any {
                        self.out.push_str(", ");
                    }
                    self.out.push_str(kw);
                    self.out.push('=');
                    self.pick(values)?;
                    any = true;
                }
            }
        } else {
            self.pick(OTHER_METHODS)?;
            self.out.push('(');
            for i in 0..self.u.int_in_range(0..=3)? {
                if i > 0 {
                    self.out.push_str(", ");
                }
                if self.u.arbitrary()? { self.pick(SIZES)? } else { self.pick(DTYPES)? }
            }
        }
        self.out.push(')');
        Ok(())
    }

    /// A method (or `torch.where`) that picks elements by tensors: its
    /// arguments are expressions and numbers, maybe a keyword.
    fn picking(&mut self, depth: usize) -> Result<()> {
        if self.u.ratio(1, 4)? {
            self.out.push_str("torch.where(");
        } else {
            self.expr(depth + 1)?;
            self.out.push('.');
            self.pick(PICKING_METHODS)?;
            self.out.push('(');
        }
        for i in 0..self.u.int_in_range(0..=3)? {
            if i > 0 {
                self.out.push_str(", ");
            }
            if self.u.arbitrary()? { self.expr(depth + 1)? } else { self.pick(SIZES)? }
        }
        if self.u.ratio(1, 4)? {
            self.out.push_str(", ");
            self.pick(PICKING_KEYWORDS)?;
        }
        self.out.push(')');
        Ok(())
    }

    fn dims(&mut self) -> Result<()> {
        match self.u.int_in_range(0..=3)? {
            0 => self.int(-5, 5),
            1 => {
                self.out.push('(');
                for _ in 0..self.u.int_in_range(0..=3)? {
                    self.int(-4, 4)?;
                    self.out.push_str(", ");
                }
                self.out.push(')');
                Ok(())
            }
            2 => self.pick(&["None", "()", "[]", "'a'", "1.5"]),
            _ => self.pick(SIZES),
        }
    }

    fn index(&mut self, depth: usize) -> Result<()> {
        for i in 0..self.u.int_in_range(1..=4)? {
            if i > 0 {
                self.out.push_str(", ");
            }
            match self.u.int_in_range(0..=6)? {
                0 => self.int(-5, 5)?,
                1 => self.pick(&[
                    "None",
                    "...",
                    "True",
                    "False",
                    "2**62",
                    "-2**63",
                    "::2**32",
                    "None, None, None, None",
                ])?,
                // Advanced indexing: lists, masks, index tensors.
                2 => {
                    self.pick(&["[0, -1]", "[[0], [1]]", "[True, False]", "[]", "[2, 2, 0]", "[[[0, 1]]]"])?
                }
                3 => self.expr(depth + 1)?,
                _ => {
                    let mut parts = Vec::new();
                    for _ in 0..self.u.int_in_range(2..=3)? {
                        let bound = if self.u.arbitrary()? {
                            self.u.int_in_range(-6..=6)?.to_string()
                        } else {
                            String::new()
                        };
                        parts.push(bound);
                    }
                    self.out.push_str(&parts.join(":"));
                }
            }
        }
        Ok(())
    }
}

/// The program `u`'s bytes choose (running out of bytes just ends it
/// early); `big`: with sizes and counts at the playground's limits now and
/// then (tensors of 2**24 elements), else only small ones and the sizes it
/// refuses at once.
pub fn program(u: &mut Unstructured, big: bool) -> String {
    let mut g = Gen { u, out: String::new(), big };
    let _ = g.program();
    g.out
}
