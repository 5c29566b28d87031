//! The browser entry point: for now a minimal page that runs the program in
//! wasm and shows its transcript (the full playground UI replaces it later).

use leptos::prelude::*;

use crate::lang::run_program;

/// The program the page opens on: the seed lesson's argmax example.
pub const SEED_PROGRAM: &str = "\
t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)
t.argmax(dim=1)
";

/// Mounts the playground page into the document body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(Playground);
}

/// A program editor and the REPL transcript of running it, re-run on every edit.
#[component]
pub fn Playground() -> impl IntoView {
    let (code, set_code) = signal(SEED_PROGRAM.to_owned());
    let transcript = Memo::new(move |_| run_program(&code.read()));
    let stdout = move || transcript.with(|t| t.stdout.clone());
    let error = move || transcript.with(|t| t.error.clone());

    view! {
        <main>
            <h1>"Tensor Playground"</h1>
            <label for="code">"Program"</label>
            <textarea
                id="code"
                data-testid="code"
                spellcheck="false"
                autocomplete="off"
                rows="6"
                prop:value=code
                on:input=move |ev| set_code.set(event_target_value(&ev))
            ></textarea>
            <h2 id="output-heading">"Output"</h2>
            <pre data-testid="output" aria-labelledby="output-heading" aria-live="polite">
                {stdout}
            </pre>
            {move || {
                error().map(|line| {
                    view! {
                        <p class="error" data-testid="error" role="alert">
                            {line}
                        </p>
                    }
                })
            }}
        </main>
    }
}
