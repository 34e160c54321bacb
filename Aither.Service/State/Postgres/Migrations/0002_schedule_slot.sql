-- The built-in schedule's occurrence that started a job: one job per occurrence, whichever instance fires first.
ALTER TABLE sync_jobs ADD COLUMN schedule_slot_ms BIGINT;

CREATE UNIQUE INDEX sync_jobs_schedule_slot ON sync_jobs (schedule_slot_ms) WHERE schedule_slot_ms IS NOT NULL;
