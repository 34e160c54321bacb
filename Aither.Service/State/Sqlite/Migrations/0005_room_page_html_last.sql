-- The page's bytes become the last column. SQLite keeps a zeroblob() unallocated only when nothing but zeroblobs
-- follow it in the row; with html_sha256 after it, every write of a page built the whole blob in memory first. Now a
-- sync allocates the page's length with zeroblob() and streams the bytes in (incremental blob I/O). SQLite cannot
-- move a column, so the table is rebuilt; its one row is kept as it is.
CREATE TEMP TABLE room_page_copy AS SELECT id, job_id, html_sha256, html FROM room_page;
DROP TABLE room_page;
CREATE TABLE room_page (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    job_id      TEXT    NOT NULL,
    html_sha256 TEXT,
    html        BLOB,
    CHECK ((html IS NULL) = (html_sha256 IS NULL))
);
INSERT INTO room_page (id, job_id, html_sha256, html) SELECT id, job_id, html_sha256, html FROM room_page_copy;
DROP TABLE room_page_copy;
