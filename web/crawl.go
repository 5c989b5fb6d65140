package web

import "net/http"

// handleAdminCrawl starts a crawl now: 202 when it started, 409 when one
// is running already.
func (s *Server) handleAdminCrawl(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.CrawlNow() {
		s.fail(w, r, http.StatusConflict, "已有抓取正在进行。", "a crawl is running already")
		return
	}
	s.log.Info("crawl_requested")
	writeJSON(w, http.StatusAccepted, map[string]string{"crawl": "started"})
}
