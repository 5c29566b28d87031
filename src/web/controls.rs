//! The op / dim / keepdim controls (contract section 2): they rewrite the
//! program's last line and follow it when the learner edits it.

use super::state::{Change, PlaygroundState};
use crate::session::controls::{
    Controls, DimChoice, keepdim_refusal, op_groups, read_controls, write_controls,
};
use crate::tensor::lineage::Step;
use leptos::prelude::*;

/// The reduction controls.
#[component]
pub fn Controls() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let readonly = expect_context::<super::host::Host>().readonly();
    // What the last run read off its program (`Session::controls`): until
    // the program as typed has run, the controls show the one before.
    let controls = Memo::new(move |_| state.session.with(|s| s.controls().clone()));
    // The rank of the tensor being reduced (or that would be): from the
    // last drawing, so the dims stay listed while the program has an error.
    let rank = Memo::new(move |_| {
        state.drawing.with(|s| {
            let run = s.run();
            // A last line that failed names it among the tensors it read.
            let node = match run.involved.first() {
                Some(&n) => n,
                None => run.focus.as_ref()?.grids.first().copied()?,
            };
            let reduced_input = match &run.graph.node(node).step {
                Step::Reduce { input, .. } if controls.with(|c| c.op.is_some()) => *input,
                _ => node,
            };
            Some(run.graph.node(reduced_input).shape.rank())
        })
    });
    let on_op = move |ev: leptos::ev::Event| {
        let op = event_target_value(&ev);
        rewrite(state, |now| now.op = Some(op));
    };
    let on_dim = move |ev: leptos::ev::Event| {
        let dim = event_target_value(&ev).parse::<i64>().map_or(DimChoice::Whole, DimChoice::Dim);
        rewrite(state, |now| now.dim = dim);
    };
    let on_keepdim = move |ev: leptos::ev::Event| {
        let keepdim = event_target_checked(&ev);
        rewrite(state, |now| now.keepdim = keepdim);
    };
    let current_dim = move || controls.with(|c| dim_of(&c.dim));
    // The dims the tensor has (0-d tensors accept dim 0 and -1 too).
    let valid_dims = move || {
        let rank = rank.get().unwrap_or(0).max(1) as i64;
        -rank..rank
    };
    let dim_options = move || {
        let selected = current_dim();
        let dims: Vec<i64> = valid_dims().collect();
        let mut options = vec![
            view! { <option value="none" selected=selected == Some(None)>"none (whole tensor)"</option> }
                .into_any(),
        ];
        if selected.is_none() {
            // A dim the list cannot offer, such as a tuple: shown, not choosable.
            options.push(
                view! { <option value="other" selected=true disabled=true>"as written"</option> }.into_any(),
            );
        }
        if let Some(Some(d)) = selected
            && !dims.contains(&d)
        {
            // The program names a dim the tensor lacks (its error says so):
            // shown as written, not as another choice.
            options.push(
                view! { <option value="other" selected=true disabled=true>{format!("{d} (out of range)")}</option> }
                    .into_any(),
            );
        }
        options.extend(dims.into_iter().map(|d| {
            view! { <option value=d.to_string() selected=selected == Some(Some(d))>{d.to_string()}</option> }.into_any()
        }));
        options.collect_view()
    };
    // The option the dim control shows, set as the select's value: an
    // option's `selected` attribute no longer moves the selection once the
    // learner has picked one, so back/forward would leave it behind.
    let dim_value = move || match current_dim() {
        Some(None) => "none".to_string(),
        Some(Some(d)) if valid_dims().contains(&d) => d.to_string(),
        _ => "other".to_string(),
    };
    // Why keepdim cannot be ticked for the chosen op and dim, if it cannot
    // (dims written as a tuple are left to the program's own error).
    let keepdim_refused = move || {
        let dim = current_dim()?;
        controls.with(|c| keepdim_refusal(c.op.as_deref()?, dim))
    };
    let op_value = move || controls.with(|c| c.op.clone().unwrap_or_default());
    view! {
        <div class="tp-controls" role="group" aria-label="Reduction">
            <label>
                <span>"op"</span>
                <select data-testid="op" prop:value=op_value on:change=on_op disabled=readonly>
                    // Shown when the last line is not a reduction: picking
                    // an op reduces that line's value.
                    <option value="" disabled=true>"(not a reduction)"</option>
                    {op_groups()
                        .into_iter()
                        .map(|(label, ops)| view! {
                            <optgroup label=label>
                                {ops.into_iter().map(|op| view! { <option value=op>{op}</option> }).collect_view()}
                            </optgroup>
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>"dim"</span>
                <select data-testid="dim" prop:value=dim_value on:change=on_dim disabled=readonly>
                    {dim_options}
                </select>
            </label>
            <label class="tp-check" title=keepdim_refused>
                <input
                    type="checkbox"
                    disabled=move || readonly || keepdim_refused().is_some()
                    data-testid="keepdim"
                    prop:checked=move || controls.with(|c| c.keepdim)
                    on:change=on_keepdim
                />
                <span>"keepdim"</span>
            </label>
            <label class="tp-check">
                <input
                    type="checkbox"
                    data-testid="show-all"
                    prop:checked=move || state.show_all.get()
                    on:change=move |ev| state.show_all.set(event_target_checked(&ev))
                />
                <span>"show all"</span>
            </label>
            {use_context::<super::gradient::GradientView>().map(|_| view! { <super::gradient::GradientToggle/> })}
        </div>
    }
}

/// Makes `change` to the controls of the program as it is now, which may
/// not have run yet: read off it here, once, rather than on every keystroke.
fn rewrite(state: PlaygroundState, change: impl FnOnce(&mut Controls)) {
    let code = state.code.with_untracked(|c| {
        let mut now = read_controls(c);
        change(&mut now);
        write_controls(c, now.op.as_deref().unwrap_or("sum"), dim_of(&now.dim).flatten(), now.keepdim)
    });
    state.set_code(code, Change::Deliberate);
}

/// The dim a control choice names: `Some(None)` for the whole tensor,
/// `None` for one the dim control cannot show (a tuple, say).
fn dim_of(choice: &DimChoice) -> Option<Option<i64>> {
    match choice {
        DimChoice::Whole => Some(None),
        DimChoice::Dim(d) => Some(Some(*d)),
        DimChoice::Other => None,
    }
}
