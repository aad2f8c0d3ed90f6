//! Reading a description once per compilation: the parsed description is kept in the proc
//! macro's process (one rustc process compiles one crate), and the crate is made to depend on
//! the file once, by the first checked type that names it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use response_handler_openapi::Description;

type Cached = (Option<SystemTime>, Arc<Description>);

static DESCRIPTIONS: Mutex<BTreeMap<PathBuf, Cached>> = Mutex::new(BTreeMap::new());
static INCLUDED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// The description at `path`, parsed on first use. A file changed since (a long-lived process
/// such as rust-analyzer's proc-macro server) is read again.
pub fn description(path: &Path) -> Result<Arc<Description>, String> {
    let modified = std::fs::metadata(path)
        .map_err(|error| format!("cannot read `{}`: {error}", path.display()))?
        .modified()
        .ok();
    let mut cache = DESCRIPTIONS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((when, description)) = cache.get(path)
        && *when == modified
        && modified.is_some()
    {
        return Ok(Arc::clone(description));
    }
    let bytes = std::fs::read(path)
        .map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
    let description = Arc::new(
        Description::from_slice(&bytes)
            .map_err(|error| format!("`{}`: {error}", path.display()))?,
    );
    cache.insert(path.to_owned(), (modified, Arc::clone(&description)));
    Ok(description)
}

/// Whether this is the first type of the compilation to name `path`: it then emits the
/// `include_bytes!` that makes cargo rebuild the crate when the file changes.
pub fn first_use(path: &Path) -> bool {
    INCLUDED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(path.to_owned())
}
