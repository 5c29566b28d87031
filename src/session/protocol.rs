//! The messages between the page and the Web Worker that runs its
//! programs. The page never runs a program itself: it sends the program,
//! the worker runs it and sends back the whole `Session` (the transcript,
//! the lineage graph and the grids with their elements written out), and
//! the page draws and answers every hover from that.
//!
//! Plain serde data: it crosses the boundary as JavaScript objects through
//! serde-wasm-bindgen (`web::worker` on the worker's side, `web::runner` on
//! the page's), and natively it is tested as JSON.

use super::Session;
use serde::{Deserialize, Serialize};

/// The most bytes of printed output the worker sends with a session: the
/// page could not show megabytes of text anyway, and sending them would
/// cost the page the very freeze the worker is there to spare it.
pub const MAX_TRANSCRIPT: usize = 100_000;

/// From the page to the worker. (Externally tagged, serde's default: an
/// internally tagged enum would buffer the whole session to find its tag.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Run `code`; the reply carries the same `id`.
    Run {
        /// Tells the replies apart (the page numbers its requests).
        id: u32,
        /// The program.
        code: String,
        /// Whether to work out the gradients of its focus too
        /// (`Session::with_gradients`): the page's gradient view asks.
        #[serde(default, skip_serializing_if = "is_false")]
        gradients: bool,
    },
}

/// Whether a flag is off (left out of the message then).
fn is_false(b: &bool) -> bool {
    !*b
}

/// From the worker to the page (`worker.js` itself posts `"Ready"` and
/// `{Failed: {message}}`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker has loaded and takes programs.
    Ready,
    /// The worker could not load (its files, say): the page must run
    /// programs some other way.
    Failed {
        /// What went wrong, for the console.
        message: String,
    },
    /// A program ran (to its end or to its first error).
    Ran {
        /// The request's `id`.
        id: u32,
        /// What it left for the views.
        session: Box<Session>,
    },
}

/// The worker's reply to run `id`, which left `session`.
pub fn reply(id: u32, mut session: Session) -> FromWorker {
    session.shorten_transcript(MAX_TRANSCRIPT);
    FromWorker::Ran { id, session: Box::new(session) }
}

/// What the worker answers to `request`, running it here and now.
pub fn answer(request: ToWorker) -> FromWorker {
    match request {
        ToWorker::Run { id, code, gradients: false } => reply(id, Session::new(&code)),
        ToWorker::Run { id, code, gradients: true } => reply(id, Session::with_gradients(&code)),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const PROGRAM: &str = "t = torch.tensor([[1., 2., 3.], [4., 5., 6.]])\nu = t * 2\n(t + u).max(dim=1)";

    /// Through JSON and back, as through the JavaScript objects between the
    /// worker and the page.
    fn carried(reply: FromWorker) -> Session {
        let json = serde_json::to_string(&reply).unwrap();
        match serde_json::from_str(&json).unwrap() {
            FromWorker::Ran { session, .. } => *session,
            other => panic!("not a run: {other:?}"),
        }
    }

    #[test]
    fn a_carried_session_draws_and_lights_up_as_the_one_that_ran() {
        let ran = Session::new(PROGRAM);
        let got = carried(answer(ToWorker::Run { id: 7, code: PROGRAM.to_string(), gradients: false }));
        assert_eq!(got.transcript(), ran.transcript());
        assert_eq!(got.grids().len(), ran.grids().len());
        for (a, b) in got.grids().iter().zip(ran.grids()) {
            assert_eq!((a.node, &a.name, a.role, a.shape()), (b.node, &b.name, b.role, b.shape()));
            for flat in 0..a.numel() {
                let index = a.index(flat);
                assert_eq!(a.text(&index), b.text(&index));
                assert_eq!(got.highlight(a.node, flat), ran.highlight(b.node, flat));
                assert_eq!(got.describe(a.node, flat, false), ran.describe(b.node, flat, false));
            }
        }
        assert_eq!(got.focus_lineage(), ran.focus_lineage());
    }

    #[test]
    fn carried_gradients_are_the_ones_worked_out() {
        let code = "t = torch.tensor([[1., -2.], [0.5, 4.]])\n(t.exp() * t).sum(dim=1) / 3";
        let got = carried(answer(ToWorker::Run { id: 2, code: code.to_string(), gradients: true }));
        let worked_out = Session::with_gradients(code);
        assert!(got.gradients().is_some_and(|g| !g.elements.is_empty() && g.missing.is_none()));
        assert_eq!(got.gradients(), worked_out.gradients());
        assert_eq!(got.focus_lineage(), worked_out.focus_lineage());
        // A plain run carries none.
        let plain = carried(answer(ToWorker::Run { id: 3, code: code.to_string(), gradients: false }));
        assert!(plain.gradients().is_none());
    }

    #[test]
    fn a_long_transcript_is_cut_with_a_note() {
        let code = "torch.arange(60000).tolist()";
        let got = carried(answer(ToWorker::Run { id: 1, code: code.to_string(), gradients: false }));
        let stdout = got.transcript().stdout;
        assert!(stdout.len() < MAX_TRANSCRIPT + 100, "{}", stdout.len());
        assert!(stdout.starts_with("[0, 1, 2, "));
        assert!(stdout.ends_with("more bytes of output not shown)\n"), "{}", &stdout[stdout.len() - 80..]);
        // Nothing is cut from what the command line prints.
        assert!(Session::new(code).transcript().stdout.len() > MAX_TRANSCRIPT);
    }

    #[test]
    fn messages_are_tagged_as_worker_js_writes_them() {
        let json = serde_json::to_value(ToWorker::Run { id: 3, code: "1".into(), gradients: false }).unwrap();
        assert_eq!(json, serde_json::json!({"Run": {"id": 3, "code": "1"}}));
        let json = serde_json::to_value(ToWorker::Run { id: 4, code: "1".into(), gradients: true }).unwrap();
        assert_eq!(json, serde_json::json!({"Run": {"id": 4, "code": "1", "gradients": true}}));
        let ready: FromWorker = serde_json::from_value(serde_json::json!("Ready")).unwrap();
        assert!(matches!(ready, FromWorker::Ready));
        let failed: FromWorker =
            serde_json::from_value(serde_json::json!({"Failed": {"message": "no"}})).unwrap();
        assert!(matches!(failed, FromWorker::Failed { message } if message == "no"));
    }
}
