-- The page /room serves, shared by every process on this file: one row (id 1), the current page only. It holds
-- personal data, so it is overwritten, never kept per job. html NULL: the last successful sync found no upcoming
-- course. No row: no successful sync has stored a page yet. job_id is the sync that wrote the page (the manifest's
-- jobId) or that found no course; html_sha256 is the SHA-256 of html, lowercase hex, from which the ETag is built.
CREATE TABLE room_page (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    job_id      TEXT    NOT NULL,
    html        BLOB,
    html_sha256 TEXT,
    CHECK ((html IS NULL) = (html_sha256 IS NULL))
);
