// Package store keeps what the crawl extracted: the record of truth beside
// the search index, which is derived from it and can be rebuilt from it
// (`scamhunt reindex`). It sits beside the index stage: the pipeline's
// write step puts each batch here and then in the index, before the
// crawl's pages are acknowledged, so nothing fetched is lost with the
// index.
//
// Two files under the data dir. The bbolt file (go.etcd.io/bbolt),
// listings.db, holds what is read at random:
//
//	heads      listing ID -> the small part of a record: first and last
//	           seen, removed, content hash, contact keys, whether its
//	           verdict was raised, what made the verdict (the maker of its
//	           provenance), and where its body is in the bodies file
//	carriers   contact key NUL listing ID -> site, city and base verdict
//	           of a listing carrying the contact, read by prefix for
//	           contact reputation without touching bodies
//	tallies    contact key -> what reputation computed for it (opaque)
//	dirty      listing ID -> "": new or changed since the last
//	           reclassification, or relabelled
//	dirtykeys  contact key -> "": contacts whose tally is out of date
//	meta       small settings (the classifier and lists the verdicts were
//	           made with; which bodies file is in use and how much of it
//	           is live)
//
// The bodies file, listings.db.bodies.N (bodies.go), holds each listing,
// the classifier's verdict before contact reputation (Base) and, if
// different, as indexed (Verdict), and the verdict's provenance (rules,
// model, build, when): flate-compressed JSON in checksummed frames,
// appended and read with pread, never mapped. bbolt maps its file, and
// the kernel maps the page cache around every page read (fault-around,
// large folios): bodies in the bbolt file were mapped by the random reads
// of heads and carriers around them, and a 50,000-listing crawl's
// resident set carried the whole store. A write transaction syncs its
// bodies before bbolt commits; Open copies the live bodies to the next
// file when dead ones (rewritten) outweigh them, and moves an older
// store's bodies out of its bbolt bucket "bodies".
//
// The split keeps a big board cheap: a crawl appends bodies, and a
// reclassification reads heads, carriers and tallies and only the bodies
// of listings whose verdict can change.
//
// Every walk (All, IDs, Carriers, Dirty, DirtyKeys) reads in pages of a
// few hundred keys, each in its own short transaction, so memory stays
// constant and the callback may write to the store.
//
//	store.go     Open, heads and bodies, Put, Update, SetVerdicts, Touch,
//	             MarkRemoved, Get, Head, All, IDs, Len, meta
//	bodies.go    the bodies file: frames, appends, compaction, moving an
//	             older store's bodies
//	contacts.go  carriers, tallies, dirty sets
package store
