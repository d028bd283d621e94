//! Antom's answers and notifications read into typed fields in one pass over the text (the
//! request path's reader, `src/rules/json.rs`): no tree, no dotted paths. Lenient as Antom needs:
//! unknown fields are skipped, a number or a boolean where a string belongs is read as its text,
//! a missing field is `None`, and an object where a string belongs is `None`.

use crate::json::{Next, Reader, Res};
use crate::outcome::{AmountOut, ChallengeActionForm, PaymentDetails, PspCustomerInfo, Quote};

/// Everything the library reads from an answer (any call of [`crate::calls::CALLS`]) or a
/// notification. The scalars an outcome carries are read straight into `out`, the outcome to
/// be: nothing is moved field by field afterwards.
#[derive(Debug, Default)]
pub(crate) struct Answer {
    pub out: crate::outcome::Outcome,
    pub result_status: Option<String>,
    pub result_code: Option<String>,
    pub result_message: Option<String>,
    pub notify_type: Option<String>,
    pub payment_amount: AmountIn,
    pub refund_amount: AmountIn,
    pub actual_payment_amount: AmountIn,
    pub gross_settlement_amount: AmountIn,
    pub payment_quote: QuoteIn,
    pub settlement_quote: QuoteIn,
    pub psp_customer_info: PspCustomerInfo,
    pub redirect: RedirectIn,
    pub challenge_action_form: ChallengeActionForm,
}

/// An amount as it came: both parts are needed to make an [`AmountOut`].
#[derive(Debug, Default)]
pub(crate) struct AmountIn {
    currency: Option<String>,
    value: Option<String>,
}

impl AmountIn {
    pub fn take(&mut self) -> Option<AmountOut> {
        match (self.currency.take(), self.value.take()) {
            (Some(currency), Some(value)) => Some(AmountOut { currency, value }),
            _ => None,
        }
    }
}

/// A quote as it came, with its exchanged amount.
#[derive(Debug, Default)]
pub(crate) struct QuoteIn {
    quote: Quote,
    exchange_amount: AmountIn,
}

impl QuoteIn {
    pub fn take(&mut self) -> Option<Quote> {
        let mut q = std::mem::take(&mut self.quote);
        q.exchange_amount = self.exchange_amount.take();
        (q != Quote::default()).then_some(q)
    }
}

/// `redirectActionForm` as it came.
#[derive(Debug, Default)]
pub(crate) struct RedirectIn {
    pub method: Option<String>,
    pub redirect_url: Option<String>,
    pub parameters: Option<String>,
    pub action_form_type: Option<String>,
}

impl Answer {
    /// The amounts, quotes and wallet account, moved out.
    pub fn details(&mut self) -> PaymentDetails {
        let psp = std::mem::take(&mut self.psp_customer_info);
        PaymentDetails {
            actual_payment_amount: self.actual_payment_amount.take(),
            payment_quote: self.payment_quote.take(),
            psp_customer_info: (psp != PspCustomerInfo::default()).then_some(psp),
            gross_settlement_amount: self.gross_settlement_amount.take(),
            settlement_quote: self.settlement_quote.take(),
        }
    }

    /// The challenge, moved out (`None` when Antom sent none or an empty one).
    pub fn challenge(&mut self) -> Option<ChallengeActionForm> {
        let c = std::mem::take(&mut self.challenge_action_form);
        (c != ChallengeActionForm::default()).then_some(c)
    }
}

/// Which object the reader is in.
#[derive(Debug, Clone, Copy)]
enum In {
    Top,
    Result,
    PaymentAmount,
    RefundAmount,
    ActualAmount,
    GrossAmount,
    PaymentQuote,
    SettlementQuote,
    PaymentQuoteAmount,
    SettlementQuoteAmount,
    Psp,
    Redirect,
    Challenge,
}

fn child(at: In, key: &str) -> Option<In> {
    Some(match (at, key) {
        (In::Top, "result") => In::Result,
        (In::Top, "paymentAmount") => In::PaymentAmount,
        (In::Top, "refundAmount") => In::RefundAmount,
        (In::Top, "actualPaymentAmount") => In::ActualAmount,
        (In::Top, "grossSettlementAmount") => In::GrossAmount,
        (In::Top, "paymentQuote") => In::PaymentQuote,
        (In::Top, "settlementQuote") => In::SettlementQuote,
        (In::Top, "pspCustomerInfo") => In::Psp,
        (In::Top, "redirectActionForm") => In::Redirect,
        (In::Top, "challengeActionForm") => In::Challenge,
        (In::PaymentQuote, "exchangeAmount") => In::PaymentQuoteAmount,
        (In::SettlementQuote, "exchangeAmount") => In::SettlementQuoteAmount,
        _ => return None,
    })
}

impl Answer {
    /// Where the scalar `key` of the object `at` goes, if the library reads it.
    fn slot(&mut self, at: In, key: &str) -> Option<&mut Option<String>> {
        let o = &mut self.out;
        Some(match at {
            In::Top => match key {
                "paymentRequestId" => &mut o.payment_request_id,
                "paymentId" => &mut o.payment_id,
                "paymentCreateTime" => &mut o.payment_create_time,
                "paymentTime" => &mut o.payment_time,
                "extendInfo" => &mut o.extend_info,
                "paymentStatus" => &mut o.payment_status,
                "paymentResultCode" => &mut o.payment_result_code,
                "paymentResultMessage" => &mut o.payment_result_message,
                "authExpiryTime" => &mut o.auth_expiry_time,
                "cancelTime" => &mut o.cancel_time,
                "notifyType" => &mut self.notify_type,
                "refundRequestId" => &mut o.refund_request_id,
                "refundId" => &mut o.refund_id,
                "refundStatus" => &mut o.refund_status,
                "refundReason" => &mut o.refund_reason,
                "refundTime" => &mut o.refund_time,
                _ => return None,
            },
            In::Result => match key {
                "resultStatus" => &mut self.result_status,
                "resultCode" => &mut self.result_code,
                "resultMessage" => &mut self.result_message,
                _ => return None,
            },
            In::PaymentAmount => amount_slot(&mut self.payment_amount, key)?,
            In::RefundAmount => amount_slot(&mut self.refund_amount, key)?,
            In::ActualAmount => amount_slot(&mut self.actual_payment_amount, key)?,
            In::GrossAmount => amount_slot(&mut self.gross_settlement_amount, key)?,
            In::PaymentQuoteAmount => amount_slot(&mut self.payment_quote.exchange_amount, key)?,
            In::SettlementQuoteAmount => {
                amount_slot(&mut self.settlement_quote.exchange_amount, key)?
            }
            In::PaymentQuote => quote_slot(&mut self.payment_quote.quote, key)?,
            In::SettlementQuote => quote_slot(&mut self.settlement_quote.quote, key)?,
            In::Psp => {
                let p = &mut self.psp_customer_info;
                match key {
                    "pspName" => &mut p.psp_name,
                    "pspCustomerId" => &mut p.psp_customer_id,
                    "displayCustomerId" => &mut p.display_customer_id,
                    "displayCustomerName" => &mut p.display_customer_name,
                    "customer2088Id" => &mut p.customer2088_id,
                    "extendInfo" => &mut p.extend_info,
                    _ => return None,
                }
            }
            In::Redirect => {
                let r = &mut self.redirect;
                match key {
                    "method" => &mut r.method,
                    "redirectUrl" => &mut r.redirect_url,
                    "parameters" => &mut r.parameters,
                    "actionFormType" => &mut r.action_form_type,
                    _ => return None,
                }
            }
            In::Challenge => {
                let c = &mut self.challenge_action_form;
                match key {
                    "challengeType" => &mut c.challenge_type,
                    "challengeRenderValue" => &mut c.challenge_render_value,
                    "triggerSource" => &mut c.trigger_source,
                    "extendInfo" => &mut c.extend_info,
                    _ => return None,
                }
            }
        })
    }
}

fn amount_slot<'x>(a: &'x mut AmountIn, key: &str) -> Option<&'x mut Option<String>> {
    match key {
        "currency" => Some(&mut a.currency),
        "value" => Some(&mut a.value),
        _ => None,
    }
}

fn quote_slot<'x>(q: &'x mut Quote, key: &str) -> Option<&'x mut Option<String>> {
    Some(match key {
        "quoteId" => &mut q.quote_id,
        "quoteCurrencyPair" => &mut q.quote_currency_pair,
        "quotePrice" => &mut q.quote_price,
        "quoteStartTime" => &mut q.quote_start_time,
        "quoteExpiryTime" => &mut q.quote_expiry_time,
        "guaranteed" => &mut q.guaranteed,
        _ => return None,
    })
}

/// Reads an answer's text; `None` when it is not JSON. A document that is not an object has
/// no field.
pub(crate) fn read(text: &str) -> Option<Answer> {
    let mut a = Answer::default();
    let mut r = Reader::new(text);
    let ok = (|| -> Res<()> {
        if r.peek()? == Next::Object {
            object(&mut r, In::Top, &mut a)?;
        } else {
            r.skip()?;
        }
        r.end()
    })();
    ok.ok().map(|_| a)
}

fn object(r: &mut Reader<'_>, at: In, a: &mut Answer) -> Res<()> {
    r.open_object()?;
    let mut first = true;
    while let Some(key) = r.key(first)? {
        first = false;
        let next = r.peek()?;
        if next == Next::Object {
            match child(at, &key) {
                Some(inner) => object(r, inner, a)?,
                None => {
                    r.skip()?;
                    // An object where a string belongs reads as absent (the last value counts).
                    if let Some(slot) = a.slot(at, &key) {
                        *slot = None;
                    }
                }
            }
            continue;
        }
        let text = match next {
            Next::String => Some(r.string()?.into_owned()),
            Next::Number => Some(r.number()?.0.to_string()),
            Next::Bool => Some(if r.boolean()? { "true" } else { "false" }.to_string()),
            _ => {
                r.skip()?;
                None
            }
        };
        if let Some(slot) = a.slot(at, &key) {
            *slot = text;
        }
    }
    Ok(())
}
