//! Lesson files: every shipped lesson passes `lesson check`, and broken
//! lesson files get a clear error naming the file, line and step.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

fn check(files: &[&Path]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_tensor-playground"))
        .args(["lesson", "check"])
        .args(files)
        .output()
        .expect("the binary runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

/// The example of a lesson kept on a course's own site (`lesson-url`,
/// docs/platforms.md) is in the same format, and checks out the same way.
#[test]
fn the_example_lesson_for_lesson_url_checks_out() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples/lessons/row-means.md");
    let (code, stdout, stderr) = check(&[&file]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.ends_with("row-means.md: ok, 2 steps\n"), "{stdout}");
}

#[test]
fn every_shipped_lesson_checks_out() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/lessons");
    let index =
        std::fs::read_to_string(dir.join("index.txt")).expect("www/lessons/index.txt lists the lessons");
    let files: Vec<_> = index
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| dir.join(format!("{}.md", l.split('\t').next().unwrap())))
        .collect();
    assert!(files.len() >= 2, "at least two lessons ship");
    let paths: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let (code, stdout, stderr) = check(&paths);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().filter(|l| l.contains(": ok, ")).count(), files.len());
    // Every lesson file is listed in the index, so the page can find it.
    let listed = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(listed, files.len(), "every www/lessons/*.md is in index.txt");
}

#[test]
fn the_lesson_index_reads_each_shipped_lesson_as_the_player_does() {
    use tensor_playground::lesson::{parse_lesson, parse_outline};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/lessons");
    let index = std::fs::read_to_string(dir.join("index.txt")).unwrap();
    for line in index.lines().filter(|l| !l.trim().is_empty()) {
        let id = line.split('\t').next().unwrap();
        let text = std::fs::read_to_string(dir.join(format!("{id}.md"))).unwrap();
        let (outline, lesson) = (parse_outline(&text).unwrap(), parse_lesson(&text).unwrap());
        assert_eq!(
            (outline.id.as_str(), outline.title.as_str(), outline.summary.as_str(), outline.steps),
            (lesson.id.as_str(), lesson.title.as_str(), lesson.summary.as_str(), lesson.steps.len()),
            "{id}"
        );
    }
}

#[test]
fn the_reductions_lesson_asks_on_every_other_step() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("www/lessons/reductions.md"))
            .unwrap();
    let lesson = tensor_playground::lesson::parse_lesson(&text).unwrap();
    for pair in lesson.steps.windows(2) {
        assert!(
            pair.iter().any(|s| s.question.is_some()),
            "no question on steps '{}' and '{}'",
            pair[0].title,
            pair[1].title
        );
    }
}

#[test]
fn broken_lessons_say_where_and_why() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lessons");
    let cases = [
        ("missing-program.md", ":4: step 1: the step has no program (a ```python code block)"),
        (
            "failing-step.md",
            ":4: step 1: the program fails: IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2) (add `@error` if that is the point)",
        ),
        ("bad-question.md", ":11: step 1: `@answer` [5] is outside the result's shape [3]"),
        ("right-marked-wrong.md", ":12: step 1: `@wrong` `tensor([2., 2., 2.])` is the right answer"),
    ];
    for (file, expected) in cases {
        let path = dir.join(file);
        let (code, _, stderr) = check(&[&path]);
        assert_eq!(code, 1, "{file}");
        assert_eq!(stderr.trim_end(), format!("{}{expected}", path.display()), "{file}");
    }
}

#[test]
fn the_lesson_index_carries_each_lesson_outline_as_lesson_index_writes_it() {
    // The page lists the lessons from index.txt alone: a lesson file edited
    // without running `lesson index` again would be listed wrongly.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/lessons");
    let index = std::fs::read_to_string(dir.join("index.txt")).unwrap();
    let files: Vec<String> = index
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| dir.join(format!("{}.md", l.split('\t').next().unwrap())).display().to_string())
        .collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tensor-playground"))
        .arg("lesson")
        .arg("index")
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        index,
        "www/lessons/index.txt is out of date: run `tensor-playground lesson index` on the lessons it lists \
         (docs/lessons.md)"
    );
}
