//! Antom's answers and notifications read into typed fields in one pass over the text (the
//! request path's reader, `src/rules/json.rs`): no tree, no dotted paths. Which member goes where
//! is declared with each field (`read "key"` in src/outcome.rs); lenient as Antom needs: unknown
//! fields are skipped, a number or a boolean where a string belongs is read as its text, a
//! missing field is `None`, and an object where a string belongs is `None`.

use crate::declare::{fill, Fill, Slot};
use crate::outcome::Outcome;
use antom_checkout_rules::json::{Next, Reader, Res};

/// Everything the library reads from an answer (any call of [`crate::calls::CALLS`]) or a
/// notification. The fields an outcome carries are read straight into `out`, the outcome to
/// be: nothing is moved field by field afterwards.
#[derive(Debug, Default)]
pub(crate) struct Answer {
    pub out: Outcome,
    pub result: ResultIn,
    pub notify_type: Option<String>,
    pub redirect: RedirectIn,
}

/// `result` as it came.
#[derive(Debug, Default)]
pub(crate) struct ResultIn {
    pub status: Option<String>,
    pub code: Option<String>,
    pub message: Option<String>,
}

/// `redirectActionForm` as it came (checked before it becomes a [`crate::outcome::Redirect`]).
#[derive(Debug, Default)]
pub(crate) struct RedirectIn {
    pub method: Option<String>,
    pub redirect_url: Option<String>,
    pub parameters: Option<String>,
    pub action_form_type: Option<String>,
}

impl Fill for Answer {
    fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        match key {
            "result" => Some(Slot::Object(&mut self.result)),
            "notifyType" => Some(Slot::Text(&mut self.notify_type)),
            "redirectActionForm" => Some(Slot::Object(&mut self.redirect)),
            _ => self.out.slot(key),
        }
    }
}

impl Fill for ResultIn {
    fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        Some(Slot::Text(match key {
            "resultStatus" => &mut self.status,
            "resultCode" => &mut self.code,
            "resultMessage" => &mut self.message,
            _ => return None,
        }))
    }
}

impl Fill for RedirectIn {
    fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        Some(Slot::Text(match key {
            "method" => &mut self.method,
            "redirectUrl" => &mut self.redirect_url,
            "parameters" => &mut self.parameters,
            "actionFormType" => &mut self.action_form_type,
            _ => return None,
        }))
    }
}

/// Reads an answer's text; `None` when it is not JSON. A document that is not an object has
/// no field.
pub(crate) fn read(text: &str) -> Option<Answer> {
    let mut a = Answer::default();
    let mut r = Reader::new(text);
    let ok = (|| -> Res<()> {
        if r.peek()? == Next::Object {
            fill(&mut r, &mut a)?;
        } else {
            r.skip()?;
        }
        r.end()
    })();
    ok.ok().map(|_| a)
}
