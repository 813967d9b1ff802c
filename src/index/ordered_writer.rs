//! tantivy's `IndexWriter`, shared by the file threads, with its deletes
//! queued in opstamp order.
//!
//! `IndexWriter::run` (and `delete_term`) first takes its opstamps, then
//! pushes its deletes onto the writer's delete queue. Two threads inside
//! it at once can push out of opstamp order. A new segment's delete cursor
//! stops at the first delete newer than the segment's documents, so a
//! delete queued behind that one is applied at the next commit as if it
//! were older than the whole segment: it removes the new version of the
//! report it was sent with. A re-index of 200 changed reports once ended
//! with 199 (tantivy 0.27; the test below loses a document in every round
//! without the lock). One thread at a time in `run` keeps the queue in
//! order; `run` only hands documents to tantivy's channel, so the lock is
//! held for microseconds.

use std::sync::Mutex;
use tantivy::indexer::UserOperation;
use tantivy::schema::document::Document;
use tantivy::schema::Term;
use tantivy::{IndexWriter, Opstamp};

pub(crate) struct OrderedWriter<D: Document> {
    writer: IndexWriter<D>,
    in_order: Mutex<()>,
}

impl<D: Document> OrderedWriter<D> {
    pub(crate) fn new(writer: IndexWriter<D>) -> Self {
        OrderedWriter {
            writer,
            in_order: Mutex::new(()),
        }
    }

    /// `IndexWriter::run`: the group's operations get consecutive
    /// opstamps and its documents go into one segment.
    pub(crate) fn run<I>(&self, ops: I) -> tantivy::Result<Opstamp>
    where
        I: IntoIterator<Item = UserOperation<D>>,
        I::IntoIter: ExactSizeIterator,
    {
        let _in_order = self.in_order.lock().unwrap_or_else(|e| e.into_inner());
        self.writer.run(ops)
    }

    pub(crate) fn delete_term(&self, term: Term) -> Opstamp {
        let _in_order = self.in_order.lock().unwrap_or_else(|e| e.into_inner());
        self.writer.delete_term(term)
    }

    /// The writer itself, for what needs it alone (commits, settings):
    /// the exclusive borrow means no `run` is under way.
    pub(crate) fn get_mut(&mut self) -> &mut IndexWriter<D> {
        &mut self.writer
    }

    pub(crate) fn into_inner(self) -> IndexWriter<D> {
        self.writer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;
    use tantivy::schema::{Schema, STORED, STRING};
    use tantivy::{doc, Index, TantivyDocument};

    /// Operations whose first one comes late: the thread running them has
    /// taken its opstamps and not yet queued its delete.
    struct Late<I>(I, bool);

    impl<I: Iterator> Iterator for Late<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            if std::mem::take(&mut self.1) {
                std::thread::sleep(Duration::from_millis(40));
            }
            self.0.next()
        }
        fn size_hint(&self) -> (usize, Option<usize>) {
            self.0.size_hint()
        }
    }

    impl<I: ExactSizeIterator> ExactSizeIterator for Late<I> {}

    #[test]
    fn replacing_documents_from_two_threads_loses_none() {
        let mut schema = Schema::builder();
        let key = schema.add_text_field("key", STRING | STORED);
        let schema = schema.build();
        let replace = |k: &str| {
            vec![
                UserOperation::Delete(Term::from_field_text(key, k)),
                UserOperation::Add(doc!(key => k)),
            ]
        };
        for round in 0..8 {
            let index = Index::create_in_ram(schema.clone());
            let mut writer: IndexWriter<TantivyDocument> =
                index.writer_with_num_threads(2, 30_000_000).unwrap();
            writer.add_document(doc!(key => "x")).unwrap();
            writer.add_document(doc!(key => "y")).unwrap();
            writer.commit().unwrap();

            let writer = Arc::new(OrderedWriter::new(writer));
            let slow = {
                let (writer, ops) = (Arc::clone(&writer), replace("x"));
                std::thread::spawn(move || writer.run(Late(ops.into_iter(), true)).unwrap())
            };
            std::thread::sleep(Duration::from_millis(10));
            writer.run(replace("y")).unwrap();
            slow.join().unwrap();
            let mut writer = Arc::into_inner(writer).unwrap().into_inner();
            writer.commit().unwrap();

            let searcher = index.reader().unwrap().searcher();
            assert_eq!(
                searcher.num_docs(),
                2,
                "round {round}: a replaced document was lost"
            );
        }
    }
}
