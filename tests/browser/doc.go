// Package browser holds the Web UI's browser tests: they build and start a
// real `stormless up` on a free loopback port with a temporary data
// directory and the test pack in testdata/, and drive Debian's Chromium
// headless through chromedp: a webhook's execution appearing live, the
// workflow picture, the generated run form and its validation, an inquiry
// answered, API errors shown, secrets never on the page or in a response.
//
// Chromium must be at /usr/bin/chromium (or STORMLESS_CHROMIUM): `make
// browser` installs it, and `make test` runs that first. With
// STORMLESS_SKIP_BROWSER=1 the tests skip and say so. Screenshots of each
// main page go to STORMLESS_ARTIFACTS (stormless-browser-artifacts in the
// temporary directory otherwise; the path is logged).
package browser
