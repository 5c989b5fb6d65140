// Package boltfile opens bbolt files defensively. bbolt trusts its file: a
// file cut short makes it fault on the memory map (SIGSEGV/SIGBUS, which
// kills the process), and a damaged page makes it panic, sometimes on a
// goroutine of its own where no caller can recover. Check finds both before
// bbolt reads the file for real, and Guard turns what slips past into an
// error. The crawler's frontier and the index's Bleve root use it; it is no
// API.
//
//	boltfile.go  Check (meta pages, size, then the page tree under bbolt's
//	             shared lock), Guard, Reason
//	pages.go     the page-tree walk: ReadAt only, every bound checked
package boltfile
