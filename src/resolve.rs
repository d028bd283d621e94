//! The Entry Code resolution rule: one round of bringing an open payment to a final state, without
//! I/O. After `pay` answers `S` the shopper pays in the wallet; when no notification says how it
//! ended, the merchant inquires, keeps inquiring while Antom says `PROCESSING` until the
//! payment's expiry, cancels what is still open then (and what an inquiry answered `F`), and
//! learns what a refused cancel left by inquiring again (spec.md sections 2.5, 4.4, 7, 8).
//!
//! A round never waits for minutes: it answers `pending` with the time to ask again, so a Durable
//! Object alarm, a cron or a queue schedules the next one. [`Resolver`] says which call to make
//! next and is told its outcome; the clients ([`crate::Client::resolve_payment`], JavaScript's
//! `resolvePayment`) make the calls. Each row of the rule is a test in tests/resolve.rs.

use crate::error::Error;
use crate::input::JsonInput;
use crate::notify::parse_header_time;
use crate::outcome::{Action, Kind, Outcome};
use antom_checkout_rules::json::{self, push_str, Scalar};
use antom_checkout_rules::text::push_uint;

/// How long after the pay was sent an inquiry's `ORDER_NOT_EXIST` is taken for "not there yet"
/// (the pay may still be on its way, or Antom still creating it) rather than "never reached".
pub const NOT_FOUND_GRACE_MS: i64 = 60_000;
/// Waits between inquiries while a payment is open, by round (ams-java-sdk's for Entry Code).
pub const INQUIRY_BACKOFF_MS: &[i64] = &[2000, 3000, 3000, 5000, 5000, 5000, 5000, 5000, 5000];
/// Waits between cancels while a cancel's outcome is unknown (ams-java-sdk's): after the
/// expiry, by the time since it (the first round at the expiry waits 2 s, one 2 s after it 3 s,
/// ...); before it (an inquiry answered `F`), by round.
pub const CANCEL_BACKOFF_MS: &[i64] = &[2000, 3000, 3000, 5000, 5000];
/// The wait after the back-off lists run out. The legacy SDK stopped there; a payment open at
/// Antom still has to be brought to a final state, so the rounds go on, less often.
pub const LATER_MS: i64 = 30_000;

antom_checkout_rules::code_enum! {
    /// What a round of the resolution rule found; JavaScript sees its name (`paid`).
    pub enum ResolvedState as "ResolvedState" {
        /// The payment succeeded: fulfil the order.
        Paid = paid,
        /// The payment failed (declined, closed): nothing was charged.
        Failed = failed,
        /// The payment is cancelled: nothing is charged (a cancel after a success returns it).
        Cancelled = cancelled,
        /// Not final yet: run the next round at `checkAgainAt`.
        Pending = pending,
        /// Antom has no payment under this id past the grace: the pay never reached Antom.
        /// Before its expiry the same request may be sent again; after it, nothing can be charged
        /// under this id.
        NotFound = notFound,
    }
}

/// The payment a round is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentToResolve {
    /// The merchant's id of the payment.
    pub payment_request_id: String,
    /// Its `paymentExpiryTime`, epoch ms.
    pub expires_at: i64,
    /// When its pay was first sent, epoch ms (the grace for `ORDER_NOT_EXIST` counts from it;
    /// without it, from the expiry).
    pub sent_at: Option<i64>,
    /// The number of rounds before this one (0 for the first): the back-off's position.
    pub round: u32,
}

fn bad(m: &str) -> Error {
    Error::InvalidArgument(m.into())
}

/// A time as the input gives it: epoch ms (a number) or ISO 8601 with an offset (a string).
fn time_of(v: Option<&Scalar<'_>>, what: &str) -> Result<Option<i64>, Error> {
    let mut m = String::from(what);
    m.push_str(" must be epoch milliseconds or an ISO 8601 date-time with an offset");
    match v {
        None | Some(Scalar::Null) => Ok(None),
        Some(Scalar::Number(n, true)) => parse_header_time(n).map(Some).ok_or_else(|| bad(&m)),
        Some(Scalar::Str(s)) if !s.bytes().all(|b| b.is_ascii_digit()) => {
            parse_header_time(s).map(Some).ok_or_else(|| bad(&m))
        }
        Some(_) => Err(bad(&m)),
    }
}

impl PaymentToResolve {
    /// Reads `{ paymentRequestId, expiresAt, sentAt?, round? }`.
    pub fn from_json(v: &(impl JsonInput + ?Sized)) -> Result<PaymentToResolve, Error> {
        let text = v.json_text();
        let members = json::members(&text)
            .map_err(|_| bad("expected { paymentRequestId, expiresAt, sentAt?, round? }"))?;
        let get = |k: &str| members.iter().find(|(n, _)| n == k).map(|(_, v)| v);
        const KNOWN: &[&str] = &["paymentRequestId", "expiresAt", "sentAt", "round"];
        if let Some((k, _)) = members.iter().find(|(k, _)| !KNOWN.contains(&k.as_ref())) {
            let mut m = String::from("unknown member \"");
            m.extend(k.chars().take(40));
            m.push_str("\"; expected ");
            m.push_str(&antom_checkout_rules::text::joined(
                KNOWN.iter().copied(),
                ", ",
            ));
            return Err(bad(&m));
        }
        let payment_request_id = match get("paymentRequestId") {
            Some(Scalar::Str(s)) if !s.is_empty() && s.len() <= 64 => s.to_string(),
            _ => {
                return Err(bad(
                    "paymentRequestId must be the payment's id (1 to 64 characters)",
                ))
            }
        };
        let expires_at = time_of(get("expiresAt"), "expiresAt")?
            .ok_or_else(|| bad("expiresAt is required: the payment's paymentExpiryTime"))?;
        let round = match get("round") {
            None | Some(Scalar::Null) => 0,
            Some(Scalar::Number(n, true)) => parse_header_time(n)
                .and_then(|r| u32::try_from(r).ok())
                .ok_or_else(|| bad("round must be a whole number"))?,
            Some(_) => return Err(bad("round must be a whole number")),
        };
        Ok(PaymentToResolve {
            payment_request_id,
            expires_at,
            sent_at: time_of(get("sentAt"), "sentAt")?,
            round,
        })
    }

    /// The input of an inquiry or a cancel of this payment.
    pub fn reference(&self) -> String {
        let mut out = String::from("{\"paymentRequestId\":");
        push_str(&mut out, &self.payment_request_id);
        out.push('}');
        out
    }
}

/// What a round found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// Final (`paid`, `failed`, `cancelled`, `notFound`) or `pending`.
    pub state: ResolvedState,
    /// For `pending`: when to run the next round, epoch ms.
    pub check_again_at: Option<i64>,
    /// The round to pass to the next one.
    pub round: u32,
}

impl crate::declare::WriteJson for Resolved {
    fn write_json(&self, out: &mut String) {
        out.push_str("{\"state\":\"");
        out.push_str(self.state.name());
        out.push('"');
        if let Some(at) = self.check_again_at {
            out.push_str(",\"checkAgainAt\":");
            push_uint(out, u64::try_from(at).unwrap_or(0));
        }
        out.push_str(",\"round\":");
        push_uint(out, u64::from(self.round));
        out.push('}');
    }
}

/// The next thing a round does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveStep {
    /// Inquire with this input (`{ paymentRequestId }`); answer with its outcome.
    Inquire(String),
    /// Cancel with this input; answer with its outcome.
    Cancel(String),
    /// The round is over.
    Done(Resolved),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Inquiring,
    Cancelling,
    /// Inquiring after Antom refused the cancel: what it left is learnt, never assumed.
    Confirming,
    Over,
}

/// One round of the rule.
#[derive(Debug, Clone)]
pub struct Resolver {
    payment: PaymentToResolve,
    phase: Phase,
}

impl Resolver {
    /// A round for `payment`; its first step is an inquiry.
    pub fn new(payment: PaymentToResolve) -> (Resolver, ResolveStep) {
        let first = ResolveStep::Inquire(payment.reference());
        (
            Resolver {
                payment,
                phase: Phase::Inquiring,
            },
            first,
        )
    }

    /// The payment.
    pub fn payment(&self) -> &PaymentToResolve {
        &self.payment
    }

    /// The next step after the outcome of the call the last step asked for, at `now_ms`.
    pub fn next(&mut self, outcome: &Outcome, now_ms: i64) -> Result<ResolveStep, Error> {
        let step = match self.phase {
            Phase::Inquiring => self.after_inquiry(outcome, now_ms),
            Phase::Cancelling => self.after_cancel(outcome, now_ms),
            Phase::Confirming => self.after_confirmation(outcome, now_ms),
            Phase::Over => {
                return Err(Error::InvalidArgument(
                    "this round of resolvePayment is over".into(),
                ))
            }
        };
        if let ResolveStep::Done(_) = step {
            self.phase = Phase::Over;
        }
        Ok(step)
    }

    fn done(&self, state: ResolvedState, check_again_at: Option<i64>) -> ResolveStep {
        ResolveStep::Done(Resolved {
            state,
            check_again_at,
            round: self.payment.round.saturating_add(1),
        })
    }

    /// Pending until the next inquiry: by the inquiry back-off before the expiry (never past
    /// it: then an open payment is cancelled), by the cancel back-off after it.
    fn pending(&self, now_ms: i64) -> ResolveStep {
        let p = &self.payment;
        if now_ms >= p.expires_at {
            return self.pending_cancel(now_ms);
        }
        let round = usize::try_from(p.round).unwrap_or(usize::MAX);
        let wait = INQUIRY_BACKOFF_MS.get(round).copied().unwrap_or(LATER_MS);
        self.done(
            ResolvedState::Pending,
            Some((now_ms + wait).min(p.expires_at)),
        )
    }

    /// Pending after a cancel that did not settle it (or past the expiry, an inquiry unknown):
    /// by the cancel back-off.
    fn pending_cancel(&self, now_ms: i64) -> ResolveStep {
        let since = now_ms.saturating_sub(self.payment.expires_at);
        let wait = if since < 0 {
            let round = usize::try_from(self.payment.round).unwrap_or(usize::MAX);
            CANCEL_BACKOFF_MS.get(round).copied().unwrap_or(LATER_MS)
        } else {
            let mut end = 0;
            CANCEL_BACKOFF_MS
                .iter()
                .copied()
                .find(|wait| {
                    end += wait;
                    since < end
                })
                .unwrap_or(LATER_MS)
        };
        self.done(ResolvedState::Pending, Some(now_ms + wait))
    }

    fn cancel(&mut self) -> ResolveStep {
        self.phase = Phase::Cancelling;
        ResolveStep::Cancel(self.payment.reference())
    }

    /// A final state an inquiry reports, if it reports one.
    fn final_state(outcome: &Outcome) -> Option<ResolvedState> {
        match outcome.kind {
            Kind::Paid => Some(ResolvedState::Paid),
            Kind::Failed => Some(ResolvedState::Failed),
            Kind::Cancelled => Some(ResolvedState::Cancelled),
            _ => None,
        }
    }

    fn after_inquiry(&mut self, outcome: &Outcome, now_ms: i64) -> ResolveStep {
        if let Some(state) = Self::final_state(outcome) {
            return self.done(state, None);
        }
        let expired = now_ms >= self.payment.expires_at;
        match outcome.kind {
            // Open at its expiry: cancelled, so that Antom and the merchant agree nothing is
            // charged.
            Kind::Processing if expired => self.cancel(),
            Kind::NotFound => {
                let from = self.payment.sent_at.unwrap_or(self.payment.expires_at);
                if now_ms < from.saturating_add(NOT_FOUND_GRACE_MS) {
                    self.pending(now_ms)
                } else {
                    self.done(ResolvedState::NotFound, None)
                }
            }
            // An inquiry Antom answered F: asking again will not resolve it; Entry Code closes
            // such a payment by cancelling it.
            Kind::Unknown if outcome.action == Action::CancelPayment => self.cancel(),
            // Processing before its expiry, or the inquiry itself unknown: ask again later. An
            // unknown inquiry is never a reason to cancel: the payment may be paid.
            _ => self.pending(now_ms),
        }
    }

    fn after_cancel(&mut self, outcome: &Outcome, now_ms: i64) -> ResolveStep {
        match outcome.kind {
            Kind::Cancelled => self.done(ResolvedState::Cancelled, None),
            // The same cancel again next round (after an inquiry, which sees a cancel that went
            // through).
            Kind::Unknown => self.pending_cancel(now_ms),
            // Refused (CANCEL_WINDOW_EXCEED, or the payment just became final): inquire.
            _ => {
                self.phase = Phase::Confirming;
                ResolveStep::Inquire(self.payment.reference())
            }
        }
    }

    fn after_confirmation(&mut self, outcome: &Outcome, now_ms: i64) -> ResolveStep {
        match Self::final_state(outcome) {
            Some(state) => self.done(state, None),
            None => self.pending_cancel(now_ms),
        }
    }
}
