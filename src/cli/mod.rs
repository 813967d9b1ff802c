//! The command line: arguments, commands, printing, exit statuses.
pub mod args;
pub mod commands;
pub mod exit_codes;
pub mod printer;
pub mod progress;
pub mod report_data;
pub mod table;
