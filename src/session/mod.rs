//! A program and everything the views need from it: the transcript, the
//! focus value, and lineage queries about its elements.

pub mod controls;
pub mod describe;
mod edit;
pub mod embed;
pub mod json;
pub mod messages;
pub mod navigation;
mod report;
pub mod url;
mod view;

pub use view::{Grid, GridRole, Highlight, MAX_DRAWN};

pub use report::{ElementLineage, ElementRef, LineageReport};

use crate::lang::{Run, Transcript, run};
use crate::tensor::lineage::{Marks, NodeId, Step};
use std::cell::OnceCell;

/// One evaluated program.
#[derive(Debug, Clone)]
pub struct Session {
    source: String,
    run: Run,
    /// The grids to draw and the tensors they show, worked out once: every
    /// hover asks for them (the highlight, the spoken description).
    grids: OnceCell<Vec<Grid>>,
    drawn: OnceCell<Vec<NodeId>>,
}

impl Session {
    /// Runs `source`.
    pub fn new(source: &str) -> Session {
        Session {
            source: source.to_string(),
            run: run(source),
            grids: OnceCell::new(),
            drawn: OnceCell::new(),
        }
    }

    /// The program text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The evaluation itself.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// What the REPL printed, and the first error.
    pub fn transcript(&self) -> Transcript {
        Transcript { stdout: self.run.stdout.clone(), error: self.run.error.as_ref().map(|e| e.to_string()) }
    }

    /// The lineage of the focus (the last expression statement), element by
    /// element, restricted to the program's leaf tensors.
    pub fn focus_lineage(&self) -> LineageReport {
        let Some(traced) = self.run.focus.as_ref().and_then(|f| f.traced.as_ref()) else {
            return LineageReport { shape: None, elements: Vec::new() };
        };
        let shape = traced.tensor.shape().clone();
        let elements = (0..shape.numel())
            .map(|flat| {
                let trace = self.run.graph.trace(traced.node, flat);
                ElementLineage {
                    index: shape.unravel(flat),
                    sources: self.leaf_elements(&trace.sources),
                    winners: self.leaf_elements(&trace.winners),
                }
            })
            .collect();
        LineageReport { shape: Some(shape.dims().to_vec()), elements }
    }

    /// The leaf elements that element `flat` of `node` was computed from,
    /// sorted as in the lineage report.
    pub fn leaf_sources(&self, node: NodeId, flat: usize) -> Vec<ElementRef> {
        self.leaf_elements(&self.run.graph.trace(node, flat).sources)
    }

    /// The marked elements of leaf tensors, sorted by name, then row-major.
    fn leaf_elements(&self, marks: &Marks) -> Vec<ElementRef> {
        let graph = &self.run.graph;
        let mut leaves: Vec<(NodeId, &[usize])> =
            marks.iter().filter(|(id, _)| matches!(graph.node(*id).step, Step::Leaf)).collect();
        // A handful of leaves at most: an insertion sort is enough, and
        // smaller in the page than another copy of std's sort.
        let before = |a: &(NodeId, &[usize]), b: &(NodeId, &[usize])| {
            (&graph.node(a.0).label, a.0) < (&graph.node(b.0).label, b.0)
        };
        for i in 1..leaves.len() {
            let mut j = i;
            while j > 0 && before(&leaves[j], &leaves[j - 1]) {
                leaves.swap(j, j - 1);
                j -= 1;
            }
        }
        leaves
            .into_iter()
            .flat_map(|(id, flats)| {
                let node = graph.node(id);
                flats
                    .iter()
                    .map(move |&f| ElementRef { name: node.label.clone(), index: node.shape.unravel(f) })
            })
            .collect()
    }
}
