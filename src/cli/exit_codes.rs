//! Exit statuses, as grep has them.

use std::process::ExitCode;

/// Something was found (or the command did its work).
pub const FOUND: u8 = 0;
/// The search ran and found nothing.
pub const NOT_FOUND: u8 = 1;
/// An error: bad arguments, no index, an unreadable index...
pub const ERROR: u8 = 2;
/// Interrupted by the user (Ctrl-C) after committing what was done.
pub const INTERRUPTED: u8 = 130;

pub fn found_or_not(found: bool) -> ExitCode {
    ExitCode::from(if found { FOUND } else { NOT_FOUND })
}
