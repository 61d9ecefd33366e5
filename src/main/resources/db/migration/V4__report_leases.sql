-- Several nodes share the report jobs: a node claims one (row lock, SKIP LOCKED) and holds it
-- with a lease it renews as it makes progress; a job whose lease ran out is claimed again.
ALTER TABLE report ADD COLUMN owner VARCHAR(100);
ALTER TABLE report ADD COLUMN lease_until TIMESTAMP;
