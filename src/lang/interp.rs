//! Runs a parsed program statement by statement, as the Python REPL would,
//! recording every tensor in the lineage graph as it goes.

use super::ast::{Expr, ExprKind, Stmt, StmtKind, Target, UnaryOp};
use super::budget::Budget;
use super::error::{LangError, Span};
use super::names;
use super::repr::costed_repr;
use super::suggest::suggestion;
use super::value::{Autograd, Builtin, Kwargs, Module, Traced, Value};
use crate::tensor::autograd::{Derivative, Entry, Input, Tape};
use crate::tensor::lineage::{Graph, NodeId, Step};
use crate::tensor::marks::ids_of;
use crate::tensor::random::Generator;
use crate::tensor::rearrange::Rearrange;
use crate::tensor::{Layout, Tensor};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The most text a program may print, so a runaway print cannot exhaust memory.
pub const MAX_OUTPUT: usize = 4 << 20;

/// The last expression statement: what the playground draws.
#[derive(Debug, Clone)]
pub struct Focus {
    /// Its value.
    pub value: Value,
    /// The statement's expression.
    pub span: Span,
    /// The tensor whose elements the value stands for: the value itself, the
    /// `values` of a (values, indices) pair, the tensor that `.item()`,
    /// `.tolist()` or `.numpy()` converted, or the one `.backward()` ran from.
    pub traced: Option<Traced>,
    /// The tensors the value shows as grids: its own tensor, or the values
    /// and the indices of a (values, indices) pair.
    pub grids: Vec<NodeId>,
}

/// Everything one run of a program produced.
#[derive(Debug, Clone)]
pub struct Run {
    /// What the REPL printed.
    pub stdout: String,
    /// The first error, if any (the run stops there).
    pub error: Option<LangError>,
    /// Every tensor computed and how each derives from the others.
    pub graph: Graph,
    /// The last expression statement that ran, if any.
    pub focus: Option<Focus>,
    /// When a statement failed: the tensors it read and computed before it
    /// did (`t` and `t.mean(dim=1)` of a failing `t - t.mean(dim=1)`), in
    /// id order; what the page draws of a program that stopped there.
    pub involved: Vec<NodeId>,
    /// The variables at the end of the run.
    pub variables: HashMap<String, Value>,
    /// By node id: the tensor's values, kept for the focus and everything
    /// it was computed from (the rest is dropped to free memory).
    pub tensors: Vec<Option<Tensor>>,
    /// By node id: the code that computed the tensor.
    pub spans: Vec<Span>,
    /// How to differentiate every floating tensor the run computed.
    pub tape: Tape,
    /// The leaves that have a `.grad` at the end of the run, by node
    /// (increasing), each with that `.grad`.
    pub grads: Vec<(NodeId, Traced)>,
}

/// The state of a running program.
pub struct Interpreter<'src> {
    source: &'src str,
    vars: HashMap<String, Value>,
    /// The variables' names in the order they were first assigned, as
    /// Python's globals keep them (its suggestions go through them in order).
    order: Vec<String>,
    pub(crate) graph: Graph,
    /// Nodes that already carry a variable's name.
    named: HashSet<NodeId>,
    out: String,
    tensors: Vec<Option<Tensor>>,
    spans: Vec<Span>,
    /// The first node created by the statement being run.
    statement_start: NodeId,
    /// The tensors the statement being run has read by name.
    read: Vec<NodeId>,
    /// The memory and nesting the run has used.
    pub(crate) budget: Budget,
    /// The random number generator, seeded as a fresh `torch.Generator()`
    /// until the program calls `torch.manual_seed`.
    pub(crate) generator: Generator,
    /// How to differentiate every floating tensor computed so far.
    pub(crate) tape: Tape,
    /// The leaves that required grad when an operation read them, by
    /// node: where `backward()` puts their gradients.
    pub(crate) accumulators: HashMap<NodeId, Rc<Autograd>>,
}

/// Runs a whole program.
pub fn run(source: &str) -> Run {
    let mut interp = Interpreter::new(source);
    let mut focus = None;
    let mut involved = Vec::new();
    let error = match super::parser::parse(source) {
        Err(e) => Some(e),
        Ok(statements) => statements.iter().find_map(|s| match interp.statement(s) {
            Ok(Some(f)) => {
                focus = Some(f);
                None
            }
            Ok(None) => None,
            Err(e) => {
                let mut failed = vec![false; interp.graph.nodes().len()];
                for n in interp.read.iter().copied().chain(interp.statement_start..failed.len()) {
                    failed[n] = true;
                }
                involved = ids_of(&failed);
                Some(e.at(s.span))
            }
        }),
    };
    let mut grads: Vec<(NodeId, Traced)> = interp
        .accumulators
        .iter()
        .filter_map(|(&node, leaf)| Some((node, leaf.grad.borrow().clone()?)))
        .collect();
    grads.sort_unstable_by_key(|(node, _)| *node);
    let mut tensors = interp.tensors;
    let roots: HashSet<NodeId> =
        focus.iter().flat_map(|f: &Focus| f.grids.iter()).chain(&involved).copied().collect();
    let mut kept: HashSet<NodeId> = roots.iter().flat_map(|&g| interp.graph.upstream(g)).collect();
    // A `.grad` shown is drawn beside its leaf (session::view).
    kept.extend(grads.iter().filter(|(_, grad)| roots.contains(&grad.node)).map(|(leaf, _)| *leaf));
    for (id, t) in tensors.iter_mut().enumerate() {
        if !kept.contains(&id) {
            *t = None;
        }
    }
    Run {
        stdout: interp.out,
        error,
        graph: interp.graph,
        focus,
        involved,
        variables: interp.vars,
        tensors,
        spans: interp.spans,
        tape: interp.tape,
        grads,
    }
}

impl<'src> Interpreter<'src> {
    fn new(source: &'src str) -> Interpreter<'src> {
        let mut vars = HashMap::new();
        // The playground's programs start as if `import torch` and
        // `import numpy as np` had run.
        vars.insert("torch".to_string(), Value::Module(Module::Torch));
        vars.insert("np".to_string(), Value::Module(Module::Numpy));
        Interpreter {
            source,
            vars,
            order: vec!["torch".to_string(), "np".to_string()],
            graph: Graph::new(),
            named: HashSet::new(),
            out: String::new(),
            tensors: Vec::new(),
            spans: Vec::new(),
            statement_start: 0,
            read: Vec::new(),
            budget: Budget::default(),
            generator: Generator::default(),
            tape: Tape::new(),
            accumulators: HashMap::new(),
        }
    }

    /// The program text of a span: a tensor's label.
    pub(crate) fn text(&self, span: Span) -> String {
        self.source.get(span.start..span.end).unwrap_or_default().to_string()
    }

    /// Appends printed text, refusing to grow past `MAX_OUTPUT`.
    pub(crate) fn write(&mut self, text: &str) -> Result<(), LangError> {
        if self.out.len() + text.len() > MAX_OUTPUT {
            return Err(too_much_output());
        }
        self.out.push_str(text);
        Ok(())
    }

    /// Every variable's value, to change in place.
    pub(crate) fn variables_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.vars.values_mut()
    }

    /// Records a tensor built from data.
    pub(crate) fn leaf(&mut self, tensor: Tensor, span: Span) -> Traced {
        self.derived(tensor, Step::Leaf, span)
    }

    /// Records a tensor computed from others, labelled with its code.
    pub(crate) fn derived(&mut self, tensor: Tensor, step: Step, span: Span) -> Traced {
        let label = self.text(span);
        self.record(tensor, step, span, label)
    }

    /// Records a tensor in the lineage graph, keeping its values and code.
    pub(crate) fn record(&mut self, tensor: Tensor, step: Step, span: Span, label: String) -> Traced {
        // A reduction (or a sort) reads its whole input, once for a pair of
        // values and indices (which share their table of winners); every
        // other step computes (or copies) about one element per element of
        // its result.
        let fresh = self.budget.lineage(&step);
        let read = match &step {
            Step::Reduce { input, winners: None, .. } => self.graph.node(*input).shape.numel(),
            Step::Reduce { input, .. } | Step::Rank { input, .. } if fresh => {
                self.graph.node(*input).shape.numel()
            }
            _ => 0,
        };
        self.budget.work(tensor.numel().saturating_add(read));
        let node = self.graph.add(step, tensor.shape().clone(), label);
        self.budget.tensor(&tensor);
        self.tensors.push(Some(tensor.clone()));
        self.spans.push(span);
        Traced { tensor, node, autograd: Rc::default() }
    }

    /// Records how to differentiate `out`, just computed from `inputs`
    /// (its step's inputs that may carry a gradient, in the step's order)
    /// by the function PyTorch names `grad_fn`; `out` gets that `grad_fn`
    /// when an input requires grad. Integer and bool results have no
    /// derivative.
    pub(crate) fn differentiable(
        &mut self,
        mut out: Traced,
        grad_fn: &'static str,
        derivative: Derivative,
        inputs: &[&Traced],
    ) -> Traced {
        if !out.tensor.dtype().is_floating() {
            return out;
        }
        let tracked = inputs.iter().any(|t| t.requires_grad());
        for t in inputs.iter().filter(|t| t.requires_grad() && t.is_leaf()) {
            self.accumulators.insert(t.node, Rc::clone(&t.autograd));
        }
        let entry = Entry {
            name: grad_fn,
            derivative,
            step: self.graph.node(out.node).step.clone(),
            shape: out.tensor.shape().clone(),
            inputs: inputs
                .iter()
                .map(|t| Input {
                    node: t.node,
                    shape: t.tensor.shape().clone(),
                    dtype: t.tensor.dtype(),
                    tracked: t.requires_grad(),
                })
                .collect(),
            tracked,
            released: std::cell::Cell::new(false),
        };
        self.tape.record(out.node, entry);
        if tracked {
            out.autograd = Rc::new(Autograd::computed(grad_fn));
        }
        out
    }

    /// Records a tensor whose every element is computed from its input's
    /// element at the same place (`-t`, `t.abs()`).
    pub(crate) fn element_wise(&mut self, tensor: Tensor, input: &Traced, span: Span) -> Traced {
        let map = Layout::contiguous(input.tensor.shape().clone());
        self.derived(tensor, Step::Elementwise { inputs: vec![(input.node, map)] }, span)
    }

    /// Makes `out` the same tensor object as `t` to autograd (`+t`, a
    /// one-dim `flatten()`: PyTorch returns `t` itself), its gradient
    /// flowing back through its own step.
    pub(crate) fn same_tensor(&mut self, out: Traced, t: &Traced) -> Traced {
        let mut out = self.differentiable(out, "AliasBackward0", Derivative::Copy, &[t]);
        out.autograd = Rc::clone(&t.autograd);
        out
    }

    /// Records a view that rearranges its input's dims (`t.T`,
    /// `t.permute(...)`), whose `grad_fn` PyTorch names `grad_fn`.
    pub(crate) fn rearranged(
        &mut self,
        input: &Traced,
        r: Rearrange,
        grad_fn: &'static str,
        span: Span,
    ) -> Traced {
        let map = r.apply(&Layout::contiguous(input.tensor.shape().clone()));
        let out = self.derived(input.tensor.rearranged(&r), Step::View { input: input.node, map }, span);
        self.differentiable(out, grad_fn, Derivative::Copy, &[input])
    }

    /// Records a dtype conversion (`t.double()`, `t.to(dtype)`), whose
    /// gradient is converted back (`ToCopyBackward0`).
    pub(crate) fn converted(&mut self, tensor: Tensor, input: &Traced, span: Span) -> Traced {
        let out = self.same_elements(tensor, input, span);
        self.differentiable(out, "ToCopyBackward0", Derivative::Copy, &[input])
    }

    /// Records a tensor whose elements are its input's, one for one (dtype conversions).
    pub(crate) fn same_elements(&mut self, tensor: Tensor, input: &Traced, span: Span) -> Traced {
        let map = Layout::contiguous(input.tensor.shape().clone());
        self.derived(tensor, Step::View { input: input.node, map }, span)
    }

    fn statement(&mut self, stmt: &Stmt) -> Result<Option<Focus>, LangError> {
        self.statement_start = self.graph.nodes().len();
        self.read.clear();
        match &stmt.kind {
            StmtKind::Import { module, name } => {
                // `import torch.nn.functional` binds `torch`; with `as F`, the module itself.
                let top = module.split('.').next() == Some(name.as_str());
                let m = match module.as_str() {
                    "numpy" => Module::Numpy,
                    _ if top => Module::Torch,
                    "torch.nn" => Module::Nn,
                    "torch.nn.functional" => Module::Functional,
                    _ => Module::Torch,
                };
                self.define(name, Value::Module(m));
                Ok(None)
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value)?;
                for target in targets {
                    self.assign(target, v.clone())?;
                }
                Ok(None)
            }
            StmtKind::Expr(e) => {
                let (value, traced) = self.eval_focus(e)?;
                if !matches!(value, Value::None) {
                    let shown = costed_repr(&value);
                    self.budget.steps(shown.cost);
                    if shown.too_long {
                        return Err(too_much_output());
                    }
                    self.write(&shown.text)?;
                    self.write("\n")?;
                }
                let grids = match &value {
                    Value::ValuesIndices { values, indices, .. } => vec![values.node, indices.node],
                    // The pieces of a split (a tuple of tensors) are each drawn.
                    Value::Tuple(items)
                        if !items.is_empty() && items.iter().all(|v| matches!(v, Value::Tensor(_))) =>
                    {
                        items
                            .iter()
                            .filter_map(|v| if let Value::Tensor(t) = v { Some(t.node) } else { None })
                            .collect()
                    }
                    _ => traced.iter().map(|t| t.node).collect(),
                };
                Ok(Some(Focus { value, span: e.span, traced, grids }))
            }
        }
    }

    /// Evaluates a statement's expression, also finding the tensor it stands
    /// for when it converts one (`t.mean().item()` stands for `t.mean()`).
    fn eval_focus(&mut self, e: &Expr) -> Result<(Value, Option<Traced>), LangError> {
        if let ExprKind::Call { func, args, kwargs } = &e.kind
            && let ExprKind::Attribute { value: receiver, name } = &func.kind
            && matches!(name.as_str(), "item" | "tolist" | "backward")
        {
            let r = self.eval(receiver)?;
            let traced = match &r {
                Value::Tensor(t) => Some(t.clone()),
                _ => None,
            };
            let method = self.attribute(r, name, func.span).map_err(|err| err.at(func.span))?;
            let (args, kwargs) = self.arguments(args, kwargs)?;
            let value = self.call(method, args, kwargs, e.span).map_err(|err| err.at(e.span))?;
            self.budget.built(&value);
            self.budget.check().map_err(|err| err.at(e.span))?;
            return Ok((value, traced));
        }
        let value = self.eval(e)?;
        let traced = match &value {
            Value::Tensor(t) | Value::NdArray(t) => Some(t.clone()),
            Value::ValuesIndices { values, .. } => Some(values.clone()),
            _ => None,
        };
        Ok((value, traced))
    }

    fn assign(&mut self, target: &Target, value: Value) -> Result<(), LangError> {
        match target {
            Target::Name(name, _) => {
                self.name_tensors(&value, name);
                self.define(name, value);
                Ok(())
            }
            Target::Tuple(targets, span) => {
                let items = unpack(&value, targets.len()).map_err(|e| e.at(*span))?;
                self.budget.steps(items.len() as u64);
                for (t, v) in targets.iter().zip(items) {
                    self.assign(t, v)?;
                }
                Ok(())
            }
        }
    }

    /// Sets a variable, remembering when it was first set.
    fn define(&mut self, name: &str, value: Value) {
        if self.vars.insert(name.to_string(), value).is_none() {
            self.order.push(name.to_string());
        }
    }

    /// A tensor assigned to a variable is shown under that variable's name
    /// (the first name it gets).
    fn name_tensors(&mut self, value: &Value, name: &str) {
        let node = match value {
            Value::Tensor(t) => t.node,
            _ => return,
        };
        if !self.named.insert(node) {
            return;
        }
        if self.built_from_data_here(node) {
            // `t = torch.arange(24.).reshape(2, 3, 4)`: the learner's data is
            // `t`, not the unnamed range it was cut from.
            self.graph.make_leaf(node);
        }
        self.graph.rename(node, name);
    }

    /// Whether `node` is data built in the current statement: an unnamed
    /// leaf seen through reshapes, slices and dtype conversions only.
    fn built_from_data_here(&self, node: NodeId) -> bool {
        let mut n = node;
        loop {
            if n < self.statement_start {
                return false;
            }
            match &self.graph.node(n).step {
                Step::Leaf => return n != node && !self.named.contains(&n),
                Step::View { input, .. } | Step::Reshape { input } => n = *input,
                _ => return false,
            }
        }
    }

    /// Evaluates an expression; errors remember the innermost expression that raised them.
    pub(crate) fn eval(&mut self, e: &Expr) -> Result<Value, LangError> {
        let v = self.eval_kind(e).map_err(|err| err.at(e.span))?;
        // Names and attributes hand out values that exist already.
        if !matches!(e.kind, ExprKind::Name(_) | ExprKind::Attribute { .. }) {
            self.budget.built(&v);
        }
        self.budget.check().map_err(|err| err.at(e.span))?;
        Ok(v)
    }

    fn eval_kind(&mut self, e: &Expr) -> Result<Value, LangError> {
        Ok(match &e.kind {
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::Float(f) => Value::Float(*f),
            ExprKind::Str(s) => Value::Str(Rc::from(s.as_str())),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::None => Value::None,
            ExprKind::Ellipsis => {
                return Err(LangError::unsupported("'...' outside of indexing", e.span));
            }
            ExprKind::Name(n) => {
                let v = self.lookup(n)?;
                match &v {
                    Value::Tensor(t) | Value::NdArray(t) => self.read.push(t.node),
                    Value::ValuesIndices { values, indices, .. } => {
                        self.read.extend([values.node, indices.node])
                    }
                    _ => {}
                }
                v
            }
            ExprKind::Attribute { value, name } => {
                let v = self.eval(value)?;
                self.attribute(v, name, e.span)?
            }
            ExprKind::Call { func, args, kwargs } => {
                let f = self.eval(func)?;
                let (args, kwargs) = self.arguments(args, kwargs)?;
                self.call(f, args, kwargs, e.span)?
            }
            ExprKind::Subscript { value, index } => {
                let v = self.eval(value)?;
                self.subscript(v, index, e.span)?
            }
            ExprKind::Slice { .. } => return Err(LangError::syntax("invalid syntax", e.span)),
            ExprKind::Unary { op, operand } => {
                let v = self.eval(operand)?;
                match op {
                    UnaryOp::Not => Value::Bool(!super::ops::truthy(&v)?),
                    _ => self.unary(*op, v, e.span)?,
                }
            }
            ExprKind::Binary { op, left, right } => {
                let l = self.eval(left)?;
                let r = self.eval(right)?;
                self.binary(*op, l, r, e.span)?
            }
            ExprKind::Compare { first, rest } => self.compare_chain(first, rest, e.span)?,
            ExprKind::BoolOp { and, values } => {
                // `and` stops at the first falsy operand, `or` at the first
                // truthy one, and gives that operand itself (or the last one).
                // Only the operands before the last are asked for their truth:
                // `True and t` is `t`, even for a tensor with many elements.
                let Some((last, before)) = values.split_last() else {
                    // The parser never builds an empty one.
                    return Err(LangError::syntax("invalid syntax", e.span));
                };
                for v in before {
                    let value = self.eval(v)?;
                    if super::ops::truthy(&value)? != *and {
                        return Ok(value);
                    }
                }
                self.eval(last)?
            }
            ExprKind::List(items) => {
                let items = self.eval_all(items)?;
                self.budget.nest(items, false)?
            }
            ExprKind::Tuple(items) => {
                let items = self.eval_all(items)?;
                self.budget.nest(items, true)?
            }
        })
    }

    fn eval_all(&mut self, items: &[Expr]) -> Result<Vec<Value>, LangError> {
        items.iter().map(|i| self.eval(i)).collect()
    }

    fn arguments(
        &mut self,
        args: &[Expr],
        kwargs: &[(String, Expr)],
    ) -> Result<(Vec<Value>, Kwargs), LangError> {
        let args = self.eval_all(args)?;
        let kwargs =
            kwargs.iter().map(|(k, e)| Ok((k.clone(), self.eval(e)?))).collect::<Result<_, LangError>>()?;
        Ok((args, kwargs))
    }

    fn lookup(&self, name: &str) -> Result<Value, LangError> {
        if let Some(v) = self.vars.get(name) {
            return Ok(v.clone());
        }
        if let Some(b) = Builtin::from_name(name) {
            return Ok(Value::Builtin(b));
        }
        if names::BUILTINS.contains(name) || names::GLOBALS.contains(name) {
            return Err(LangError::not_yet(name, "Python"));
        }
        // Python looks for a suggestion among the globals (in the order
        // they were set), and only then among the builtins.
        let mut globals: Vec<&str> = names::GLOBALS.iter().collect();
        globals.extend(self.order.iter().map(String::as_str));
        let suggestion = suggestion(name, globals).or_else(|| suggestion(name, names::BUILTINS.iter()));
        let message = format!("name '{name}' is not defined");
        Err(LangError::new(
            "NameError",
            match suggestion {
                Some(s) => format!("{message}. Did you mean: '{s}'?"),
                None => message,
            },
        ))
    }

    fn compare_chain(
        &mut self,
        first: &Expr,
        rest: &[(super::ast::CmpOp, Expr)],
        span: Span,
    ) -> Result<Value, LangError> {
        let mut left = self.eval(first)?;
        let mut result = Value::Bool(true);
        for (i, (op, right)) in rest.iter().enumerate() {
            let r = self.eval(right)?;
            result = self.compare(*op, left, r.clone(), span)?;
            // `a < b < c` is `a < b and b < c`: stop at the first false link.
            if i + 1 < rest.len() && !super::ops::truthy(&result)? {
                return Ok(result);
            }
            left = r;
        }
        Ok(result)
    }
}

/// The error for a program that prints more than `MAX_OUTPUT`.
pub(crate) fn too_much_output() -> LangError {
    LangError::limit("the program printed more text than the playground keeps")
}

/// Splits a value into `n` parts for `a, b = value`.
pub(crate) fn unpack(value: &Value, n: usize) -> Result<Vec<Value>, LangError> {
    let items: Vec<Value> = match value {
        Value::Tuple(items) | Value::List(items) => items.to_vec(),
        Value::Size(dims) => dims.iter().map(|&d| Value::Int(d as i64)).collect(),
        Value::ValuesIndices { values, indices, .. } => {
            vec![Value::Tensor(values.clone()), Value::Tensor(indices.clone())]
        }
        Value::Str(s) => s.chars().map(|c| Value::Str(Rc::from(c.to_string().as_str()))).collect(),
        Value::Tensor(_) => {
            return Err(LangError::unsupported_here("unpacking a tensor into variables"));
        }
        other => {
            return Err(LangError::type_error(format!(
                "cannot unpack non-iterable {} object",
                other.type_name()
            )));
        }
    };
    match items.len().cmp(&n) {
        std::cmp::Ordering::Equal => Ok(items),
        std::cmp::Ordering::Greater => {
            Err(LangError::value_error(format!("too many values to unpack (expected {n})")))
        }
        std::cmp::Ordering::Less => Err(LangError::value_error(format!(
            "not enough values to unpack (expected {n}, got {})",
            items.len()
        ))),
    }
}
