//! Runs the playground's programs in a Web Worker, so that no program can
//! freeze the page: the page sends a program, keeps drawing and answering
//! the pointer from the last `Session` it was sent, and draws the new one
//! when it arrives (`session::protocol`).
//!
//! A run that takes longer than its time limit is stopped (the worker is
//! ended and a fresh one started); a worker that dies is restarted; a
//! program the learner has since replaced is not waited for. Where no
//! worker can be started (a host page whose Content-Security-Policy forbids
//! it, say), programs run on the page itself, within the interpreter's own
//! work caps, as they did before workers.

use super::worker::{INTERPRETER_UNAVAILABLE, evaluate};
use crate::session::Session;
use crate::session::protocol::{FromWorker, ToWorker};
use leptos::prelude::window;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// How long a program may run before it is stopped, unless the learner
/// asked to run it anyway.
const TIME_LIMIT_MS: u32 = 2000;

/// The time limit: `TIME_LIMIT_MS`, unless the page set
/// `window.tensorPlaygroundTimeLimitMs` (100 to 60,000) before the
/// playground started. The run's budget keeps every program near a second
/// on a laptop, so only a slow device meets the limit; the specs lower it
/// to meet it here, and a course on slow machines may raise it.
pub fn time_limit_ms() -> u32 {
    js_sys::Reflect::get(&window(), &"tensorPlaygroundTimeLimitMs".into())
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|ms| (100.0..=60_000.0).contains(ms))
        .map_or(TIME_LIMIT_MS, |ms| ms as u32)
}

/// A run still in flight for longer than this is not waited for when a
/// newer program arrives: the worker is replaced at once.
const OBSOLETE_AFTER_MS: f64 = 100.0;

/// One program to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The program.
    pub code: String,
    /// Whether its drawing replaces the last one even if it fails (a
    /// lesson step's program), rather than only when it runs cleanly.
    pub replace: bool,
    /// The time limit in milliseconds; `None` runs it to its end.
    pub limit: Option<u32>,
    /// Whether to work out the gradients of its focus too (the gradient view's runs).
    pub gradients: bool,
}

/// How a run ended.
#[derive(Debug, Clone)]
pub enum Ending {
    /// It ran (to its end or to its first error).
    Ran(Rc<Session>),
    /// It ran past its time limit (in milliseconds), or the learner
    /// stopped it (0), and it was stopped.
    Stopped(u32),
    /// The worker running it died (out of memory, say) and was restarted.
    Crashed,
    /// The interpreter could not be fetched (the connection is down, say).
    Unavailable,
}

/// What the runner tells its playground.
pub struct Listener {
    /// A job has ended; `superseded` when a newer job is already on its
    /// way (its ending is then only worth knowing, not showing).
    pub ended: Box<dyn Fn(Job, Ending, bool)>,
    /// Whether a run is in flight.
    pub busy: Box<dyn Fn(bool)>,
}

/// The runner of one playground; cheap to clone.
#[derive(Clone)]
pub struct Runner(Rc<RefCell<Inner>>);

struct Inner {
    /// Where the worker's script is; `None` runs programs on the page.
    url: Option<String>,
    worker: Option<Live>,
    next_id: u32,
    in_flight: Option<Flight>,
    /// The newest job that arrived while another was in flight.
    pending: Option<Job>,
    listener: Rc<Listener>,
}

thread_local! {
    static LAST_SESSION: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
}

/// The last session a worker sent, as it came (a plain object): what the
/// site's build writes into the page with the opening view.
pub fn last_session() -> JsValue {
    LAST_SESSION.with(|s| s.borrow().clone())
}

/// The first message to a worker: the module to run.
#[derive(serde::Serialize)]
struct Load {
    r#type: &'static str,
    /// A `WebAssembly.Module`, passed through as it is.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    module: JsValue,
}

/// A worker and the handlers that must live as long as it does.
struct Live {
    worker: web_sys::Worker,
    /// Whether it has said it loaded: an error before that means it cannot
    /// load at all, after it that it died.
    ready: bool,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

struct Flight {
    id: u32,
    job: Job,
    started: f64,
    timer: Option<i32>,
    _on_timeout: Option<Closure<dyn FnMut()>>,
}

impl Runner {
    /// A runner using the worker script at `url`, or, without one, the page.
    pub fn new(url: Option<String>, listener: Listener) -> Runner {
        Runner(Rc::new(RefCell::new(Inner {
            url,
            worker: None,
            next_id: 0,
            in_flight: None,
            pending: None,
            listener: Rc::new(listener),
        })))
    }

    /// Runs `job`, after or instead of the one in flight.
    pub fn run(&self, job: Job) {
        if self.0.borrow().url.is_none() {
            return self.run_here(job);
        }
        // A worker still loading is waited for: it is not running anything.
        let obsolete = {
            let inner = self.0.borrow();
            let running = inner.worker.as_ref().is_some_and(|l| l.ready);
            inner.in_flight.as_ref().map(|f| running && now() - f.started > OBSOLETE_AFTER_MS)
        };
        match obsolete {
            None => self.send(job),
            // The learner has moved on from a slow program: start afresh.
            Some(true) => {
                // A program waiting for the slow one is older than this
                // one, so it goes too: left waiting, it would run after this
                // one and be shown over it. (A load's redraw is kept.)
                let (abandoned, waiting) = {
                    let mut inner = self.0.borrow_mut();
                    (inner.in_flight.take(), inner.pending.take())
                };
                // Its timer must go with it: the timer's closure is dropped
                // with the flight, and a timer firing into a dropped closure
                // throws ("closure invoked ... after being dropped").
                if let Some(abandoned) = abandoned {
                    clear_timer(&abandoned);
                }
                self.end_worker();
                let replace = job.replace || waiting.is_some_and(|w| w.replace);
                self.send(Job { replace, ..job });
            }
            Some(false) => {
                let mut inner = self.0.borrow_mut();
                let replace = job.replace || inner.pending.as_ref().is_some_and(|p| p.replace);
                inner.pending = Some(Job { replace, ..job });
            }
        }
    }

    /// The address of the worker's script, while programs run in a worker.
    pub fn worker_url(&self) -> Option<String> {
        self.0.borrow().url.clone()
    }

    /// Stops the run in flight, if any, as if it had run past its limit.
    pub fn stop(&self) {
        let flight = self.0.borrow_mut().in_flight.take();
        if let Some(flight) = flight {
            self.end_worker();
            self.finish(flight, Ending::Stopped(0));
        }
    }

    /// Ends the worker; nothing more is heard from this runner's runs.
    pub fn shut_down(&self) {
        let mut inner = self.0.borrow_mut();
        inner.pending = None;
        if let Some(flight) = inner.in_flight.take() {
            clear_timer(&flight);
        }
        if let Some(live) = inner.worker.take() {
            live.worker.terminate();
        }
    }

    fn run_here(&self, job: Job) {
        let listener = Rc::clone(&self.0.borrow().listener);
        (listener.busy)(true);
        leptos::task::spawn_local(async move {
            let ending = match evaluate(job.code.clone(), job.gradients).await {
                Ok(session) => Ending::Ran(Rc::new(session)),
                Err(e) if e.contains(INTERPRETER_UNAVAILABLE) => Ending::Unavailable,
                Err(_) => Ending::Crashed,
            };
            (listener.ended)(job, ending, false);
            (listener.busy)(false);
        });
    }

    fn send(&self, job: Job) {
        if !self.ensure_worker() {
            return self.run_here(job);
        }
        let mut inner = self.0.borrow_mut();
        inner.next_id = inner.next_id.wrapping_add(1);
        let id = inner.next_id;
        let request = ToWorker::Run { id, code: job.code.clone(), gradients: job.gradients };
        let posted = serde_wasm_bindgen::to_value(&request)
            .map_err(JsValue::from)
            .and_then(|message| inner.worker.as_ref().expect("ensured").worker.post_message(&message));
        if posted.is_err() {
            drop(inner);
            self.end_worker();
            return self.run_here(job);
        }
        let ready = inner.worker.as_ref().is_some_and(|l| l.ready);
        inner.in_flight = Some(Flight { id, job, started: now(), timer: None, _on_timeout: None });
        let listener = Rc::clone(&inner.listener);
        drop(inner);
        // The clock starts once the worker has loaded: loading the wasm is
        // not the program's time.
        if ready {
            self.start_clock();
        }
        (listener.busy)(true);
    }

    /// Starts the time limit of the run in flight.
    fn start_clock(&self) {
        let me = Rc::downgrade(&self.0);
        let mut inner = self.0.borrow_mut();
        let Some(flight) = inner.in_flight.as_mut() else { return };
        let Some(limit) = flight.job.limit.filter(|_| flight.timer.is_none()) else { return };
        let id = flight.id;
        let on_timeout = Closure::<dyn FnMut()>::new(move || timed_out(&me, id));
        flight.timer = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                limit as i32,
            )
            .ok();
        flight.started = now();
        flight._on_timeout = Some(on_timeout);
    }

    /// Starts the worker if there is none; false if none can be started.
    fn ensure_worker(&self) -> bool {
        let mut inner = self.0.borrow_mut();
        if inner.worker.is_some() {
            return true;
        }
        let Some(url) = inner.url.clone() else { return false };
        let Some(worker) = start_worker(&url) else {
            web_sys::console::warn_1(
                &"tensor-playground: no Web Worker could be started; programs run on the page".into(),
            );
            inner.url = None;
            return false;
        };
        let me = Rc::downgrade(&self.0);
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                heard(&me, ev.data());
            });
        let me = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            failed(&me, "the worker stopped with an error".to_string());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The page's own compiled module: the worker neither fetches nor
        // compiles the wasm again.
        if let Ok(load) =
            serde_wasm_bindgen::to_value(&Load { r#type: "Load", module: wasm_bindgen::module() })
        {
            let _ = worker.post_message(&load);
        }
        inner.worker = Some(Live { worker, ready: false, _on_message: on_message, _on_error: on_error });
        true
    }

    fn end_worker(&self) {
        if let Some(live) = self.0.borrow_mut().worker.take() {
            live.worker.terminate();
        }
    }

    /// Reports how `flight` ended, then sends the job that waited, if any.
    fn finish(&self, flight: Flight, ending: Ending) {
        clear_timer(&flight);
        let (listener, pending) = {
            let mut inner = self.0.borrow_mut();
            (Rc::clone(&inner.listener), inner.pending.take())
        };
        (listener.ended)(flight.job, ending, pending.is_some());
        match pending {
            Some(job) => self.send(job),
            None => (listener.busy)(false),
        }
    }
}

/// The limit a flight ran under (0 for none).
fn flight_limit(flight: &Flight) -> u32 {
    flight.job.limit.unwrap_or(0)
}

fn clear_timer(flight: &Flight) {
    if let Some(timer) = flight.timer {
        window().clear_timeout_with_handle(timer);
    }
}

/// A message from the worker.
fn heard(me: &Weak<RefCell<Inner>>, data: JsValue) {
    let Some(inner) = me.upgrade() else { return };
    let runner = Runner(inner);
    // Kept as it came, for `last_session`.
    if let Ok(ran) = js_sys::Reflect::get(&data, &"Ran".into())
        && let Ok(session) = js_sys::Reflect::get(&ran, &"session".into())
        && !session.is_undefined()
    {
        LAST_SESSION.with(|s| *s.borrow_mut() = session);
    }
    let message: FromWorker = match serde_wasm_bindgen::from_value(data) {
        Ok(m) => m,
        Err(e) => return failed(me, format!("the worker sent a message the page does not understand: {e}")),
    };
    match message {
        FromWorker::Ready => {
            if let Some(live) = runner.0.borrow_mut().worker.as_mut() {
                live.ready = true;
            }
            runner.start_clock();
        }
        FromWorker::Failed { message } => failed(me, message),
        FromWorker::Ran { id, session } => {
            let flight = {
                let mut inner = runner.0.borrow_mut();
                match inner.in_flight.as_ref() {
                    Some(f) if f.id == id => inner.in_flight.take(),
                    _ => None,
                }
            };
            if let Some(flight) = flight {
                runner.finish(flight, Ending::Ran(Rc::new(*session)));
            }
        }
    }
}

/// The worker could not load, or died.
fn failed(me: &Weak<RefCell<Inner>>, why: String) {
    let Some(inner) = me.upgrade() else { return };
    let runner = Runner(inner);
    let loaded = runner.0.borrow().worker.as_ref().is_some_and(|l| l.ready);
    runner.end_worker();
    let flight = runner.0.borrow_mut().in_flight.take();
    if !loaded {
        // It never ran anything: it cannot load here. Programs run on the page.
        web_sys::console::warn_1(
            &format!("tensor-playground: the worker could not start ({why}); programs run on the page")
                .into(),
        );
        runner.0.borrow_mut().url = None;
        if let Some(flight) = flight {
            clear_timer(&flight);
            let pending = runner.0.borrow_mut().pending.take();
            runner.run_here(flight.job);
            if let Some(job) = pending {
                runner.run_here(job);
            }
        }
        return;
    }
    web_sys::console::warn_1(&format!("tensor-playground: {why}; a new worker takes over").into());
    if let Some(flight) = flight {
        let ending =
            if why.contains(INTERPRETER_UNAVAILABLE) { Ending::Unavailable } else { Ending::Crashed };
        runner.finish(flight, ending);
    }
}

/// The run `id` is still in flight at its time limit: stop it.
fn timed_out(me: &Weak<RefCell<Inner>>, id: u32) {
    let Some(inner) = me.upgrade() else { return };
    let runner = Runner(inner);
    let flight = {
        let mut inner = runner.0.borrow_mut();
        match inner.in_flight.as_ref() {
            Some(f) if f.id == id => inner.in_flight.take(),
            _ => None,
        }
    };
    if let Some(flight) = flight {
        runner.end_worker();
        let limit = flight_limit(&flight);
        runner.finish(flight, Ending::Stopped(limit));
    }
}

/// A module worker running the script at `url`. A script on another origin
/// (a host page using the playground from its own site) cannot be a
/// worker's script directly, but it can be imported by one made here.
fn start_worker(url: &str) -> Option<web_sys::Worker> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let absolute = web_sys::Url::new_with_base(url, &window().location().href().ok()?).ok()?.href();
    if let Ok(worker) = web_sys::Worker::new_with_options(&absolute, &options) {
        return Some(worker);
    }
    let quoted = js_sys::JSON::stringify(&absolute.into()).ok()?;
    let source = js_sys::Array::of1(&format!("import {};", String::from(quoted)).into());
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&source, &bag).ok()?;
    let blob_url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    web_sys::Worker::new_with_options(&blob_url, &options).ok()
}

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}
