//! The lesson list's lines (`lessons/index.txt`): each lesson's id, and,
//! written by `tensor-playground lesson index`, its outline, so that the
//! page can list the lessons without fetching every lesson file on the
//! learner's first action (about 2 KB gzipped a lesson).
//!
//! A line is `id`, or `id<TAB>steps<TAB>title<TAB>summary`. Lines of just
//! an id still work: the page then reads that lesson's file for its outline.

use super::Outline;

/// The line listing `outline`. Titles and summaries are one line of prose
/// already; any tab or line break in them becomes a space.
pub fn index_line(outline: &Outline) -> String {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{}\t{}\t{}\t{}", outline.id, outline.steps, flat(&outline.title), flat(&outline.summary))
}

/// The id a line lists (its first field, trimmed).
pub fn listed_id(line: &str) -> &str {
    line.split('\t').next().unwrap_or_default().trim()
}

/// The outline a line carries, if it is a whole one.
pub fn listed_outline(line: &str) -> Option<Outline> {
    let mut fields = line.trim_end_matches('\r').split('\t');
    let id = fields.next()?.trim().to_string();
    let steps = fields.next()?.trim().parse().ok()?;
    let title = fields.next()?.to_string();
    let summary = fields.next()?.to_string();
    (fields.next().is_none() && !id.is_empty() && !title.is_empty()).then_some(Outline {
        id,
        title,
        summary,
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline() -> Outline {
        Outline {
            id: "columns".into(),
            title: "Summing down\tthe columns".into(),
            summary: "What `sum(dim=0)`\ndoes.".into(),
            steps: 2,
        }
    }

    #[test]
    fn a_line_gives_back_its_outline_with_whitespace_made_single_spaces() {
        let line = index_line(&outline());
        assert_eq!(line, "columns\t2\tSumming down the columns\tWhat `sum(dim=0)` does.");
        let back = listed_outline(&line).unwrap();
        assert_eq!(
            (back.id.as_str(), back.steps, back.title.as_str()),
            ("columns", 2, "Summing down the columns")
        );
        assert_eq!(listed_id(&line), "columns");
    }

    #[test]
    fn a_bare_id_lists_the_lesson_without_an_outline() {
        assert_eq!(listed_id("  columns \r"), "columns");
        assert!(listed_outline("columns").is_none());
        assert!(listed_outline("columns\tmany\tTitle\tSummary").is_none());
        assert!(listed_outline("columns\t2\tTitle\tSummary\textra").is_none());
    }
}
