//! The lineage report of `tensor-playground lineage` (contract section 4).

#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;
use std::fmt;

/// The lineage of every element of one value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct LineageReport {
    /// The value's shape, or `None` for a value with no elements to trace.
    pub shape: Option<Vec<usize>>,
    /// One entry per element, in row-major order.
    pub elements: Vec<ElementLineage>,
}

/// What one element was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct ElementLineage {
    /// The element's index.
    pub index: Vec<usize>,
    /// Every leaf element it was computed from.
    pub sources: Vec<ElementRef>,
    /// The leaf elements a selection picked it through.
    pub winners: Vec<ElementRef>,
}

/// One element of a named leaf tensor (also in the page's `select` events).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ElementRef {
    /// The variable the leaf tensor was assigned to.
    pub name: String,
    /// The element's index in it.
    pub index: Vec<usize>,
    /// For a source in a lineage report: the derivative of the element
    /// described with respect to this one, as PyTorch's autograd computes
    /// it (absent where there is none: integer and bool tensors, paths
    /// without a derivative).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grad: Option<super::gradients::Derivative>,
}

impl fmt::Display for ElementRef {
    /// As the learner writes it: `t[1, 0]` (just `t` for a 0-d tensor).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.index.is_empty() {
            return write!(f, "{}", self.name);
        }
        let index: Vec<String> = self.index.iter().map(|i| i.to_string()).collect();
        write!(f, "{}[{}]", self.name, index.join(", "))
    }
}
