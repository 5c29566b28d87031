//! Arrow-key movement between the drawn cells of one grid.
//!
//! The last dim runs left to right and the one before it top to bottom;
//! moving off the edge of a block continues in the block drawn next to it:
//! below, for a rank-3 stack, and below or beside in the grid of blocks of
//! rank 4 and up (whose last outer dim runs across).

/// A movement key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// One cell left (ArrowLeft).
    Left,
    /// One cell right (ArrowRight).
    Right,
    /// One row up (ArrowUp).
    Up,
    /// One row down (ArrowDown).
    Down,
    /// The first cell of the row (Home).
    RowStart,
    /// The last cell of the row (End).
    RowEnd,
}

impl Move {
    /// The movement a `KeyboardEvent.key` asks for.
    pub fn from_key(key: &str) -> Option<Move> {
        Some(match key {
            "ArrowLeft" => Move::Left,
            "ArrowRight" => Move::Right,
            "ArrowUp" => Move::Up,
            "ArrowDown" => Move::Down,
            "Home" => Move::RowStart,
            "End" => Move::RowEnd,
            _ => return None,
        })
    }
}

/// The outer dim whose blocks the page lays side by side, for a tensor of
/// `rank`: rank 3 stacks its blocks; from rank 4 they form a grid, row by
/// row in index order, whose columns are the last outer dim (the others run
/// down). The drawing (web::grid) and the arrow keys both follow it.
pub fn blocks_across(rank: usize) -> Option<usize> {
    (rank >= 4).then(|| rank - 3)
}

/// Where `mv` goes from `index`, among the drawn positions of each dim
/// (`None` marks a summarised gap, which is skipped); `None` at the edges.
pub fn step(positions: &[Vec<Option<usize>>], index: &[usize], mv: Move) -> Option<Vec<usize>> {
    let rank = positions.len();
    if rank == 0 {
        return None;
    }
    let drawn: Vec<Vec<usize>> = positions.iter().map(|p| p.iter().flatten().copied().collect()).collect();
    let last = rank - 1;
    let across = blocks_across(rank);
    match mv {
        Move::RowStart => Some(with(index, last, *drawn[last].first()?)),
        Move::RowEnd => Some(with(index, last, *drawn[last].last()?)),
        Move::Left | Move::Right => {
            let forward = mv == Move::Right;
            let in_row = odometer(&drawn, index, &[last], forward);
            // Off the end of a row, into the block beside it.
            in_row.or_else(|| {
                let next = odometer(&drawn, index, &[across?], forward)?;
                let edge = if forward { drawn[last].first() } else { drawn[last].last() };
                Some(with(&next, last, *edge?))
            })
        }
        Move::Up | Move::Down => {
            // Rows, then the blocks below, skipping the dim that runs across.
            let down: Vec<usize> = (0..last).rev().filter(|&k| Some(k) != across).collect();
            odometer(&drawn, index, &down, mv == Move::Down)
        }
    }
}

/// `index` with its `k`th position set to `i`.
fn with(index: &[usize], k: usize, i: usize) -> Vec<usize> {
    let mut out = index.to_vec();
    out[k] = i;
    out
}

/// One step along `dims` (the fastest first), carried like an odometer:
/// a dim that runs off its end starts again and the next one moves.
fn odometer(drawn: &[Vec<usize>], index: &[usize], dims: &[usize], forward: bool) -> Option<Vec<usize>> {
    let place = |k: usize, i: usize| drawn[k].iter().position(|&p| p == i);
    let mut out = index.to_vec();
    for &k in dims {
        let at = place(k, out[k])?;
        let to = if forward { Some(at + 1).filter(|&t| t < drawn[k].len()) } else { at.checked_sub(1) };
        match to {
            Some(t) => {
                out[k] = drawn[k][t];
                return Some(out);
            }
            None => out[k] = if forward { drawn[k][0] } else { *drawn[k].last()? },
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(dims: &[usize]) -> Vec<Vec<Option<usize>>> {
        dims.iter().map(|&d| (0..d).map(Some).collect()).collect()
    }

    #[test]
    fn arrows_move_within_a_matrix_and_stop_at_edges() {
        let p = full(&[3, 4]);
        assert_eq!(step(&p, &[1, 1], Move::Right), Some(vec![1, 2]));
        assert_eq!(step(&p, &[1, 3], Move::Right), None);
        assert_eq!(step(&p, &[0, 2], Move::Up), None);
        assert_eq!(step(&p, &[0, 2], Move::Down), Some(vec![1, 2]));
        assert_eq!(step(&p, &[2, 2], Move::RowStart), Some(vec![2, 0]));
    }

    #[test]
    fn rows_continue_into_the_next_block() {
        let p = full(&[2, 3, 4]);
        assert_eq!(step(&p, &[0, 2, 1], Move::Down), Some(vec![1, 0, 1]));
        assert_eq!(step(&p, &[1, 0, 1], Move::Up), Some(vec![0, 2, 1]));
        assert_eq!(step(&p, &[1, 2, 1], Move::Down), None);
    }

    #[test]
    fn from_rank_4_arrows_move_between_blocks_as_they_are_drawn() {
        // Blocks t[i, j] form a 2 x 3 grid: j runs across, i down.
        let p = full(&[2, 3, 2, 2]);
        assert_eq!(step(&p, &[0, 0, 1, 1], Move::Down), Some(vec![1, 0, 0, 1]));
        assert_eq!(step(&p, &[1, 0, 0, 1], Move::Up), Some(vec![0, 0, 1, 1]));
        assert_eq!(step(&p, &[0, 0, 1, 1], Move::Right), Some(vec![0, 1, 1, 0]));
        assert_eq!(step(&p, &[0, 1, 1, 0], Move::Left), Some(vec![0, 0, 1, 1]));
        assert_eq!(step(&p, &[0, 2, 0, 1], Move::Right), None);
        assert_eq!(step(&p, &[1, 2, 1, 1], Move::Down), None);
        // Rank 5: dims 0 and 1 down, 2 across.
        let p = full(&[2, 2, 3, 2, 2]);
        assert_eq!(step(&p, &[0, 0, 1, 1, 0], Move::Down), Some(vec![0, 1, 1, 0, 0]));
        assert_eq!(step(&p, &[0, 1, 1, 1, 0], Move::Down), Some(vec![1, 0, 1, 0, 0]));
    }

    #[test]
    fn summarised_gaps_are_skipped() {
        let p = vec![vec![Some(0), Some(1), Some(2), None, Some(97), Some(98), Some(99)]];
        assert_eq!(step(&p, &[2], Move::Right), Some(vec![97]));
        assert_eq!(step(&p, &[97], Move::Left), Some(vec![2]));
        assert_eq!(step(&p, &[0], Move::Down), None);
    }
}
