-- The page's bytes become the last column, as in SQLite's 0005, so both providers keep the same schema. PostgreSQL
-- does not need it (Npgsql streams a bytea whatever its place), but it cannot move a column either, so the table is
-- rebuilt; its one row is kept as it is.
CREATE TEMP TABLE room_page_copy AS SELECT id, job_id, html_sha256, html FROM room_page;
DROP TABLE room_page;
CREATE TABLE room_page (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    job_id      TEXT    NOT NULL,
    html_sha256 TEXT,
    html        BYTEA,
    CHECK ((html IS NULL) = (html_sha256 IS NULL))
);
INSERT INTO room_page (id, job_id, html_sha256, html) SELECT id, job_id, html_sha256, html FROM room_page_copy;
DROP TABLE room_page_copy;
