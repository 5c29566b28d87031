//! The browser entry point.

/// Mounts the page.
pub fn start() {}
