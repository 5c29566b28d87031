//! The C++ standard library's unstable sorting algorithms, step for step as
//! GCC's libstdc++ runs them: `std::sort` (introsort), `std::nth_element`
//! (introselect) and `std::partial_sort` (heap select).
//!
//! PyTorch's CPU `sort` (without `stable=True`) and `topk` call these on
//! (value, position) pairs compared by value alone, so equal values come
//! out in whatever order the algorithm leaves them: the playground's
//! `indices` match PyTorch's only if every swap is the same. (A stable sort
//! would give other indices from the 17th element on.) Each function takes
//! `less`, the comparison the C++ code passes.

/// libstdc++'s `_S_threshold`: introsort leaves runs this short to the
/// final insertion sort.
const THRESHOLD: usize = 16;

/// `std::sort(v.begin(), v.end(), less)`.
pub fn sort<T: Copy>(v: &mut [T], less: &impl Fn(&T, &T) -> bool) {
    if v.is_empty() {
        return;
    }
    introsort_loop(v, 0, v.len(), 2 * floor_log2(v.len()), less);
    final_insertion_sort(v, 0, v.len(), less);
}

/// `std::nth_element(v.begin(), v.begin() + nth, v.end(), less)`.
pub fn nth_element<T: Copy>(v: &mut [T], nth: usize, less: &impl Fn(&T, &T) -> bool) {
    let (mut first, mut last) = (0, v.len());
    if first == last || nth >= last {
        return;
    }
    let mut depth = 2 * floor_log2(last - first);
    while last - first > 3 {
        if depth == 0 {
            heap_select(v, first, nth + 1, last, less);
            v.swap(first, nth);
            return;
        }
        depth -= 1;
        let cut = partition_pivot(v, first, last, less);
        if cut <= nth {
            first = cut;
        } else {
            last = cut;
        }
    }
    insertion_sort(v, first, last, less);
}

/// `std::partial_sort(v.begin(), v.begin() + middle, v.end(), less)`.
pub fn partial_sort<T: Copy>(v: &mut [T], middle: usize, less: &impl Fn(&T, &T) -> bool) {
    heap_select(v, 0, middle, v.len(), less);
    sort_heap(v, 0, middle, less);
}

/// `std::__lg`: the position of the highest set bit.
fn floor_log2(n: usize) -> usize {
    (usize::BITS - 1 - n.leading_zeros()) as usize
}

fn introsort_loop<T: Copy>(
    v: &mut [T],
    first: usize,
    mut last: usize,
    mut depth: usize,
    less: &impl Fn(&T, &T) -> bool,
) {
    while last - first > THRESHOLD {
        if depth == 0 {
            // Too many bad pivots: heap sort the rest.
            heap_select(v, first, last, last, less);
            sort_heap(v, first, last, less);
            return;
        }
        depth -= 1;
        let cut = partition_pivot(v, first, last, less);
        introsort_loop(v, cut, last, depth, less);
        last = cut;
    }
}

/// Moves the median of `v[first + 1]`, the middle and the last element to
/// `first`, then partitions the rest around it; returns the cut.
fn partition_pivot<T: Copy>(v: &mut [T], first: usize, last: usize, less: &impl Fn(&T, &T) -> bool) -> usize {
    let mid = first + (last - first) / 2;
    move_median_to_first(v, first, first + 1, mid, last - 1, less);
    unguarded_partition(v, first + 1, last, first, less)
}

fn move_median_to_first<T: Copy>(
    v: &mut [T],
    result: usize,
    a: usize,
    b: usize,
    c: usize,
    less: &impl Fn(&T, &T) -> bool,
) {
    let median = if less(&v[a], &v[b]) {
        if less(&v[b], &v[c]) {
            b
        } else if less(&v[a], &v[c]) {
            c
        } else {
            a
        }
    } else if less(&v[a], &v[c]) {
        a
    } else if less(&v[b], &v[c]) {
        c
    } else {
        b
    };
    v.swap(result, median);
}

/// Hoare's partition around `v[pivot]`, which the scans never pass: the
/// median of three guarantees an element on each side that stops them.
fn unguarded_partition<T: Copy>(
    v: &mut [T],
    mut first: usize,
    mut last: usize,
    pivot: usize,
    less: &impl Fn(&T, &T) -> bool,
) -> usize {
    loop {
        while less(&v[first], &v[pivot]) {
            first += 1;
        }
        last -= 1;
        while less(&v[pivot], &v[last]) {
            last -= 1;
        }
        if first >= last {
            return first;
        }
        v.swap(first, last);
        first += 1;
    }
}

fn final_insertion_sort<T: Copy>(v: &mut [T], first: usize, last: usize, less: &impl Fn(&T, &T) -> bool) {
    if last - first > THRESHOLD {
        insertion_sort(v, first, first + THRESHOLD, less);
        for i in first + THRESHOLD..last {
            unguarded_linear_insert(v, i, less);
        }
    } else {
        insertion_sort(v, first, last, less);
    }
}

fn insertion_sort<T: Copy>(v: &mut [T], first: usize, last: usize, less: &impl Fn(&T, &T) -> bool) {
    if first == last {
        return;
    }
    for i in first + 1..last {
        if less(&v[i], &v[first]) {
            // Smaller than the first: everything before it moves up one.
            v[first..=i].rotate_right(1);
        } else {
            unguarded_linear_insert(v, i, less);
        }
    }
}

/// Moves `v[last]` down past the elements greater than it (an element not
/// greater is known to lie somewhere before it).
fn unguarded_linear_insert<T: Copy>(v: &mut [T], mut last: usize, less: &impl Fn(&T, &T) -> bool) {
    let value = v[last];
    while less(&value, &v[last - 1]) {
        v[last] = v[last - 1];
        last -= 1;
    }
    v[last] = value;
}

/// Leaves in `v[first..middle]` a max-heap (by `less`) of the smallest
/// elements of `v[first..last]`.
fn heap_select<T: Copy>(
    v: &mut [T],
    first: usize,
    middle: usize,
    last: usize,
    less: &impl Fn(&T, &T) -> bool,
) {
    make_heap(v, first, middle, less);
    for i in middle..last {
        if less(&v[i], &v[first]) {
            pop_heap(v, first, middle, i, less);
        }
    }
}

fn make_heap<T: Copy>(v: &mut [T], first: usize, last: usize, less: &impl Fn(&T, &T) -> bool) {
    let len = last - first;
    if len < 2 {
        return;
    }
    let mut parent = (len - 2) / 2;
    loop {
        let value = v[first + parent];
        adjust_heap(v, first, parent, len, value, less);
        if parent == 0 {
            return;
        }
        parent -= 1;
    }
}

fn sort_heap<T: Copy>(v: &mut [T], first: usize, mut last: usize, less: &impl Fn(&T, &T) -> bool) {
    while last - first > 1 {
        last -= 1;
        pop_heap(v, first, last, last, less);
    }
}

/// Moves the heap's top to `result` and puts `v[result]` into the heap.
fn pop_heap<T: Copy>(v: &mut [T], first: usize, last: usize, result: usize, less: &impl Fn(&T, &T) -> bool) {
    let value = v[result];
    v[result] = v[first];
    adjust_heap(v, first, 0, last - first, value, less);
}

/// Sinks the hole at `hole` to a leaf, always towards the larger child,
/// then lets `value` rise from there.
fn adjust_heap<T: Copy>(
    v: &mut [T],
    first: usize,
    mut hole: usize,
    len: usize,
    value: T,
    less: &impl Fn(&T, &T) -> bool,
) {
    let top = hole;
    let mut child = hole;
    while child < len.saturating_sub(1) / 2 {
        child = 2 * (child + 1);
        if less(&v[first + child], &v[first + child - 1]) {
            child -= 1;
        }
        v[first + hole] = v[first + child];
        hole = child;
    }
    if len.is_multiple_of(2) && child == (len - 2) / 2 {
        child = 2 * (child + 1);
        v[first + hole] = v[first + child - 1];
        hole = child - 1;
    }
    // `std::__push_heap`.
    while hole > top {
        let parent = (hole - 1) / 2;
        if !less(&v[first + parent], &value) {
            break;
        }
        v[first + hole] = v[first + parent];
        hole = parent;
    }
    v[first + hole] = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, position) pairs compared by value only, as PyTorch's are.
    fn pairs(values: &[i32]) -> Vec<(i32, usize)> {
        values.iter().copied().zip(0..).collect()
    }

    fn positions(v: &[(i32, usize)]) -> Vec<usize> {
        v.iter().map(|p| p.1).collect()
    }

    #[test]
    fn short_sorts_are_insertion_sorts_and_keep_equal_elements_in_order() {
        let mut v = pairs(&[3, 1, 2, 1, 0, 1]);
        sort(&mut v, &|a, b| a.0 < b.0);
        assert_eq!(positions(&v), [4, 1, 3, 5, 2, 0]);
    }

    #[test]
    fn long_sorts_move_equal_elements_as_libstdcxx_does() {
        // PyTorch 2.15's `torch.zeros(20).sort().indices` (measured).
        let mut v = pairs(&[0; 20]);
        sort(&mut v, &|a, b| a.0 < b.0);
        assert_eq!(positions(&v), [10, 19, 18, 17, 16, 15, 14, 13, 12, 11, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    }

    #[test]
    fn nth_element_then_sort_is_what_topk_returns() {
        // `torch.tensor([3., 1., 2., 1.]).topk(4).indices` is [0, 2, 3, 1].
        let mut v = pairs(&[3, 1, 2, 1]);
        let greater = |a: &(i32, usize), b: &(i32, usize)| a.0 > b.0;
        nth_element(&mut v, 3, &greater);
        sort(&mut v[..3], &greater);
        assert_eq!(positions(&v), [0, 2, 3, 1]);
        // `torch.full((6,), 2.).topk(3).indices` is [3, 5, 4].
        let mut v = pairs(&[2; 6]);
        nth_element(&mut v, 2, &greater);
        sort(&mut v[..2], &greater);
        assert_eq!(positions(&v[..3]), [3, 5, 4]);
    }

    #[test]
    fn partial_sort_sorts_the_smallest_first() {
        let mut v = pairs(&[5, 3, 9, 1, 7, 3, 0, 8]);
        partial_sort(&mut v, 3, &|a, b| a.0 < b.0);
        assert_eq!(v[..3].iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1, 3]);
    }
}
