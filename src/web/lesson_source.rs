//! Where a lesson's file is fetched from: the playground's own lessons
//! (listed in `lessons/index.txt`), or a file on the author's own site
//! (`lesson-url`), read and checked by the same parser.

use super::fetch::fetch_text;
use super::host::Host;
use super::lesson_view::LessonRoute;
use crate::lesson::{Lesson, parse_lesson};
use crate::session::embed::{is_listed, no_such_lesson};

/// The lesson the route names. A lesson from an address is known by that
/// address (its `id`, made absolute where the route is made), so that two
/// sites' lessons never share progress and a host page's events name it
/// unambiguously.
pub async fn load(host: Host, route: &LessonRoute) -> Result<Lesson, String> {
    if route.from_url {
        let mut lesson = load_from_url(&route.id).await?;
        lesson.id = route.id.clone();
        Ok(lesson)
    } else {
        load_listed(host, &route.id).await
    }
}

/// The lesson `id`, if the lesson list names it: nothing else is fetched,
/// so a made-up id can never reach another file of the site.
async fn load_listed(host: Host, id: &str) -> Result<Lesson, String> {
    let index = fetch_text(&host.asset("lessons/index.txt"))
        .await
        .map_err(|e| format!("The list of lessons could not be loaded ({e})."))?;
    if !is_listed(&index, id) {
        return Err(no_such_lesson(id));
    }
    let text = fetch_text(&host.asset(&format!("lessons/{id}.md"))).await.map_err(|e| match e.not_found {
        true => format!("There is no lesson called \u{201c}{id}\u{201d} ({e})."),
        false => e.to_string(),
    })?;
    parse_lesson(&text).map_err(|e| format!("lessons/{id}.md: {e}"))
}

/// The lesson file at `url` (relative to the page), with what is wrong
/// with it said where the learner, and its author, see it.
async fn load_from_url(url: &str) -> Result<Lesson, String> {
    let text = fetch_text(url).await.map_err(|e| match (e.not_found, e.failed) {
        (true, _) => format!("There is no lesson file at {url} (HTTP 404): check the lesson-url."),
        (_, true) => format!(
            "The lesson at {url} could not be fetched: the request was refused. A lesson on another \
             site than this page must be sent with the header Access-Control-Allow-Origin (CORS)."
        ),
        _ => format!("The lesson at {url} could not be loaded ({e})."),
    })?;
    parse_lesson(&text).map_err(|e| format!("The lesson at {url} has a mistake: {e}."))
}
