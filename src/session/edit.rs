//! Editing an input element in place: the program's `torch.tensor` literal
//! is rewritten, so the program stays the single source of truth.

use super::Session;
use crate::lang::Span;
use crate::lang::ast::{Expr, ExprKind, StmtKind};
use crate::lang::parser::parse;
use crate::tensor::decimal::parse_f64;
use crate::tensor::lineage::NodeId;

impl Session {
    /// Where each element of a leaf tensor is written in the program, in
    /// row-major order, if it was built from a literal (`torch.tensor([[1, 2], ...])`).
    pub fn element_spans(&self, node: NodeId) -> Option<Vec<Span>> {
        let span = *self.run().spans.get(node)?;
        let statements = parse(self.source()).ok()?;
        let call = statements.iter().find_map(|s| match &s.kind {
            StmtKind::Expr(e) | StmtKind::Assign { value: e, .. } => find_call(e, span),
            StmtKind::Import { .. } => None,
        })?;
        let ExprKind::Call { func, args, .. } = &call.kind else { return None };
        let ExprKind::Attribute { name, .. } = &func.kind else { return None };
        if name != "tensor" {
            return None;
        }
        let mut spans = Vec::new();
        collect_elements(args.first()?, &mut spans);
        let numel = self.run().graph.node(node).shape.numel();
        (spans.len() == numel).then_some(spans)
    }

    /// The program with element `flat` of leaf `node` replaced by `text`,
    /// which must be a number (`2`, `-0.5`, `1e3`, `nan`, `inf`, `-inf`).
    pub fn with_element(&self, node: NodeId, flat: usize, text: &str) -> Result<String, String> {
        let literal = number_literal(text).ok_or_else(|| format!("'{}' is not a number", text.trim()))?;
        let spans = self.element_spans(node).ok_or("this tensor is not written as a list in the program")?;
        let span = spans.get(flat).ok_or("no such element")?;
        let source = self.source();
        Ok(format!("{}{}{}", &source[..span.start], literal, &source[span.end..]))
    }
}

/// The expression whose span is exactly `span`, searched depth-first.
fn find_call(e: &Expr, span: Span) -> Option<&Expr> {
    if e.span.start == span.start && e.span.end == span.end && matches!(e.kind, ExprKind::Call { .. }) {
        return Some(e);
    }
    let children: Vec<&Expr> = match &e.kind {
        ExprKind::Attribute { value, .. } => vec![value],
        ExprKind::Call { func, args, kwargs } => {
            std::iter::once(&**func).chain(args).chain(kwargs.iter().map(|(_, v)| v)).collect()
        }
        ExprKind::Subscript { value, index } => vec![value, index],
        ExprKind::Unary { operand, .. } => vec![operand],
        ExprKind::Binary { left, right, .. } => vec![left, right],
        ExprKind::Compare { first, rest } => {
            std::iter::once(&**first).chain(rest.iter().map(|(_, e)| e)).collect()
        }
        ExprKind::BoolOp { values, .. } | ExprKind::List(values) | ExprKind::Tuple(values) => {
            values.iter().collect()
        }
        _ => Vec::new(),
    };
    children.into_iter().find_map(|c| find_call(c, span))
}

/// The element expressions of a nested list literal, row-major.
fn collect_elements(e: &Expr, out: &mut Vec<Span>) {
    match &e.kind {
        ExprKind::List(items) | ExprKind::Tuple(items) => items.iter().for_each(|i| collect_elements(i, out)),
        _ => out.push(e.span),
    }
}

/// The Python literal for a number the learner typed, if it is one.
fn number_literal(text: &str) -> Option<String> {
    let t = text.trim();
    match t.to_ascii_lowercase().as_str() {
        "nan" => return Some("float('nan')".to_string()),
        "inf" | "+inf" => return Some("float('inf')".to_string()),
        "-inf" => return Some("float('-inf')".to_string()),
        "true" => return Some("True".to_string()),
        "false" => return Some("False".to_string()),
        _ => {}
    }
    let plain = t.strip_prefix('-').unwrap_or(t);
    let looks_numeric = !plain.is_empty()
        && plain.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && plain.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    (looks_numeric && parse_f64(t).is_some()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0]], dtype=torch.float32)\nt.argmax(dim=1)\n";

    #[test]
    fn editing_a_cell_rewrites_the_literal() {
        let s = Session::new(P);
        let t = s.grids()[0].node;
        let edited = s.with_element(t, 5, "7").unwrap();
        assert_eq!(edited, P.replace("[0, 3, 3, 0]", "[0, 7, 3, 0]"));
        let edited = s.with_element(t, 0, " -2.5 ").unwrap();
        assert!(edited.starts_with("t = torch.tensor([[-2.5, 0"));
        assert!(s.with_element(t, 0, "nan").unwrap().contains("[[float('nan'), 0"));
        assert!(s.with_element(t, 0, "abc").is_err());
        assert!(s.with_element(t, 0, "1; import os").is_err());
    }

    #[test]
    fn computed_tensors_cannot_be_edited() {
        let s = Session::new("t = torch.arange(4)\nt.sum()");
        assert!(s.element_spans(s.grids()[0].node).is_none());
    }
}
