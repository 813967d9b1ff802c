//! A bound on the documents waiting for tantivy's indexing threads.
//!
//! The indexer hands tantivy a report's documents as one batch, so that
//! one thread indexes them into one segment (see `index::build`). tantivy's
//! queue holds 10,000 *batches*, however large: without a bound of our
//! own, the file threads (reading, cutting, jieba) ran far ahead of
//! indexing and a 1 GB build's peak RSS grew from 490 to 700 MB. Each
//! queued document carries a ticket that it gives back when tantivy has
//! indexed and dropped it; a batch waits until it fits.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tantivy::schema::document::Document;
use tantivy::TantivyDocument;

/// Documents queued for indexing, at most (a larger batch waits for an
/// empty queue): about 25 reports, a few MB of passages. Once the file
/// threads got faster, 10,000 let a 1 GB build's peak RSS swing up to 720 MB
/// (the queued documents are only a few tens of MB; presumably they keep in
/// use allocator pages they share with the file threads' freed
/// temporaries); with 2,000 it stays at 470 MB, at the same build time.
pub(crate) const QUEUED_DOCS: usize = 2_000;

#[derive(Debug)]
pub(crate) struct Queue {
    queued: Mutex<usize>,
    freed: Condvar,
    limit: usize,
}

impl Queue {
    pub(crate) fn new(limit: usize) -> Arc<Queue> {
        Arc::new(Queue {
            queued: Mutex::new(0),
            freed: Condvar::new(),
            limit,
        })
    }

    /// Waits until `docs` more documents fit, then counts them as queued
    /// and wraps them for the writer.
    pub(crate) fn admit(self: &Arc<Queue>, docs: Vec<TantivyDocument>) -> Vec<QueuedDoc> {
        let n = docs.len();
        let mut queued = self.queued.lock().unwrap_or_else(|e| e.into_inner());
        while *queued > 0 && *queued + n > self.limit {
            let before = *queued;
            let (guard, wait) = self
                .freed
                .wait_timeout(queued, Duration::from_secs(1))
                .unwrap_or_else(|e| e.into_inner());
            queued = guard;
            // Nothing indexed for a second: the writer may have failed, and
            // its error comes from sending; never wait forever.
            if wait.timed_out() && *queued == before {
                break;
            }
        }
        *queued += n;
        drop(queued);
        docs.into_iter()
            .map(|doc| QueuedDoc {
                doc,
                _ticket: Ticket(Arc::clone(self)),
            })
            .collect()
    }

    /// Documents queued now.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        *self.queued.lock().unwrap_or_else(|e| e.into_inner())
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn release(&self) {
        let mut queued = self.queued.lock().unwrap_or_else(|e| e.into_inner());
        *queued = queued.saturating_sub(1);
        drop(queued);
        self.freed.notify_all();
    }
}

struct Ticket(Arc<Queue>);

impl Drop for Ticket {
    fn drop(&mut self) {
        self.0.release();
    }
}

/// A document on its way to the writer, counted in its [`Queue`] until
/// dropped.
pub(crate) struct QueuedDoc {
    doc: TantivyDocument,
    _ticket: Ticket,
}

impl Document for QueuedDoc {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_come_back_when_documents_are_dropped() {
        let q = Queue::new(4);
        let a = q.admit(vec![TantivyDocument::default(); 3]);
        assert_eq!(q.len(), 3);
        drop(a);
        assert!(q.is_empty());
    }

    #[test]
    fn a_batch_waits_until_it_fits() {
        let q = Queue::new(4);
        let held = q.admit(vec![TantivyDocument::default(); 3]);
        let q2 = Arc::clone(&q);
        let waiter =
            std::thread::spawn(move || q2.admit(vec![TantivyDocument::default(); 2]).len());
        std::thread::sleep(Duration::from_millis(100));
        // Still waiting: 3 + 2 > 4.
        assert_eq!(q.len(), 3);
        drop(held);
        assert_eq!(waiter.join().unwrap(), 2);
        // A batch larger than the limit goes through once the queue is empty.
        let big = q.admit(vec![TantivyDocument::default(); 6]);
        assert_eq!(big.len(), 6);
    }
}
