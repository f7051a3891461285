//! `factcheck::percent-mismatch` (error): a percentage tied to a KB figure it cannot be.
//!
//! Why: a wrong figure is the error newsrooms make most, and the one a reader can check.
//! Example: Poland spent 4.5% of GDP on defence in 2024.  (KB: 4.12%)

use super::Finding;
use super::judge::{Check, Judge};
use crate::codes;

pub struct PercentMismatch;

impl Check for PercentMismatch {
    fn code(&self) -> &'static str {
        codes::PERCENT_MISMATCH
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        super::quantity::mismatches(cx, self.code(), out);
    }
}
