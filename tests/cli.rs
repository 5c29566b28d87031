//! The command line as course authors and tests use it (contract section 4).

#![cfg(not(target_arch = "wasm32"))]

use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `tensor-playground <command>` with `program` on standard input.
fn run(command: &str, program: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tensor-playground"))
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("stdin is piped").write_all(program.as_bytes()).expect("program is written");
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn lineage(program: &str) -> Value {
    let o = run("lineage", program);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("lineage prints one JSON object")
}

const ARGMAX: &str = "t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)\n";

fn element(name: &str, index: &[usize]) -> Value {
    json!({"name": name, "index": index})
}

/// A list of sources with their `"grad"`s left out.
fn without_grads(sources: &Value) -> Value {
    let mut sources = sources.clone();
    for s in sources.as_array_mut().into_iter().flatten() {
        s.as_object_mut().map(|o| o.remove("grad"));
    }
    sources
}

#[test]
fn each_source_carries_its_derivative_where_there_is_one() {
    // The mean of a column of three: 1/3 each.
    let report = lineage(&format!(
        "{ARGMAX}t.mean(dim=0)
"
    ));
    let third = json!(f64::from(1.0f32 / 3.0));
    let sources = &report["elements"][1]["sources"];
    assert_eq!(sources[0], json!({"name": "t", "index": [0, 1], "grad": third}));
    // max(dim) sends everything to the element it reports, the first of equals.
    let report = lineage(&format!(
        "{ARGMAX}t.max(dim=1).values
"
    ));
    let grads: Vec<Value> =
        report["elements"][1]["sources"].as_array().unwrap().iter().map(|s| s["grad"].clone()).collect();
    assert_eq!(grads, [json!(0.0), json!(1.0), json!(0.0), json!(0.0)]);
    // amax splits it between equals.
    let report = lineage(&format!(
        "{ARGMAX}t.amax(dim=1)
"
    ));
    assert_eq!(report["elements"][1]["sources"][2]["grad"], json!(0.5));
    // Integer tensors have none: the index tensor of a gather is a source without one.
    let report = lineage(&format!(
        "{ARGMAX}i = torch.tensor([[1], [0], [3]])
t.gather(1, i)
"
    ));
    let sources = report["elements"][0]["sources"].as_array().unwrap();
    assert_eq!(sources[0], json!({"name": "i", "index": [0, 0]}));
    assert_eq!(sources[1], json!({"name": "t", "index": [0, 1], "grad": 1.0}));
    // NaN is written as a word, as JSON has no number for it.
    let report = lineage(
        "n = torch.tensor([float('nan'), 1.])
n.amax()
",
    );
    assert_eq!(report["elements"][0]["sources"][1]["grad"], json!("nan"));
}

#[test]
fn lineage_without_a_derivative_says_so_and_leaves_grad_out() {
    let o = run(
        "lineage",
        &format!(
            "{ARGMAX}t // 2
"
        ),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o),
        "tensor-playground: no gradients: derivative for aten::floor_divide is not implemented
"
    );
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["elements"][0]["sources"], json!([element("t", &[0, 0])]));
}

#[test]
fn eval_prints_each_expression_statement_as_the_repl_does() {
    let o = run("eval", &format!("{ARGMAX}t.argmax(dim=1)\nx = t.sum()\nprint('done')\nt.max()\n"));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "tensor([3, 1, 3])\ndone\ntensor(5.)\n");
    assert_eq!(stderr(&o), "");
}

#[test]
fn eval_stops_at_the_first_error_with_one_line_on_stderr() {
    let o = run("eval", &format!("{ARGMAX}t.sum()\nt.sum(dim=2)\nt.sum()\n"));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "tensor(18.)\n");
    assert_eq!(
        stderr(&o),
        "IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2)\n"
    );
}

#[test]
fn eval_reports_syntax_errors_with_their_place() {
    let o = run("eval", "t = torch.tensor([1, 2]\nt.sum()\n");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "SyntaxError: '(' was never closed (line 1, column 17)\n");
}

#[test]
fn eval_reads_a_file_argument() {
    let dir = std::env::temp_dir().join(format!("tp-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("program.py");
    std::fs::write(&path, "torch.arange(3)\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_tensor-playground")).arg("eval").arg(&path).output().unwrap();
    assert_eq!(stdout(&o), "tensor([0, 1, 2])\n");
    let missing = Command::new(env!("CARGO_BIN_EXE_tensor-playground"))
        .args(["eval", "/no/such/file.py"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_commands_print_usage() {
    let o = Command::new(env!("CARGO_BIN_EXE_tensor-playground")).arg("frobnicate").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("usage: tensor-playground"));
}

#[test]
fn argmax_along_rows_wins_with_one_element_per_row() {
    let report = lineage(&format!("{ARGMAX}t.argmax(dim=1)\n"));
    assert_eq!(report["shape"], json!([3]));
    let elements = report["elements"].as_array().unwrap();
    assert_eq!(elements.len(), 3);
    // Row 1 is the tie 3, 3: the first one wins.
    assert_eq!(elements[1]["index"], json!([1]));
    let row: Vec<Value> = (0..4).map(|j| element("t", &[1, j])).collect();
    assert_eq!(elements[1]["sources"], json!(row));
    assert_eq!(elements[1]["winners"], json!([element("t", &[1, 1])]));
    assert_eq!(elements[2]["winners"], json!([element("t", &[2, 3])]));
}

#[test]
fn amax_and_amin_win_where_max_and_min_would_pick() {
    // amax returns only the value; its winner is the element max picks,
    // the first of the tie 3, 3 in row 1, also through a transposed view.
    let report = lineage(&format!("{ARGMAX}t.amax(dim=1)\n"));
    let elements = report["elements"].as_array().unwrap();
    assert_eq!(elements[1]["winners"], json!([element("t", &[1, 1])]));
    assert_eq!(elements[2]["winners"], json!([element("t", &[2, 3])]));
    let report = lineage(&format!("{ARGMAX}t.T.amin(dim=0)\n"));
    assert_eq!(report["elements"][0]["winners"], json!([element("t", &[0, 1])]));
    // And a winner picked upstream is what a later selection wins with.
    let report = lineage(&format!("{ARGMAX}t.amax(dim=1).argmax()\n"));
    assert_eq!(report["elements"][0]["winners"], json!([element("t", &[2, 3])]));
}

#[test]
fn a_sum_has_sources_but_no_winners() {
    let report = lineage(&format!("{ARGMAX}t.sum(dim=0)\n"));
    assert_eq!(report["shape"], json!([4]));
    let column: Vec<Value> = (0..3).map(|i| element("t", &[i, 2])).collect();
    assert_eq!(without_grads(&report["elements"][2]["sources"]), json!(column));
    assert_eq!(report["elements"][2]["winners"], json!([]));
}

#[test]
fn argmax_of_column_sums_wins_with_the_whole_column() {
    // Column sums are 5, 3, 3, 7: column 3 wins.
    let report = lineage(&format!("{ARGMAX}t.sum(dim=0).argmax()\n"));
    assert_eq!(report["shape"], json!([]));
    assert_eq!(report["elements"][0]["index"], json!([]));
    assert_eq!(report["elements"][0]["sources"].as_array().unwrap().len(), 12);
    let column: Vec<Value> = (0..3).map(|i| element("t", &[i, 3])).collect();
    assert_eq!(report["elements"][0]["winners"], json!(column));
}

#[test]
fn lineage_passes_through_intermediate_variables_and_indexing() {
    let report = lineage(&format!("{ARGMAX}u = t[1:] * 2\nu.max(dim=1).indices\n"));
    assert_eq!(report["shape"], json!([2]));
    // u[0] is t[1]; its maximum is the first 3, at t[1, 1].
    assert_eq!(report["elements"][0]["winners"], json!([element("t", &[1, 1])]));
    let row: Vec<Value> = (0..4).map(|j| element("t", &[2, j])).collect();
    assert_eq!(report["elements"][1]["sources"], json!(row));
}

#[test]
fn lineage_of_rows_added_element_wise() {
    let report = lineage(&format!("{ARGMAX}t[0] + t[1] + t[2]\n"));
    let column: Vec<Value> = (0..3).map(|i| element("t", &[i, 0])).collect();
    assert_eq!(without_grads(&report["elements"][0]["sources"]), json!(column));
}

#[test]
fn data_reshaped_as_it_is_assigned_is_the_named_leaf() {
    let report = lineage("t = torch.arange(24.).reshape(2, 3, 4)\nt.sum(dim=1)\n");
    let column: Vec<Value> = (0..3).map(|j| element("t", &[1, j, 2])).collect();
    assert_eq!(without_grads(&report["elements"][6]["sources"]), json!(column));
    // Computed from a named tensor, a reshape is a step, not new data.
    let report = lineage("r = torch.arange(4)\nt = r.reshape(2, 2)\nt.sum(dim=0)\n");
    assert_eq!(report["elements"][1]["sources"], json!([element("r", &[1]), element("r", &[3])]));
}

#[test]
fn sources_are_sorted_by_name_then_index() {
    let report = lineage("b = torch.tensor([1, 2])\na = torch.tensor([[3], [4]])\nb + a\n");
    assert_eq!(report["shape"], json!([2, 2]));
    assert_eq!(report["elements"][1]["sources"], json!([element("a", &[0, 0]), element("b", &[1])]));
}

#[test]
fn conversions_and_pairs_take_the_lineage_of_their_tensor() {
    let item = lineage(&format!("{ARGMAX}t.max().item()\n"));
    assert_eq!(item["shape"], json!([]));
    assert_eq!(item["elements"][0]["winners"], json!([element("t", &[2, 3])]));
    let pair = lineage(&format!("{ARGMAX}t.max(dim=0)\n"));
    assert_eq!(pair["shape"], json!([4]));
    assert_eq!(pair["elements"][0]["winners"], json!([element("t", &[2, 0])]));
    let list = lineage(&format!("{ARGMAX}t.mean(dim=0).tolist()\n"));
    assert_eq!(list["shape"], json!([4]));
}

#[test]
fn values_without_elements_have_a_null_shape() {
    assert_eq!(lineage(&format!("{ARGMAX}t.numel()\n")), json!({"shape": null, "elements": []}));
    assert_eq!(lineage(&format!("{ARGMAX}t.shape\n")), json!({"shape": null, "elements": []}));
}

#[test]
fn lineage_of_a_failing_program_is_its_error() {
    let o = run("lineage", &format!("{ARGMAX}t.argmax(dim=(0, 1))\n"));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "TypeError: argmax(): argument 'dim' must be int, not tuple\n");
}

#[test]
fn lineage_of_views_that_rearrange_dims() {
    // t.T[i, j] is t[j, i]; a permute and an unsqueeze move indices alike.
    let report = lineage(&format!("{ARGMAX}t.T\n"));
    assert_eq!(report["shape"], json!([4, 3]));
    assert_eq!(without_grads(&report["elements"][1]["sources"]), json!([element("t", &[1, 0])]));
    let report = lineage("u = torch.arange(24.).reshape(2, 3, 4)\nu.permute(2, 0, 1).unsqueeze(1)\n");
    assert_eq!(report["shape"], json!([4, 1, 2, 3]));
    // Element [3, 0, 1, 2] (row-major position 3*6 + 1*3 + 2 = 23) is u[1, 2, 3].
    assert_eq!(without_grads(&report["elements"][23]["sources"]), json!([element("u", &[1, 2, 3])]));
}

#[test]
fn values_and_indices_of_a_plain_tensor_are_outside_the_subset() {
    // PyTorch's are methods of sparse tensors; only max(dim)'s pair has the fields.
    let o = run("eval", &format!("{ARGMAX}t.argmax(dim=1).indices\n"));
    assert_eq!(
        stderr(&o),
        "NotImplementedError: Tensor.indices is part of PyTorch but not of the playground yet; see the list of what is supported\n"
    );
}

#[test]
fn ops_lists_what_is_supported_by_section() {
    let o = run("ops", "");
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("reductions:\n  sum "), "{text}");
    assert!(text.contains("t.argmax(...)  torch.argmax(t, ...)"), "{text}");
    let o =
        Command::new(env!("CARGO_BIN_EXE_tensor-playground")).args(["ops", "--markdown"]).output().unwrap();
    assert!(stdout(&o).starts_with("| area | operation | written as | what it gives |\n"));
}

#[test]
fn input_longer_than_the_playground_reads_is_refused_without_reading_it_all() {
    // Reading /dev/zero ran out of memory.
    let o =
        Command::new(env!("CARGO_BIN_EXE_tensor-playground")).args(["eval", "/dev/zero"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "tensor-playground: /dev/zero is longer than the 1 MiB the playground reads\n");
    // It stops reading there, so the rest may not be written at all.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tensor-playground"))
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all("# a comment\n".repeat(100_000).as_bytes());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "tensor-playground: standard input is longer than the 1 MiB the playground reads\n"
    );
    // Up to the limit, a program is read and run.
    let o = run("eval", &format!("{}1 + 1\n", "#".repeat((1 << 20) - 7) + "\n"));
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), "2\n".to_string()), "stderr: {}", stderr(&o));
}

#[test]
fn lineage_longer_than_the_command_line_writes_is_refused() {
    // 16 million lines of JSON were 1.3 GB, built in 7.6 GB of memory.
    let o = run("lineage", "t = torch.ones(4096, 4096)\nt * 2\n");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "tensor-playground: the lineage of the last expression (16777216 elements) is longer than the 64 MiB of JSON the command line writes\n"
    );
    // One element, read from 16 million.
    let o = run("lineage", "t = torch.ones(4096, 4096)\nt.sum()\n");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "tensor-playground: the lineage of the last expression (1 element) is longer than the 64 MiB of JSON the command line writes\n"
    );
    // The lineage of a selection among 65,536 elements is well within.
    let report = lineage("t = torch.ones(1024, 64)\nt.max()\n");
    assert_eq!(report["elements"][0]["winners"], json!([element("t", &[0, 0])]));
    assert_eq!(report["elements"][0]["sources"].as_array().map(Vec::len), Some(65536));
}
