//! The command line: arguments, commands, printing, exit statuses.
pub mod args;
pub mod commands;
pub mod exit_codes;
pub mod printer;
pub mod progress;
