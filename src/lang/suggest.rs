//! Python's "Did you mean" for an unknown attribute or name, by CPython
//! 3.11's own rule (`Python/suggestions.c`, which the REPL uses): the
//! closest candidate by a Levenshtein distance in which a change of case
//! costs 1 and any other edit 2, if at most a third of the characters
//! involved change; nothing for a name over 40 bytes, and nothing at all
//! among 750 candidates or more (so never for a tensor's 751 attributes).

/// Past this many candidates Python suggests nothing.
const MAX_CANDIDATES: usize = 750;
/// Longer names (after their common prefix and suffix) are never close.
const MAX_STRING_SIZE: usize = 40;
/// The cost of inserting, deleting or replacing a character.
const MOVE_COST: usize = 2;
/// The cost of changing a letter's case.
const CASE_COST: usize = 1;

/// The candidate Python suggests for `name`, if any; ties go to the first.
pub fn suggestion<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if candidates.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        // No more than a third of the characters involved may change, and
        // a match must beat the best so far.
        let mut max = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = distance(name.as_bytes(), item.as_bytes(), max);
        if d <= max && best.is_none_or(|(_, b)| d < b) {
            best = Some((item, d));
        }
    }
    best.map(|(item, _)| item)
}

/// The cost of turning byte `a` into byte `b`.
fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) { CASE_COST } else { MOVE_COST }
}

/// The edit distance between `a` and `b`, or `max + 1` once it must exceed `max`.
fn distance<'a>(mut a: &'a [u8], mut b: &'a [u8], max: usize) -> usize {
    while let (Some(x), Some(y)) = (a.first(), b.first())
        && x == y
    {
        (a, b) = (&a[1..], &b[1..]);
    }
    while let (Some(x), Some(y)) = (a.last(), b.last())
        && x == y
    {
        (a, b) = (&a[..a.len() - 1], &b[..b.len() - 1]);
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max + 1;
    }
    if b.len() < a.len() {
        (a, b) = (b, a);
    }
    if (b.len() - a.len()) * MOVE_COST > max {
        return max + 1;
    }
    // One row of the classic matrix, updated in place.
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut diagonal = bi * MOVE_COST;
        result = diagonal;
        let mut minimum = usize::MAX;
        for (ai, &c) in a.iter().enumerate() {
            let substitute = diagonal + substitution_cost(code, c);
            diagonal = row[ai];
            result = (result.min(diagonal) + MOVE_COST).min(substitute);
            row[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max {
            return max + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_as_python_does() {
        assert_eq!(suggestion("summ", ["mean", "sum", "summary"]), Some("sum"));
        assert_eq!(suggestion("tt", ["__name__", "t", "torch"]), Some("t"));
        assert_eq!(suggestion("Sum", ["sum"]), Some("sum"));
        // Too far: more than a third of the characters change.
        assert_eq!(suggestion("xyz", ["sum"]), None);
        // Ties go to the first candidate.
        assert_eq!(suggestion("x3", ["x1", "x2"]), Some("x1"));
        // The name itself is never suggested.
        assert_eq!(suggestion("sum", ["sum"]), None);
    }

    #[test]
    fn too_many_candidates_suggest_nothing() {
        let many: Vec<String> = (0..750).map(|i| format!("n{i}")).collect();
        assert_eq!(suggestion("sum", many.iter().map(String::as_str).chain(["sum2"])), None);
        assert_eq!(suggestion("n1x", many[..749].iter().map(String::as_str)), Some("n1"));
    }
}
