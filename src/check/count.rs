//! `factcheck::count-mismatch` (error): a count of things the KB records for the deal in scope (missiles, launchers, soldiers) that its figure cannot be, read with the claim's qualifier and rounding.
//!
//! Why: a wrong figure is the error newsrooms make most, and the one a reader can check.
//! Example: Kosovo will receive 264 Javelin missiles.  (KB: 246)

use super::Finding;
use super::judge::{Check, Judge};
use crate::codes;

pub struct CountMismatch;

impl Check for CountMismatch {
    fn code(&self) -> &'static str {
        codes::COUNT_MISMATCH
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        super::quantity::mismatches(cx, self.code(), out);
    }
}
