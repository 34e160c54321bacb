-- The progress of a job, written while it runs so that every instance sharing the store can report it: the step it
-- has reached (fetching_courses, fetching_detail, rendering, writing; NULL before the first) and the pages of
-- Hemera's course list fetched so far. Counters only, no personal data.
ALTER TABLE sync_jobs ADD COLUMN phase TEXT;
ALTER TABLE sync_jobs ADD COLUMN course_pages_fetched INTEGER NOT NULL DEFAULT 0;
