//! `claimmark train`: trains the check-worthiness model. (Being written.)
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<ExitCode, String> {
    Err("train: not written yet".to_string())
}
