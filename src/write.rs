//! JSON for the JavaScript side, written without serde, as the bytes serde_json writes for the
//! same values (`tests/answers.rs` holds the two equal), so the module needs no serializer.
//! Declared structures (outcomes, notifications and their parts) get their writer from their
//! declaration (src/declare.rs); what is written here has no Rust structure of that kind: a
//! notification's result with its acknowledgement, and what to verify of a notification.

use crate::declare::Obj;
pub use crate::declare::{to_json, WriteJson};
use crate::notify::{NotifyCheck, NotifyResult};

impl WriteJson for NotifyResult {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.key("accepted")
            .push_str(if self.0.is_ok() { "true" } else { "false" });
        match &self.0 {
            Ok(n) => o.val("notification", n),
            Err(reason) => o.word("reason", reason.name()),
        }
        let (status, body) = self.ack();
        let a = o.key("ack");
        let mut ack = Obj::new(a);
        ack.uint("status", u64::from(status));
        let h = ack.key("headers");
        let mut hs = Obj::new(h);
        hs.val("Content-Type", "application/json; charset=UTF-8");
        hs.end();
        ack.val("body", body);
        ack.end();
        o.end();
    }
}

impl WriteJson for NotifyCheck {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.val("content", &self.content);
        o.val("signature", &self.signature);
        if let Some(alternative) = &self.alternative {
            o.val("alternative", alternative);
        }
        o.end();
    }
}
