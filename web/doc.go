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
//	admin.go     human labels and re-classification behind the admin token
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
// Admin: with Config.AdminToken empty every admin route (the /api/admin API,
// the POST /listing/{id}/label form route and the mounted Config.Audit
// handler) is 404. With a token set they need it: the API as "Authorization:
// Bearer TOKEN", the label form route as a password field in the posted form
// (never a URL parameter; the public listing page no longer shows the form),
// and /audit either as a Bearer header or, for GET and HEAD only, as the
// password of HTTP Basic authentication so a browser can open it. Basic credentials are never accepted for requests
// that change state, since a browser resends them on cross-site requests.
package web
