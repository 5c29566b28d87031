//! Watching an element's size for as long as the component that asked.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// An observer and the callback it calls (which must live as long as it).
type Watching = (web_sys::ResizeObserver, Closure<dyn FnMut()>);

/// A `ResizeObserver` owned by the component that made it: disconnected
/// when that component goes, so a redrawn page keeps no observers of
/// elements it dropped.
#[derive(Clone, Copy)]
pub struct ResizeWatch(StoredValue<Option<Watching>, LocalStorage>);

impl ResizeWatch {
    /// A watch with nothing to watch yet; make it in the component's body,
    /// where its clean-up belongs to the component.
    pub fn new() -> ResizeWatch {
        let slot = StoredValue::new_local(None::<Watching>);
        on_cleanup(move || {
            if let Some((observer, _)) = slot.try_update_value(Option::take).flatten() {
                observer.disconnect();
            }
        });
        ResizeWatch(slot)
    }

    /// Calls `resized` whenever `el` changes size (and once when watching starts).
    pub fn watch(self, el: &web_sys::Element, resized: impl FnMut() + 'static) {
        let resized = Closure::<dyn FnMut()>::new(resized);
        let Ok(observer) = web_sys::ResizeObserver::new(resized.as_ref().unchecked_ref()) else { return };
        observer.observe(el);
        if let Some((old, _)) = self.0.try_update_value(|slot| slot.replace((observer, resized))).flatten() {
            old.disconnect();
        }
    }
}
