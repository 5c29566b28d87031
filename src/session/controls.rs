//! The op / dim / keepdim controls: read from the program's last line, and
//! written back into it (contract section 2).

use crate::lang::Span;
use crate::lang::ast::{Expr, ExprKind, StmtKind, Target, UnaryOp};
use crate::lang::catalog::{self, Group, Op};
use crate::lang::parser::parse;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The ops the `op` control offers (its option values), group by group,
/// each in declaration order: every op the catalogue declares with a group.
pub static OP_CHOICES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| op_groups().into_iter().flat_map(|(_, ops)| ops).collect());

/// The `op` control's groups, each with its label and its ops' names.
pub fn op_groups() -> Vec<(&'static str, Vec<&'static str>)> {
    Group::ALL
        .into_iter()
        .map(|g| {
            let ops = Op::ALL.iter().filter(|op| op.decl().control == Some(g)).map(|op| op.name()).collect();
            (g.label(), ops)
        })
        .collect()
}

/// What the controls show for a program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Controls {
    /// The reduction on the last line, if it is a reduction call on a tensor.
    pub op: Option<String>,
    /// Its `dim` argument.
    pub dim: DimChoice,
    /// Its `keepdim` argument.
    pub keepdim: bool,
}

/// The `dim` argument as the control can show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DimChoice {
    /// No dim: the whole tensor.
    Whole,
    /// One dim (possibly negative).
    Dim(i64),
    /// Something the control cannot show, such as a tuple of dims.
    Other,
}

/// The last line's reduction call, taken apart.
struct Call<'a> {
    /// `t.sum(...)` rather than `torch.sum(t, ...)`.
    method: bool,
    receiver: &'a Expr,
    op: &'a str,
    dim: Option<&'a Expr>,
    keepdim: Option<&'a Expr>,
}

/// Reads the controls off the last line of `source`.
pub fn read_controls(source: &str) -> Controls {
    let none = Controls { op: None, dim: DimChoice::Whole, keepdim: false };
    let Ok(statements) = parse(source) else { return none };
    let Some(StmtKind::Expr(e)) = statements.last().map(|s| &s.kind) else { return none };
    let Some(call) = reduction_call(e) else { return none };
    let dim = match call.dim.map(|d| &d.kind) {
        None | Some(ExprKind::None) => DimChoice::Whole,
        Some(_) => int_literal(call.dim.expect("matched Some")).map_or(DimChoice::Other, DimChoice::Dim),
    };
    let keepdim = matches!(call.keepdim.map(|k| &k.kind), Some(ExprKind::Bool(true)));
    Controls { op: Some(call.op.to_string()), dim, keepdim }
}

/// The program with its last line rewritten to `op` along `dim` (`None`:
/// the whole tensor) with `keepdim`. A last line that is not a reduction
/// gets the reduction applied to it; a program ending in an assignment gets
/// a new line reducing the assigned variable.
pub fn write_controls(source: &str, op: &str, dim: Option<i64>, keepdim: bool) -> String {
    let Ok(statements) = parse(source) else { return source.to_string() };
    let dim = effective_dim(op, dim);
    let keepdim = keepdim && keeps_dims(op, dim);
    let mut args = Vec::new();
    match dim {
        Some(d) => args.push(format!("dim={d}")),
        // `t.sum(keepdim=True)` is a TypeError; `dim=None` names the
        // overload that keeps every dim, and reads as what it does.
        None if keepdim => args.push("dim=None".to_string()),
        None => {}
    }
    if keepdim {
        args.push("keepdim=True".to_string());
    }
    let Some(last) = statements.last() else {
        return source.to_string();
    };
    let (span, line) = match &last.kind {
        StmtKind::Expr(e) => {
            let line = match reduction_call(e) {
                Some(call) if call.method => {
                    // With its grouping parentheses: `(t + 1).sum()`.
                    format!("{}.{op}({})", text(source, call.receiver.extent), args.join(", "))
                }
                Some(call) => {
                    let mut all = vec![text(source, call.receiver.extent).to_string()];
                    all.extend(args);
                    format!("torch.{op}({})", all.join(", "))
                }
                None => format!("{}.{op}({})", receiver_text(source, e), args.join(", ")),
            };
            (e.span, line)
        }
        StmtKind::Assign { targets, .. } => {
            let Some(Target::Name(name, _)) = targets.first() else { return source.to_string() };
            let kept = source.trim_end_matches(|c: char| c.is_whitespace());
            return format!("{kept}\n{name}.{op}({})\n", args.join(", "));
        }
        StmtKind::Import { .. } => return source.to_string(),
    };
    format!("{}{}{}", &source[..span.start], line, &source[span.end..])
}

/// Why PyTorch's `op` cannot keep the reduced dims along `dim` (`None`:
/// the whole tensor), if it cannot (`count_nonzero` never can, and `prod`,
/// `max` and `min` only along a dim), read from its overloads. The keepdim
/// control is off, saying this, where it cannot.
pub fn keepdim_refusal(op: &str, dim: Option<i64>) -> Option<String> {
    catalog::keepdim_refusal(Op::method(op)?, effective_dim(op, dim))
}

/// The dim the controls write for `dim`: an op that needs one (`softmax`)
/// goes along the last dim when none is chosen.
fn effective_dim(op: &str, dim: Option<i64>) -> Option<i64> {
    dim.or_else(|| Op::method(op).filter(|&o| catalog::needs_dim(o)).map(|_| -1))
}

/// Why `op` cannot be applied to the whole tensor, if it cannot: the dim
/// control's "none" then stands for the last dim, which the program names.
pub fn dim_refusal(op: &str) -> Option<String> {
    let o = Op::method(op)?;
    catalog::needs_dim(o).then(|| format!("{op}() needs a dim: without one, the last dim (-1)"))
}

/// Whether PyTorch's `op` can keep the reduced dims along `dim`.
pub fn keeps_dims(op: &str, dim: Option<i64>) -> bool {
    keepdim_refusal(op, dim).is_none()
}

/// The source text of a span.
fn text(source: &str, span: Span) -> &str {
    source.get(span.start..span.end).unwrap_or_default()
}

/// An expression's text, parenthesised unless a method call can follow it directly.
fn receiver_text(source: &str, e: &Expr) -> String {
    let t = text(source, e.span);
    match e.kind {
        ExprKind::Name(_)
        | ExprKind::Attribute { .. }
        | ExprKind::Call { .. }
        | ExprKind::Subscript { .. } => t.to_string(),
        _ => format!("({t})"),
    }
}

/// The last line as a reduction call, if it is one.
fn reduction_call(e: &Expr) -> Option<Call<'_>> {
    let ExprKind::Call { func, args, kwargs } = &e.kind else { return None };
    let ExprKind::Attribute { value, name } = &func.kind else { return None };
    let op = Op::method(name).filter(|op| op.decl().control.is_some())?.name();
    // PyTorch also takes NumPy's names, `axis=` and `keepdims=`.
    let keyword = |k: &str| {
        let names = std::iter::once(k).chain(catalog::numpy_aliases(k).iter().copied());
        names.into_iter().find_map(|name| kwargs.iter().find(|(n, _)| n == name).map(|(_, v)| v))
    };
    let is_torch = matches!(&value.kind, ExprKind::Name(n) if n == "torch");
    if is_torch {
        let receiver = args.first()?;
        return Some(Call {
            method: false,
            receiver,
            op,
            dim: keyword("dim").or(args.get(1)),
            keepdim: keyword("keepdim").or(args.get(2)),
        });
    }
    Some(Call {
        method: true,
        receiver: value,
        op,
        dim: keyword("dim").or(args.first()),
        keepdim: keyword("keepdim").or(args.get(1)),
    })
}

/// An integer literal, possibly negative.
fn int_literal(e: &Expr) -> Option<i64> {
    match &e.kind {
        ExprKind::Int(i) => Some(*i),
        ExprKind::Unary { op: UnaryOp::Neg, operand } => int_literal(operand).map(|i| -i),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0]], dtype=torch.float32)\n";

    #[test]
    fn reads_method_and_function_calls() {
        let c = read_controls(&format!("{T}t.argmax(dim=1)\n"));
        assert_eq!(c, Controls { op: Some("argmax".into()), dim: DimChoice::Dim(1), keepdim: false });
        let c = read_controls(&format!("{T}torch.sum(t, -1, True)"));
        assert_eq!(c, Controls { op: Some("sum".into()), dim: DimChoice::Dim(-1), keepdim: true });
        let c = read_controls(&format!("{T}t.sum(dim=(0, 1))"));
        assert_eq!(c.dim, DimChoice::Other);
        assert_eq!(read_controls(&format!("{T}t[0] + t[1]")).op, None);
        assert_eq!(read_controls("t.sum(").op, None);
        let c = read_controls(&format!("{T}t.amax(axis=-1, keepdims=True)"));
        assert_eq!(c, Controls { op: Some("amax".into()), dim: DimChoice::Dim(-1), keepdim: true });
    }

    #[test]
    fn rewrites_only_the_last_line() {
        let p = format!("{T}t.sum(dim=0)  # columns\n");
        assert_eq!(write_controls(&p, "max", Some(0), false), format!("{T}t.max(dim=0)  # columns\n"));
        assert_eq!(
            write_controls(&p, "mean", None, true),
            format!("{T}t.mean(dim=None, keepdim=True)  # columns\n")
        );
        let f = format!("{T}torch.sum(t, dim=1)");
        assert_eq!(
            write_controls(&f, "argmin", Some(-1), true),
            format!("{T}torch.argmin(t, dim=-1, keepdim=True)")
        );
        // A grouped receiver keeps its parentheses (and so its meaning).
        let g = format!("{T}(t[0] + t[1]).sum()");
        assert_eq!(write_controls(&g, "max", Some(0), false), format!("{T}(t[0] + t[1]).max(dim=0)"));
        let g = format!("{T}torch.sum((t + 1), 1)");
        assert_eq!(write_controls(&g, "amax", Some(0), false), format!("{T}torch.amax((t + 1), dim=0)"));
    }

    #[test]
    fn never_write_a_program_pytorch_refuses() {
        // Whatever the controls are set to, PyTorch takes the program (the
        // interpreter's errors are PyTorch's, checked by the golden tests):
        // keepdim is left out where the op cannot keep dims.
        let p = format!("{T}t.sum(dim=0)\n");
        for &op in OP_CHOICES.iter() {
            for dim in [None, Some(0), Some(1), Some(-1)] {
                for keepdim in [false, true] {
                    let program = write_controls(&p, op, dim, keepdim);
                    let run = crate::lang::run_program(&program);
                    assert_eq!(run.error, None, "{program}");
                    assert_eq!(program.contains("keepdim=True"), keepdim && keeps_dims(op, dim), "{program}");
                }
            }
        }
        assert_eq!(write_controls(&p, "prod", None, true), format!("{T}t.prod()\n"));
        assert_eq!(
            write_controls(&p, "count_nonzero", Some(1), true),
            format!("{T}t.count_nonzero(dim=1)\n")
        );
    }

    #[test]
    fn ops_that_need_a_dim_go_along_the_last_one() {
        let p = format!("{T}t.sum(dim=0)\n");
        assert_eq!(write_controls(&p, "softmax", None, true), format!("{T}t.softmax(dim=-1)\n"));
        assert_eq!(
            write_controls(&p, "logsumexp", None, true),
            format!("{T}t.logsumexp(dim=-1, keepdim=True)\n")
        );
        assert!(dim_refusal("cumsum").is_some() && dim_refusal("sum").is_none());
        assert_eq!(keepdim_refusal("softmax", Some(0)).as_deref(), Some("softmax() has no keepdim"));
        let groups = op_groups();
        assert_eq!(groups[0].0, "reductions");
        assert_eq!(groups[1], ("along a dim", vec!["cumsum", "cumprod", "softmax", "log_softmax"]));
        assert_eq!(groups[2], ("sorting", vec!["sort", "argsort", "cummax", "cummin"]));
        // `t.sort()` sorts along the last dim, never the whole tensor: the
        // control says so and writes the dim.
        assert_eq!(write_controls(&p, "sort", None, false), format!("{T}t.sort(dim=-1)\n"));
        assert!(dim_refusal("sort").is_some() && dim_refusal("median").is_none());
    }

    #[test]
    fn applies_a_reduction_to_other_last_lines() {
        assert_eq!(
            write_controls(&format!("{T}t[0] + t[1]"), "sum", None, false),
            format!("{T}(t[0] + t[1]).sum()")
        );
        assert_eq!(write_controls(&format!("{T}t"), "any", Some(0), false), format!("{T}t.any(dim=0)"));
        assert_eq!(write_controls(T, "sum", Some(1), false), format!("{T}t.sum(dim=1)\n"));
    }
}
