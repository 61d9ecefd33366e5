-- The files now live in cohort_content (V5); the cohort row keeps only the metadata.
ALTER TABLE cohort DROP COLUMN IF EXISTS content;
