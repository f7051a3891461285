//! Every check, in the order they run: one file each, as ruff lists its rules. A code raised
//! here must be documented in [`crate::codes::CODES`] (a test checks both lists agree).

use super::judge::Check;
use super::{
    ambiguous, amount, consistency, count, currency, date, percent, stale, status, unverified,
};

pub static CHECKS: &[&dyn Check] = &[
    &count::CountMismatch,
    &amount::AmountMismatch,
    &currency::CurrencyMismatch,
    &percent::PercentMismatch,
    &date::DateMismatch,
    &status::StatusMismatch,
    &stale::StaleStatus,
    &ambiguous::AmbiguousClaim,
    &unverified::UnverifiedClaim,
    &consistency::InconsistentClaims,
];
