//! Arrow-key movement between the drawn cells of one grid.
//!
//! The last dim runs left to right and the one before it top to bottom;
//! moving off the edge of a block of a rank-3 or rank-4 tensor continues
//! in the next block, as the rows are read in order.

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

/// Where `mv` goes from `index`, among the drawn positions of each dim
/// (`None` marks a summarised gap, which is skipped); `None` at the edges.
pub fn step(positions: &[Vec<Option<usize>>], index: &[usize], mv: Move) -> Option<Vec<usize>> {
    let rank = positions.len();
    if rank == 0 {
        return None;
    }
    let drawn: Vec<Vec<usize>> = positions.iter().map(|p| p.iter().flatten().copied().collect()).collect();
    let place = |k: usize, i: usize| drawn[k].iter().position(|&p| p == i);
    let mut out = index.to_vec();
    let last = rank - 1;
    match mv {
        Move::RowStart => out[last] = *drawn[last].first()?,
        Move::RowEnd => out[last] = *drawn[last].last()?,
        Move::Left | Move::Right => {
            let at = place(last, index[last])?;
            let to = if mv == Move::Left { at.checked_sub(1)? } else { at + 1 };
            out[last] = *drawn[last].get(to)?;
        }
        Move::Up | Move::Down => {
            if rank < 2 {
                return None;
            }
            // Carry like an odometer over the dims before the last one.
            let mut k = last - 1;
            loop {
                let at = place(k, out[k])?;
                let to = if mv == Move::Up {
                    at.checked_sub(1)
                } else {
                    Some(at + 1).filter(|&t| t < drawn[k].len())
                };
                match to {
                    Some(t) => {
                        out[k] = drawn[k][t];
                        break;
                    }
                    None if k == 0 => return None,
                    None => {
                        out[k] = if mv == Move::Up { *drawn[k].last()? } else { drawn[k][0] };
                        k -= 1;
                    }
                }
            }
        }
    }
    Some(out)
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
    fn summarised_gaps_are_skipped() {
        let p = vec![vec![Some(0), Some(1), Some(2), None, Some(97), Some(98), Some(99)]];
        assert_eq!(step(&p, &[2], Move::Right), Some(vec![97]));
        assert_eq!(step(&p, &[97], Move::Left), Some(vec![2]));
        assert_eq!(step(&p, &[0], Move::Down), None);
    }
}
