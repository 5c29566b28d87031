//! Sets of elements across tensors: which elements of which tensors light
//! up, were picked, or fed an output.
//!
//! Kept as sorted vectors rather than `BTreeMap<NodeId, BTreeSet<usize>>`:
//! lineage builds a set once and then only reads it, node ids are small and
//! dense, and std's B-tree code (one copy per key type) cost the page about
//! 29 KB of wasm.

use super::lineage::NodeId;

/// Elements of several tensors: for each node (in increasing order), its
/// row-major positions (increasing, no repeats). Nodes with no element are
/// left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    nodes: Vec<(NodeId, Vec<usize>)>,
}

impl Marks {
    /// No elements.
    pub fn new() -> Marks {
        Marks::default()
    }

    /// The elements of `node`, if it has any.
    pub fn get(&self, node: NodeId) -> Option<&[usize]> {
        let at = self.nodes.binary_search_by_key(&node, |(n, _)| *n).ok()?;
        Some(&self.nodes[at].1)
    }

    /// Whether element `flat` of `node` is marked.
    pub fn contains(&self, node: NodeId, flat: usize) -> bool {
        self.get(node).is_some_and(|flats| flats.binary_search(&flat).is_ok())
    }

    /// Whether nothing is marked.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// How many elements are marked, over all nodes.
    pub fn len(&self) -> usize {
        self.nodes.iter().map(|(_, flats)| flats.len()).sum()
    }

    /// Each node with its elements, nodes in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = (NodeId, &[usize])> {
        self.nodes.iter().map(|(n, flats)| (*n, flats.as_slice()))
    }

    /// Every marked element as `(node, flat)`, in order.
    pub fn cells(&self) -> impl Iterator<Item = (NodeId, usize)> + '_ {
        self.iter().flat_map(|(n, flats)| flats.iter().map(move |&f| (n, f)))
    }

    /// The marked elements that `other` does not mark, in order.
    pub fn difference<'a>(&'a self, other: &'a Marks) -> impl Iterator<Item = (NodeId, usize)> + 'a {
        self.cells().filter(|&(n, f)| !other.contains(n, f))
    }

    /// Keeps only the nodes `keep` says yes to.
    pub fn retain_nodes(&mut self, mut keep: impl FnMut(NodeId) -> bool) {
        self.nodes.retain(|(n, _)| keep(*n));
    }

    /// Marks element `flat` of `node` if it was not, and unmarks it if it was.
    pub fn toggle(&mut self, node: NodeId, flat: usize) {
        match self.nodes.binary_search_by_key(&node, |(n, _)| *n) {
            Err(at) => self.nodes.insert(at, (node, vec![flat])),
            Ok(at) => {
                let flats = &mut self.nodes[at].1;
                match flats.binary_search(&flat) {
                    Ok(i) => {
                        flats.remove(i);
                        if flats.is_empty() {
                            self.nodes.remove(at);
                        }
                    }
                    Err(i) => flats.insert(i, flat),
                }
            }
        }
    }
}

impl std::ops::Index<NodeId> for Marks {
    type Output = [usize];

    /// The elements of `node`; panics if it has none (for tests and callers
    /// that know it is marked).
    fn index(&self, node: NodeId) -> &[usize] {
        self.get(node).expect("node has marked elements")
    }
}

impl IntoIterator for Marks {
    type Item = (NodeId, Vec<usize>);
    type IntoIter = std::vec::IntoIter<(NodeId, Vec<usize>)>;

    fn into_iter(self) -> Self::IntoIter {
        self.nodes.into_iter()
    }
}

impl FromIterator<(NodeId, usize)> for Marks {
    fn from_iter<I: IntoIterator<Item = (NodeId, usize)>>(cells: I) -> Marks {
        let mut collect = Collect::default();
        for (node, flat) in cells {
            collect.insert(node, flat);
        }
        collect.finish()
    }
}

/// Gathers elements in any order, with repeats, then sorts each node's
/// elements once: cheaper than keeping a sorted set while a trace fans out.
#[derive(Debug, Default)]
pub struct Collect {
    /// Elements by node id (ids are dense: a program's tensors in order).
    per_node: Vec<Vec<usize>>,
}

impl Collect {
    /// Marks element `flat` of `node`.
    pub fn insert(&mut self, node: NodeId, flat: usize) {
        if self.per_node.len() <= node {
            self.per_node.resize_with(node + 1, Vec::new);
        }
        self.per_node[node].push(flat);
    }

    /// Marks elements `flats` of `node`.
    pub fn extend(&mut self, node: NodeId, flats: Vec<usize>) {
        if self.per_node.len() <= node {
            self.per_node.resize_with(node + 1, Vec::new);
        }
        let into = &mut self.per_node[node];
        if into.is_empty() {
            *into = flats;
        } else {
            into.extend(flats);
        }
    }

    /// Marks every element of `marks`.
    pub fn add(&mut self, marks: &Marks) {
        for (node, flat) in marks.cells() {
            self.insert(node, flat);
        }
    }

    /// Takes `node`'s elements out, sorted and without repeats.
    pub fn take(&mut self, node: NodeId) -> Vec<usize> {
        let mut flats = self.per_node.get_mut(node).map(std::mem::take).unwrap_or_default();
        flats.sort_unstable();
        flats.dedup();
        flats
    }

    /// The set of everything marked.
    pub fn finish(mut self) -> Marks {
        let nodes = (0..self.per_node.len())
            .filter_map(|n| {
                let flats = self.take(n);
                (!flats.is_empty()).then_some((n, flats))
            })
            .collect();
        Marks { nodes }
    }
}

/// The nodes marked `true`, in increasing order (for sets of node ids).
pub fn ids_of(flags: &[bool]) -> Vec<NodeId> {
    flags.iter().enumerate().filter(|(_, on)| **on).map(|(n, _)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collecting_sorts_and_drops_repeats() {
        let marks: Marks = [(2, 5), (0, 3), (2, 1), (2, 5), (0, 3)].into_iter().collect();
        assert_eq!(marks.iter().collect::<Vec<_>>(), vec![(0, &[3][..]), (2, &[1, 5][..])]);
        assert_eq!(marks.len(), 3);
        assert!(marks.contains(2, 1) && !marks.contains(1, 1) && !marks.contains(2, 2));
        assert_eq!(marks.get(1), None);
    }

    #[test]
    fn toggling_keeps_the_set_sorted_and_drops_emptied_nodes() {
        let mut marks = Marks::new();
        for (n, f) in [(3, 4), (1, 9), (3, 0), (1, 2)] {
            marks.toggle(n, f);
        }
        assert_eq!(marks.cells().collect::<Vec<_>>(), vec![(1, 2), (1, 9), (3, 0), (3, 4)]);
        marks.toggle(1, 2);
        marks.toggle(1, 9);
        assert_eq!(marks.cells().collect::<Vec<_>>(), vec![(3, 0), (3, 4)]);
        assert_eq!(marks.get(1), None);
    }

    #[test]
    fn difference_lists_what_the_other_lacks() {
        let a: Marks = [(0, 1), (0, 2), (1, 0)].into_iter().collect();
        let b: Marks = [(0, 2), (2, 0)].into_iter().collect();
        assert_eq!(a.difference(&b).collect::<Vec<_>>(), vec![(0, 1), (1, 0)]);
        assert_eq!(b.difference(&a).collect::<Vec<_>>(), vec![(2, 0)]);
    }

    #[test]
    fn taking_a_node_gives_its_elements_once_sorted() {
        let mut c = Collect::default();
        for (n, f) in [(4, 0), (1, 7), (1, 2), (1, 7)] {
            c.insert(n, f);
        }
        assert_eq!(c.take(1), vec![2, 7]);
        assert_eq!(c.take(1), Vec::<usize>::new());
        assert_eq!(c.take(9), Vec::<usize>::new());
        assert_eq!(c.finish().cells().collect::<Vec<_>>(), vec![(4, 0)]);
        assert_eq!(ids_of(&[false, true, true, false]), vec![1, 2]);
    }
}
