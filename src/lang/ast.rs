//! The syntax tree of a program in the PyTorch subset.

use super::error::Span;

/// An expression and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is; its text is the expression's label in the playground.
    pub span: Span,
    /// Its span with the parentheses that only group it (`(t + 1)` where
    /// `span` is `t + 1`): where an expression built on it starts or ends,
    /// so that `(t + 1) * 2` is labelled with both of its parentheses.
    pub extent: Span,
}

impl Expr {
    /// An expression that no parentheses group (yet).
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span, extent: span }
    }
}

/// `name=value` in a call.
pub type KeywordArg = (String, Expr);

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `3`
    Int(i64),
    /// `2.5`
    Float(f64),
    /// `'nan'`
    Str(String),
    /// `True` / `False`
    Bool(bool),
    /// `None`
    None,
    /// `...`
    Ellipsis,
    /// `t`
    Name(String),
    /// `t.shape`
    Attribute { value: Box<Expr>, name: String },
    /// `t.sum(dim=0)`
    Call { func: Box<Expr>, args: Vec<Expr>, kwargs: Vec<(String, Expr)> },
    /// `t[0, 1:]`: `index` is a `Tuple` when there are several items.
    Subscript { value: Box<Expr>, index: Box<Expr> },
    /// `1:3:2` inside a subscript.
    Slice { start: Option<Box<Expr>>, stop: Option<Box<Expr>>, step: Option<Box<Expr>> },
    /// `-x`, `+x`, `not x`, `~x`
    Unary { op: UnaryOp, operand: Box<Expr> },
    /// `a + b`
    Binary { op: BinOp, left: Box<Expr>, right: Box<Expr> },
    /// `a < b <= c`
    Compare { first: Box<Expr>, rest: Vec<(CmpOp, Expr)> },
    /// `a and b`, `a or b`
    BoolOp { and: bool, values: Vec<Expr> },
    /// `[a, b]`
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`
    Tuple(Vec<Expr>),
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`
    Neg,
    /// `+`
    Pos,
    /// `not`
    Not,
    /// `~`
    Invert,
}

/// Binary arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `@`
    MatMul,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::MatMul => "@",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
        }
    }

    /// How Python's "unsupported operand type(s) for ..." names it.
    pub fn in_type_error(self) -> &'static str {
        if self == BinOp::Pow { "** or pow()" } else { self.symbol() }
    }
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `is`
    Is,
    /// `is not`
    IsNot,
}

impl CmpOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}

/// A name or tuple of names on the left of `=`.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// `t = ...`
    Name(String, Span),
    /// `values, indices = ...`
    Tuple(Vec<Target>, Span),
}

/// A statement and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// Where it is.
    pub span: Span,
}

/// The kinds of statement.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// `a = b = expr`
    Assign { targets: Vec<Target>, value: Expr },
    /// An expression whose value the REPL shows.
    Expr(Expr),
    /// `import torch` / `import numpy as np`: a module made available under a name.
    Import { module: String, name: String },
}
