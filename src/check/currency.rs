//! `factcheck::currency-mismatch` (error): the number of a KB amount given in another currency, with no conversion beside it (factcheck never converts).
//!
//! Why: a wrong figure is the error newsrooms make most, and the one a reader can check.
//! Example: Kosovo's €75 million Javelin package.  (KB: $75 million)

use super::Finding;
use super::judge::{Check, Judge};
use crate::codes;

pub struct CurrencyMismatch;

impl Check for CurrencyMismatch {
    fn code(&self) -> &'static str {
        codes::CURRENCY_MISMATCH
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        super::quantity::mismatches(cx, self.code(), out);
    }
}
