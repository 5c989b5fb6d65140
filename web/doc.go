// Package web serves scamhunt to people and programs: the public search page,
// the check-an-ad form, the listing page, a JSON API and the operator's admin
// endpoints. It sits at the end of the pipeline
//
//	crawl -> extract -> classify -> index -> web
//
// and reads the index through the small interfaces it declares (Searcher,
// Checker, Labeler); cmd/scamhunt injects the implementations, so web never
// imports index or classify.
//
// Files:
//
//	server.go    Config, New, routing and the middleware chain (security
//	             headers, request log without query strings, rate limits)
//	query.go     ParseQuery: URL parameters -> scamhunt.Query, strictly checked
//	ratelimit.go per-client token buckets with bounded memory
//	clientip.go  the client's address: the peer, or X-Forwarded-For's
//	             rightmost untrusted hop when the peer is a trusted proxy
//	conn.go      Serve: read-header, read, write and idle timeouts, a cap on
//	             connections per client and in total (LimitListener), every
//	             request body bounded before a handler reads it
//	render.go    templates, label and category names, safe links, pagination
//	mark.go      evidence marking: reason offsets -> spans, validated first
//	explain.go   configs/explain.yaml: each reason in plain Chinese, next steps
//	assess.go    a verdict for the public: tone (no green when a scam type's
//	             reasons fired), one-line summary, signs explained
//	lookup.go    a contact's lookup: "此号码出现在 6 条骗局信息中…"
//	pages.go     GET /, /listing/{id}, /about
//	check.go     GET/POST /check and POST /api/classify (nothing pasted is
//	             stored or logged; a paste that is only contacts is a lookup)
//	api.go       GET /api/search, /api/listings/{id}, /api/facets, /api/stats
//	admin.go     the Bearer-token admin API (labels, re-classification) and
//	             the guard of the mounted audit pages
//	login.go     admin login and logout, the session and CSRF guard
//	session.go   in-memory sessions, cookies
//	password.go  reviewer password hashes (PBKDF2-HMAC-SHA256)
//	review.go    the review queue, a listing's review page, bulk labels
//
// Everything scraped is attacker-written. Pages are html/template with no
// template.HTML anywhere: highlights and evidence are spans whose markup is
// ours and whose text is always escaped; only http and https URLs become
// links. Responses carry a strict Content-Security-Policy and the pages work
// without JavaScript.
//
// Public pages put the answer first (on a phone the facets follow the
// results) and speak plain Chinese; rule ids, weights, model features and
// English notes wait behind a 详细依据 disclosure and stay in the JSON API.
//
// Admin: with neither Config.AdminToken nor Config.Reviewers set, every
// admin route (/admin/..., /api/admin/..., the mounted Config.Audit
// handler) is 404, and no public page ever carries an admin form. Scripts
// use the JSON API with "Authorization: Bearer TOKEN". People log in once
// at /admin/login, as a named reviewer or as "admin" with the token, and
// get a session cookie (random, HttpOnly, SameSite=Strict, Secure and
// __Host- over HTTPS; 30 idle minutes, 12 hours at most, ended by logout
// or a restart). Every state-changing admin form carries the session's
// synchroniser CSRF token and must come from this origin (Sec-Fetch-Site
// or Origin); the login form has its own double-submit token. Every label
// records its reviewer (scamhunt.Override.By). /audit answers a session
// (GET, HEAD) or the Bearer token, with a CSP that allows the report's
// inline style sheet by its hash (Config.AuditStyles) and nothing else.
package web
