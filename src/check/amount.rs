//! `factcheck::amount-mismatch` (error): a money amount tied to a figure of the deal in scope that it cannot be, read with its qualifier and rounding.
//!
//! Why: a wrong figure is the error newsrooms make most, and the one a reader can check.
//! Example: a $57 million package of Javelin missiles for Kosovo.  (KB: $75 million)

use super::Finding;
use super::judge::{Check, Judge};
use crate::codes;

pub struct AmountMismatch;

impl Check for AmountMismatch {
    fn code(&self) -> &'static str {
        codes::AMOUNT_MISMATCH
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        super::quantity::mismatches(cx, self.code(), out);
    }
}
