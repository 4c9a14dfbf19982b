//! A bound on the documents waiting for tantivy's indexing threads.
//!
//! tantivy's writer queues up to 10,000 documents between `add_document` and its threads. A
//! readout's document is 6–8 KB in memory, so whenever parsing ran ahead (both threads
//! writing out a segment at once, say) the queue held tens of MiB, a large share of a build's
//! peak. Each document now carries a ticket that tantivy drops once it has indexed it, and
//! adding blocks while [`IN_FLIGHT`] tickets are out.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;
use tantivy::TantivyDocument;
use tantivy::schema::document::Document;

/// Documents added but not yet indexed: enough to keep both of tantivy's threads fed.
pub const IN_FLIGHT: usize = 512;

/// How long adding waits for a ticket before it goes ahead anyway. tantivy's threads index a
/// document in well under a millisecond; a writer that died drops no document and returns no
/// ticket, so the wait must end, and tantivy's own `add_document` then reports the failure.
const PATIENCE: Duration = Duration::from_secs(2);

/// The documents out: added, not yet indexed.
#[derive(Default)]
pub struct Tickets {
    out: Mutex<usize>,
    returned: Condvar,
}

impl Tickets {
    /// A ticket for one more document, once fewer than `limit` are out (or after [`PATIENCE`]).
    pub fn take(self: &Arc<Self>, limit: usize) -> Ticket {
        self.take_within(limit, PATIENCE)
    }

    fn take_within(self: &Arc<Self>, limit: usize, patience: Duration) -> Ticket {
        let out = self.out.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut out, _) = self
            .returned
            .wait_timeout_while(out, patience, |out| *out >= limit)
            .unwrap_or_else(PoisonError::into_inner);
        *out += 1;
        Ticket(Arc::clone(self))
    }

    /// How many are out.
    #[cfg(test)]
    fn out(&self) -> usize {
        *self.out.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Returned when dropped, with the document that carries it.
pub struct Ticket(Arc<Tickets>);

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut out = self.0.out.lock().unwrap_or_else(PoisonError::into_inner);
        *out = out.saturating_sub(1);
        self.0.returned.notify_one();
    }
}

/// A document with its ticket: tantivy drops both once the document is indexed.
pub struct QueuedDocument {
    pub doc: TantivyDocument,
    pub ticket: Ticket,
}

impl Document for QueuedDocument {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }

    fn into_tantivy_document(self) -> TantivyDocument {
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taking_a_ticket_waits_until_one_is_returned() {
        let tickets = Arc::new(Tickets::default());
        let first = tickets.take(2);
        let second = tickets.take(2);
        assert_eq!(tickets.out(), 2);
        let waiter = {
            let tickets = Arc::clone(&tickets);
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                let third = tickets.take_within(2, Duration::from_secs(60));
                (started.elapsed(), third)
            })
        };
        std::thread::sleep(Duration::from_millis(100));
        drop(first);
        let (waited, third) = waiter.join().unwrap();
        assert!(waited >= Duration::from_millis(90), "{waited:?}");
        assert!(waited < Duration::from_secs(60), "{waited:?}");
        assert_eq!(tickets.out(), 2);
        drop((second, third));
        assert_eq!(tickets.out(), 0);
    }

    #[test]
    fn a_ticket_never_returned_stops_blocking_after_a_while() {
        let tickets = Arc::new(Tickets::default());
        let _kept = tickets.take(1);
        let started = std::time::Instant::now();
        let patience = Duration::from_millis(200);
        let _late = tickets.take_within(1, patience);
        assert!(started.elapsed() >= patience);
        assert_eq!(tickets.out(), 2);
    }
}
