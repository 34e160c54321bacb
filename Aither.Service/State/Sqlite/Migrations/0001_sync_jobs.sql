-- One row per sync job. seq is the number in job_id (sync-<seq>) and orders the history, newest first.
-- No personal data: counters, the Hemera course id and operator-safe error messages only.
CREATE TABLE sync_jobs (
    seq                  INTEGER PRIMARY KEY,
    job_id               TEXT    NOT NULL UNIQUE,
    status               TEXT    NOT NULL CHECK (status IN ('running', 'success', 'failed')),
    is_forced            INTEGER NOT NULL,
    start_time_ms        INTEGER NOT NULL,
    end_time_ms          INTEGER,
    duration_ms          INTEGER,
    course_id            TEXT,
    no_upcoming_course   INTEGER NOT NULL DEFAULT 0,
    participants_fetched INTEGER NOT NULL DEFAULT 0,
    files_generated      INTEGER NOT NULL DEFAULT 0,
    files_skipped        INTEGER NOT NULL DEFAULT 0,
    errors               TEXT    NOT NULL DEFAULT '[]'
);

CREATE INDEX sync_jobs_running ON sync_jobs (seq) WHERE status = 'running';
