//! `factcheck::stale-status` (warning): the article gives a state the deal has since moved
//! on from, by the article's date ("awaits congressional review" after Congress was
//! notified and the review ended). Undated articles are never judged stale.
//!
//! Why: copy reused from an earlier story keeps the state of that day.
//! Example: "The sale still awaits approval."  (KB: approved 2023-06-10; article 2024-01-05)

use super::Finding;
use super::judge::{Check, Judge};
use crate::codes;

pub struct StaleStatus;

impl Check for StaleStatus {
    fn code(&self) -> &'static str {
        codes::STALE_STATUS
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        super::status::states(cx, self.code(), out);
    }
}
