// Package testsite is the bundled demo job board (兼职信息网) that scamhunt is
// demonstrated and tested on: a deterministic 兼职 board served on loopback
// with honest ads, scams of every type in SCAM_TYPES.md, hard negatives,
// contact clusters (gangs), a GBK-encoded city, news and notices, and the
// ground truth (Truth) to score crawler, extractor and classifier against.
// It sits in front of the pipeline: the crawler fetches it, nothing imports
// it but tests and cmd.
//
// URL space (all links host-relative):
//
//	/                                  home: header, 热门城市 strip, latest 30 listings, sidebar
//	/robots.txt                        User-agent: * / Disallow: /member/ / Crawl-delay: 0
//	/member/login.html, /member/post.html  linked from every header; robots-disallowed
//	/static/style.css                  the stylesheet
//	/links.html                        友情链接 (partners as text, city channels as links)
//	/news/{n}.html, /notice/{n}.html   articles (n from 1); news 1 is modelled on the seed page
//	                                   (the gang that extorted shops and sold 拜师 for 188/288/888)
//	                                   with its 相关内容 block of related titles and summaries
//	/city/{slug}/                      the ~40 other cities of the strip: 该城市暂无兼职信息
//	/{city}/                           a served city: channel links and the latest 10 listings
//	/{city}/{cat}/                     list page 1 of a channel, 20 listings, newest first
//	/{city}/{cat}/index_{n}.html       list page n >= 2 (首页 上一页 numbers 下一页 尾页)
//	/{city}/{cat}/{id}.html            a listing; ids are unique across the board
//
// /{city} and /{city}/{cat} redirect (301) to the slash form; anything else
// is 404. Every page carries an ETag (hash of the bytes served) and a
// Last-Modified (the edition that first served those bytes) and answers
// If-None-Match and If-Modified-Since with 304.
//
// Encodings: pages are UTF-8 (<meta charset="utf-8">, text/html;
// charset=utf-8) except under /shenyang/, which is GBK. Its city and list
// pages carry <meta charset="gbk"> and a bare text/html header; its detail
// pages rotate by id % 3: 0 a late <meta http-equiv ... charset=gb2312>
// (after the link tag, within the first 1024 bytes) and a bare header, 1 no
// meta and "text/html; charset=GBK", 2 neither (a sniffer must guess).
//
// Generation: New draws compact per-listing records (city, channel, role,
// gang, posting day) from a fixed PCG seed; each ad's text is generated on
// request from its id, so a 100,000-listing board costs a few megabytes and
// every start serves the same bytes. The text comes from the embedded
// content/ files (cities.yaml, words.yaml, jobs/<channel>.yaml,
// scams/<type>.yaml, pages/*.yaml) and html/template files in templates/;
// ad text is data and is escaped, including the planted XSS strings of three
// listings. New checks the content (every placeholder resolvable, every
// character encodable in GBK) and renders part of the GBK city, failing
// loudly rather than serving a broken page.
//
// Files: config.go (Config, editions, seed), content.go and check.go (load
// and validate content), board.go (plan: roles, gangs, attacks, edition 2),
// gen.go, honest.go, scam.go, contact.go, text.go (ad text), render.go and
// templates/ (pages), handler.go (routing, encodings, conditional requests),
// truth.go (Truth, Paths).
package testsite
