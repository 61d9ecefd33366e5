-- A fencing token per claim: a runner writes progress, artefacts and its end only while the
-- row still carries the token of its own claim, so a runner that lost its lease (another took
-- the job over) writes nothing, whichever node or runner it is. NULL: no claim (queued).
ALTER TABLE report ADD COLUMN lease_token VARCHAR(36);
