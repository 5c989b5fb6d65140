// Package postdate resolves the "posted at" text of a job ad — absolute
// dates ("2026-05-01 09:30", "5月1日") or relative ones ("3天前", "昨天
// 12:30") — to a time in Asia/Shanghai, using the fetch time as "now".
// Extract fills Listing.PostedAt with it; index and web sort and filter by it.
package postdate
