//! What one run may build: the memory its tensors, lists and strings take,
//! the tensor elements it computes, the work it does on lists, strings and
//! text, and how deeply its lists and tuples nest.

use super::error::LangError;
use super::value::Value;
use crate::tensor::Tensor;
use crate::tensor::lineage::Step;
use crate::tensor::shape::{MAX_ELEMENTS, saturating_usize};
use std::collections::{HashMap, HashSet};
use std::rc::{Rc, Weak};

/// The most memory one run may use for tensors, lists and strings. A run keeps
/// every tensor it computes until it ends (for lineage), so without this cap
/// forty lines of `t + 1` on a 16M-element tensor would hold 2.7 GB.
pub const MAX_MEMORY: usize = 1 << 30;

/// The most tensor elements one run may compute or reduce over. The
/// interpreter runs on the page's main thread, so this bounds how long a run
/// can freeze the page: without it, sixty lines of `t.sum()` on a
/// 16M-element tensor took nine seconds natively, and more lines longer
/// still. At this cap a run does at most about four passes over a tensor of
/// the largest size (`MAX_ELEMENTS`), about a second.
pub const MAX_WORK: usize = 1 << 26;

/// The most steps of work one run may do outside tensors: a step is a list
/// or tuple item made, copied, compared or gone through, a character of
/// text written by `repr`, `str` or `print` (and 16 more for each element
/// of a tensor shown), or 16 bytes of a string read or copied (a byte, for
/// `float()` of a string, which parses every digit). Memory
/// bounds what a run keeps, not what it goes through: 20 lines of
/// `len(str(x))` on a 65,536-float list kept 12 MB and took 18 s. At this
/// cap the slowest of these (writing floats' digits) takes about a second.
pub const MAX_STEPS: u64 = 1 << 24;

/// Bytes of a string that count as one step when they are only read or
/// copied (`len(s)`, `s + t`, `x in s`): a byte is far cheaper than a
/// character written out digit by digit.
pub const BYTES_PER_STEP: usize = 16;

/// The memory a list or tuple item is counted as: what one takes natively
/// (`size_of::<Value>()`), counted the same on every target so that a
/// program reaches `MAX_MEMORY` at the same line in the browser (where
/// pointers, and so items, are smaller).
pub const ITEM_BYTES: usize = 176;

/// The deepest lists and tuples may nest. Printing, comparing and dropping a
/// value recurse once per level: `x = [x]` repeated 30,000 times overflowed
/// the stack.
pub const MAX_VALUE_NESTING: usize = 100;

/// What a run has built so far.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    /// Bytes of tensor buffers, lists and strings made so far (never given
    /// back: lists and strings are counted when made, not when freed).
    memory: usize,
    /// Tensor elements computed or reduced over so far.
    work: usize,
    /// Steps of work outside tensors so far (`MAX_STEPS`).
    steps: u64,
    /// The tensor buffers already counted (views share their input's buffer).
    /// The run keeps every tensor, so no buffer is freed and its address reused.
    buffers: HashSet<usize>,
    /// The nesting depth of each list or tuple measured so far, by address:
    /// measuring is then done once per container, not once per use. The
    /// `Weak` keeps the address from being reused by another container.
    depths: HashMap<*const Vec<Value>, (Weak<Vec<Value>>, usize)>,
}

impl Budget {
    /// Counts a tensor the run keeps (its buffer once, whatever views share it).
    pub fn tensor(&mut self, t: &Tensor) {
        if self.buffers.insert(t.buffer_id()) {
            self.memory = self.memory.saturating_add(t.buffer_bytes());
        }
    }

    /// Counts the tables a lineage step keeps (per element, where it was
    /// taken from and what decided it), each once, as tensor buffers are;
    /// says whether the step had a table not counted before (the indices
    /// of a pair share the values' table).
    pub fn lineage(&mut self, step: &Step) -> bool {
        let mut fresh = false;
        let mut table = |ptr: usize, bytes: usize| {
            if self.buffers.insert(ptr) {
                self.memory = self.memory.saturating_add(bytes);
                fresh = true;
            }
        };
        let word = std::mem::size_of::<usize>();
        match step {
            Step::Take { from, deciders, .. } => {
                table(Rc::as_ptr(from) as usize, from.len() * word);
                for d in deciders {
                    table(Rc::as_ptr(&d.at) as usize, d.at.len() * word);
                }
            }
            Step::Rank { picked, .. } | Step::Reduce { winners: Some(picked), .. } => {
                table(Rc::as_ptr(picked) as usize, picked.len() * word)
            }
            Step::Pick { picked, .. } => table(Rc::as_ptr(picked) as usize, picked.len()),
            _ => {}
        }
        fresh
    }

    /// Counts `elements` tensor elements computed or read by a reduction.
    pub fn work(&mut self, elements: usize) {
        self.work = self.work.saturating_add(elements);
    }

    /// Counts `n` steps of work outside tensors (`MAX_STEPS`).
    pub fn steps(&mut self, n: u64) {
        self.steps = self.steps.saturating_add(n);
    }

    /// Counts reading or copying `bytes` of a string.
    pub fn text_read(&mut self, bytes: usize) {
        self.steps((bytes / BYTES_PER_STEP) as u64);
    }

    /// Counts the list, tuple or string an expression has just built: its
    /// memory, and the work of making it (an item, or 16 bytes, a step).
    pub fn built(&mut self, v: &Value) {
        let bytes = match v {
            Value::List(items) | Value::Tuple(items) => {
                self.steps(items.len() as u64);
                items.len().saturating_mul(ITEM_BYTES)
            }
            Value::Str(s) => {
                self.text_read(s.len());
                s.len()
            }
            _ => 0,
        };
        self.memory = self.memory.saturating_add(bytes);
    }

    /// Counts the nested lists of `t.tolist()` below its outermost one
    /// (which `built` counts, as it counts every list an expression makes).
    pub fn nested_list(&mut self, t: &Tensor) {
        let outer = t.shape().dims().first().copied().unwrap_or(0) as u64;
        let below = super::numpy_api::list_objects(t).saturating_sub(outer);
        self.steps(below);
        let bytes = below.saturating_mul(ITEM_BYTES as u64);
        self.memory = self.memory.saturating_add(saturating_usize(bytes));
    }

    /// The tensor elements the run may still compute.
    pub fn work_left(&self) -> usize {
        MAX_WORK.saturating_sub(self.work)
    }

    /// Refuses to go on once the run has used more than `MAX_MEMORY`,
    /// done more than `MAX_WORK` or taken more than `MAX_STEPS`.
    pub fn check(&self) -> Result<(), LangError> {
        if self.work > MAX_WORK {
            return Err(LangError::limit(format!(
                "the program computes more tensor elements than the playground allows in one run ({MAX_WORK} in all, about four passes over a tensor of {MAX_ELEMENTS} elements)"
            )));
        }
        if self.steps > MAX_STEPS {
            return Err(LangError::limit(format!(
                "the program goes through more list items and text than the playground allows in one run ({MAX_STEPS} items and characters in all)"
            )));
        }
        if self.memory > MAX_MEMORY {
            return Err(LangError::limit(format!(
                "the program needs more memory than the playground gives it ({} MiB for all its tensors, lists and strings)",
                MAX_MEMORY >> 20
            )));
        }
        Ok(())
    }

    /// A new list (or tuple) of `items`, refused if it would nest deeper than `MAX_VALUE_NESTING`.
    pub fn nest(&mut self, items: Vec<Value>, tuple: bool) -> Result<Value, LangError> {
        let depth = 1 + items.iter().map(|i| self.depth(i)).max().unwrap_or(0);
        if depth > MAX_VALUE_NESTING {
            return Err(LangError::limit(format!(
                "the playground limits lists and tuples to {MAX_VALUE_NESTING} levels of nesting"
            )));
        }
        let items = Rc::new(items);
        self.depths.insert(Rc::as_ptr(&items), (Rc::downgrade(&items), depth));
        Ok(if tuple { Value::Tuple(items) } else { Value::List(items) })
    }

    /// How deeply `v` nests. Only list and tuple literals (measured in
    /// `nest`) can nest without bound; other containers hold existing values
    /// (`a + b`, `list(x)`) or nest at most 16 deep (`tolist()`), so this
    /// recursion stays shallow.
    fn depth(&mut self, v: &Value) -> usize {
        let (Value::List(items) | Value::Tuple(items)) = v else { return 0 };
        let key = Rc::as_ptr(items);
        if let Some(&(_, depth)) = self.depths.get(&key) {
            return depth;
        }
        let depth = 1 + items.iter().map(|i| self.depth(i)).max().unwrap_or(0);
        self.depths.insert(key, (Rc::downgrade(items), depth));
        depth
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::lineage::{Decider, Taking};

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn an_item_counts_what_it_takes_natively() {
        assert_eq!(ITEM_BYTES, std::mem::size_of::<Value>());
    }

    #[test]
    fn steps_past_the_cap_are_refused_naming_it() {
        let mut budget = Budget::default();
        budget.steps(MAX_STEPS);
        budget.text_read(BYTES_PER_STEP - 1);
        assert!(budget.check().is_ok());
        budget.text_read(BYTES_PER_STEP);
        assert_eq!(
            budget.check().unwrap_err().to_string(),
            "RuntimeError: the program goes through more list items and text than the playground allows in one run (16777216 items and characters in all)"
        );
    }

    #[test]
    fn lineage_tables_count_once_each() {
        let from = Rc::new(vec![0usize; 1000]);
        let at = Rc::new(vec![0usize; 1000]);
        let decider = Decider { node: 0, at: Rc::clone(&at), dims: Vec::new() };
        let step =
            Step::Take { op: Taking::Index, input: 0, from, dims: Vec::new(), deciders: vec![decider] };
        let mut budget = Budget::default();
        budget.lineage(&step);
        budget.lineage(&step);
        assert_eq!(budget.memory, 2 * 1000 * std::mem::size_of::<usize>());
    }
}
