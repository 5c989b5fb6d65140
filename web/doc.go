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
//	conn.go      Serve: read-header, read, write and idle timeouts, a cap on
//	             connections per client and in total (LimitListener), every
//	             request body bounded before a handler reads it
//	render.go    templates, label and category names, safe links, pagination
//	mark.go      evidence marking: reason offsets -> spans, validated first
//	pages.go     GET /, /listing/{id}, /about
//	check.go     GET/POST /check and POST /api/classify (nothing pasted is
//	             stored or logged)
//	api.go       GET /api/search, /api/listings/{id}, /api/facets, /api/stats
//	admin.go     human labels and re-classification behind the admin token
//
// Everything scraped is attacker-written. Pages are html/template with no
// template.HTML anywhere: highlights and evidence are spans whose markup is
// ours and whose text is always escaped; only http and https URLs become
// links. Responses carry a strict Content-Security-Policy and the pages work
// without JavaScript.
//
// Admin: with Config.AdminToken empty every admin route (the /api/admin API,
// the label form on listing pages and the mounted Config.Audit handler) is
// 404. With a token set they need it: the API as "Authorization: Bearer
// TOKEN", the listing page's label form as a password field the operator
// types (never a URL parameter), and /audit either as a Bearer header or, for
// GET and HEAD only, as the password of HTTP Basic authentication so a
// browser can open it. Basic credentials are never accepted for requests
// that change state, since a browser resends them on cross-site requests.
package web
