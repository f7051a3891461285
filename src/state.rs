//! Approval states of a deal, in the order a US Foreign Military Sale moves through them, and
//! the agreement rules between what an article says and what the KB records (SPEC §3).

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Requested,
    Pending,
    Notified,
    Approved,
    Signed,
    Contracted,
    Delivered,
    Rejected,
    Withdrawn,
}

pub const ALL_STATES: [State; 9] = [
    State::Requested,
    State::Pending,
    State::Notified,
    State::Approved,
    State::Signed,
    State::Contracted,
    State::Delivered,
    State::Rejected,
    State::Withdrawn,
];

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Requested => "requested",
            State::Pending => "pending",
            State::Notified => "notified",
            State::Approved => "approved",
            State::Signed => "signed",
            State::Contracted => "contracted",
            State::Delivered => "delivered",
            State::Rejected => "rejected",
            State::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        ALL_STATES.into_iter().find(|st| st.name() == s)
    }

    /// Position on the path of a sale; `None` for the off-path states.
    pub fn stage(self) -> Option<u8> {
        match self {
            State::Requested => Some(0),
            State::Pending => Some(1),
            State::Notified => Some(2),
            State::Approved => Some(3),
            State::Signed => Some(4),
            State::Contracted => Some(5),
            State::Delivered => Some(6),
            State::Rejected | State::Withdrawn => None,
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How an article's state compares with the KB's for one authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Agrees,
    /// The article claims a later stage than the KB records.
    Premature,
    /// The article claims an earlier stage than the KB recorded before the article's date.
    Stale,
    /// Approved against rejected/withdrawn, or the reverse.
    Contradicts,
}

/// Compares an article's state with the KB's state in force.
pub fn compare(article: State, kb: State) -> Agreement {
    use State::*;
    if article == kb {
        return Agreement::Agrees;
    }
    match (article, kb) {
        (Pending, Requested | Notified) => Agreement::Agrees,
        (Approved, Signed | Contracted | Delivered) => Agreement::Agrees,
        (Rejected | Withdrawn, _) | (_, Rejected | Withdrawn) => Agreement::Contradicts,
        _ => match (article.stage(), kb.stage()) {
            (Some(a), Some(k)) if a > k => Agreement::Premature,
            _ => Agreement::Stale,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use State::*;

    #[test]
    fn agreement_rules() {
        assert_eq!(compare(Pending, Notified), Agreement::Agrees);
        assert_eq!(compare(Pending, Requested), Agreement::Agrees);
        assert_eq!(compare(Approved, Delivered), Agreement::Agrees);
        assert_eq!(compare(Approved, Notified), Agreement::Premature);
        assert_eq!(compare(Delivered, Approved), Agreement::Premature);
        assert_eq!(compare(Pending, Approved), Agreement::Stale);
        assert_eq!(compare(Approved, Rejected), Agreement::Contradicts);
        assert_eq!(compare(Rejected, Approved), Agreement::Contradicts);
        assert_eq!(compare(Notified, Pending), Agreement::Premature);
    }

    #[test]
    fn names_round_trip() {
        for s in ALL_STATES {
            assert_eq!(State::parse(s.name()), Some(s));
        }
        assert_eq!(State::parse("aproved"), None);
    }
}
