//! A program and everything the views need from it: the transcript, the
//! focus value, and lineage queries about its elements.

pub mod controls;
pub mod describe;
mod edit;
pub mod embed;
pub mod flow;
pub mod gradient_view;
pub mod gradients;
pub mod messages;
pub mod navigation;
pub mod protocol;
mod report;
pub mod url;
mod view;

pub use view::{Grid, GridRole, Highlight, MAX_DRAWN, MAX_GRIDS, MAX_KEPT_CELLS};

pub use report::{ElementLineage, ElementRef, LineageReport};

use crate::lang::value::Value;
use crate::lang::{LangError, Run, Span, Transcript, repr::repr, run};
use crate::tensor::lineage::{Graph, Marks, NodeId, Step};
use crate::tensor::shape::Shape;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One evaluated program as the views see it: the transcript, the lineage
/// graph, and the grids to draw with their elements already written out.
///
/// It is plain data, made where the program runs (the page's Web Worker,
/// or the command line) and read where it is drawn: the page itself never
/// runs a program, so no program can freeze it, and every hover is
/// answered from this value without a round trip.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    /// (A `Box<str>`, a word smaller than a `String`: the page moves sessions
    /// around whole, and the gradients' pointer takes that word.)
    source: Box<str>,
    run: Outcome,
    /// The grids to draw, in data-flow order.
    grids: Vec<Grid>,
    /// The nodes the drawing shows or traces through, in increasing order.
    drawn: Vec<NodeId>,
    /// Tensors of the data flow the drawing budget left out.
    left_out: usize,
    /// What the op / dim / keepdim controls show for `source`: read where
    /// the program runs, so that the page does not parse a pasted program
    /// of thousands of lines on every keystroke.
    controls: controls::Controls,
    /// How the grids connect: inputs, dims, broadcasting.
    flow: flow::Flow,
    /// The derivatives of the focus's elements, when they were asked for
    /// (`Session::with_gradients`).
    /// (Boxed: most sessions carry none, and a session is moved around whole.)
    #[serde(default)]
    gradients: Option<Box<gradients::Gradients>>,
}

/// What a run leaves for the views: `lang::Run` without the values of its
/// tensors and variables (the grids carry what is drawn of them).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    /// What the REPL printed.
    pub stdout: String,
    /// The first error, if any (the run stopped there).
    pub error: Option<ErrorLine>,
    /// How every tensor the drawing traces derives from the others; the
    /// tensors it never reaches are left as bare leaves.
    pub graph: Graph,
    /// The last expression statement that ran, if any.
    pub focus: Option<FocusSummary>,
    /// When a statement failed: the tensors it read and computed first.
    pub involved: Vec<NodeId>,
    /// By node id: the code that computed the tensor.
    pub spans: Vec<Span>,
}

/// An error as the page shows it: `ExceptionType: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorLine {
    /// The exception type (`RuntimeError`, ...).
    pub exception: String,
    /// The whole line, type first.
    pub line: String,
}

impl From<&LangError> for ErrorLine {
    fn from(e: &LangError) -> ErrorLine {
        ErrorLine { exception: e.exception.to_string(), line: e.to_string() }
    }
}

impl fmt::Display for ErrorLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line)
    }
}

/// The last expression statement's value, as far as the views need it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FocusSummary {
    /// What the REPL prints for it (`None` when longer than `MAX_REPR`).
    pub repr: Option<String>,
    /// Its Python type (`Tensor`, `int`, `NoneType`, ...).
    pub type_name: String,
    /// The tensor its elements stand for, with that tensor's shape.
    pub traced: Option<(NodeId, Shape)>,
    /// The tensors it shows as grids.
    pub grids: Vec<NodeId>,
}

/// The longest value text a session keeps for its focus: a print question
/// about a longer one is not a question anybody answers by typing.
const MAX_REPR: usize = 4096;

impl Session {
    /// Runs `source`.
    pub fn new(source: &str) -> Session {
        Session::of_run(source, run(source))
    }

    /// Runs `source` and works out, for every element of its focus, the
    /// derivative with respect to each element it was computed from (one
    /// walk back per element: more work than running it, bounded by
    /// `gradients::MAX_GRADIENT_WORK`).
    pub fn with_gradients(source: &str) -> Session {
        let run = run(source);
        let grads = run.focus.as_ref().and_then(|f| f.traced.as_ref()).map(|t| {
            let node = t.node;
            Box::new(gradients::Gradients::of_focus(
                &run.graph,
                &run.tape,
                node,
                t.tensor.shape(),
                t.tensor.dtype(),
            ))
        });
        let mut session = Session::of_run(source, run);
        session.gradients = grads;
        session
    }

    /// The derivatives of the focus's elements, if they were worked out.
    pub fn gradients(&self) -> Option<&gradients::Gradients> {
        self.gradients.as_deref()
    }

    /// `source`, not run yet: nothing printed, nothing to draw.
    pub fn not_run(source: &str) -> Session {
        Session {
            source: source.into(),
            run: Outcome {
                stdout: String::new(),
                error: None,
                graph: Graph::new(),
                focus: None,
                involved: Vec::new(),
                spans: Vec::new(),
            },
            grids: Vec::new(),
            drawn: Vec::new(),
            left_out: 0,
            controls: controls::read_controls(source),
            flow: flow::Flow::default(),
            gradients: None,
        }
    }

    /// The views' side of `run`, which ran `source`.
    fn of_run(source: &str, run: Run) -> Session {
        let drawn = view::drawn_nodes(&run);
        let (grids, left_out) = view::draw_grids(&run, &drawn);
        let twins: Vec<(NodeId, NodeId)> = run.grads.iter().map(|(leaf, grad)| (*leaf, grad.node)).collect();
        let flow = flow::Flow::of(&run.graph, &grids, &twins);
        let focus = run.focus.as_ref().map(|f| {
            let text = repr(&f.value);
            FocusSummary {
                repr: (text.len() <= MAX_REPR).then_some(text),
                type_name: match &f.value {
                    Value::Tensor(_) => "Tensor".to_string(),
                    v => v.type_name().to_string(),
                },
                traced: f.traced.as_ref().map(|t| (t.node, t.tensor.shape().clone())),
                grids: f.grids.clone(),
            }
        });
        // (With every grid's node: gradients and their leaves are drawn
        // beside the data flow, not in it.)
        let mut traced: Vec<NodeId> = drawn.iter().copied().chain(grids.iter().map(|g| g.node)).collect();
        if let Some((t, _)) = focus.as_ref().and_then(|f| f.traced.as_ref()) {
            traced.extend(run.graph.upstream(*t));
        }
        traced.sort_unstable();
        traced.dedup();
        let Run { stdout, error, graph, involved, spans, .. } = run;
        Session {
            source: source.into(),
            run: Outcome {
                stdout,
                error: error.as_ref().map(ErrorLine::from),
                graph: graph.reaching(&traced),
                focus,
                involved,
                spans,
            },
            grids,
            drawn,
            left_out,
            controls: controls::read_controls(source),
            flow,
            gradients: None,
        }
    }

    /// The program text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// What the controls show for the program.
    pub fn controls(&self) -> &controls::Controls {
        &self.controls
    }

    /// The evaluation itself.
    pub fn run(&self) -> &Outcome {
        &self.run
    }

    /// What the REPL printed, and the first error.
    pub fn transcript(&self) -> Transcript {
        Transcript { stdout: self.run.stdout.clone(), error: self.run.error.as_ref().map(|e| e.line.clone()) }
    }

    /// Cuts what the REPL printed to at most `max` bytes (at a character
    /// boundary), saying how much was left out: a page cannot show
    /// megabytes of text, and should not be sent them.
    pub fn shorten_transcript(&mut self, max: usize) {
        let stdout = &mut self.run.stdout;
        if stdout.len() <= max {
            return;
        }
        let mut cut = max;
        while !stdout.is_char_boundary(cut) {
            cut -= 1;
        }
        let rest = stdout.len() - cut;
        stdout.truncate(cut);
        stdout.push_str(&format!("\n… ({rest} more bytes of output not shown)\n"));
    }

    /// The lineage of the focus (the last expression statement), element by
    /// element, restricted to the program's leaf tensors.
    pub fn focus_lineage(&self) -> LineageReport {
        let Some((node, shape)) = self.run.focus.as_ref().and_then(|f| f.traced.as_ref()) else {
            return LineageReport { shape: None, elements: Vec::new() };
        };
        let elements = (0..shape.numel())
            .map(|flat| {
                let trace = self.run.graph.trace(*node, flat);
                let mut sources = self.leaf_elements(&trace.sources);
                if let Some(g) = &self.gradients {
                    for (source, (id, at)) in sources.iter_mut().zip(self.leaf_cells(&trace.sources)) {
                        source.grad = g.get(flat, id, at).map(gradients::Derivative);
                    }
                }
                ElementLineage {
                    index: shape.unravel(flat),
                    sources,
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
        self.leaf_cells(marks)
            .into_iter()
            .map(|(id, f)| {
                let node = graph.node(id);
                ElementRef { name: node.label.clone(), index: node.shape.unravel(f), grad: None }
            })
            .collect()
    }

    /// The marked elements of leaf tensors as `(node, flat)`, in the order
    /// of `leaf_elements`.
    fn leaf_cells(&self, marks: &Marks) -> Vec<(NodeId, usize)> {
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
        leaves.into_iter().flat_map(|(id, flats)| flats.iter().map(move |&f| (id, f))).collect()
    }
}
