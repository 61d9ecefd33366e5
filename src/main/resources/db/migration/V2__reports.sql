-- Reports: a spec run against a cohort version. A report that follows a cohort name is run again
-- (revision + 1) when a new version of that name is uploaded. Plain SQL for H2 and PostgreSQL.
CREATE TABLE report (
    id             VARCHAR(36)    PRIMARY KEY,
    spec           VARCHAR(65536) NOT NULL, -- as submitted
    cohort_name    VARCHAR(200),            -- the name followed; null when pinned by id
    follow         BOOLEAN        NOT NULL,
    cohort_id      VARCHAR(36)    NOT NULL, -- the version the current revision runs on
    revision       INTEGER        NOT NULL,
    status         VARCHAR(10)    NOT NULL, -- queued, running, done, failed
    error          VARCHAR(2000),
    progress_done  INTEGER        NOT NULL,
    progress_total INTEGER        NOT NULL,
    done_revision  INTEGER,                 -- the revision whose artefacts are served
    created_at     TIMESTAMP      NOT NULL,
    updated_at     TIMESTAMP      NOT NULL
);

CREATE INDEX report_status ON report (status);
CREATE INDEX report_follow ON report (cohort_name, follow);

-- A revision's artefacts are written in the same transaction that marks it done: never half.
CREATE TABLE report_artefact (
    report_id  VARCHAR(36)  NOT NULL REFERENCES report (id) ON DELETE CASCADE,
    revision   INTEGER      NOT NULL,
    position   INTEGER      NOT NULL,
    name       VARCHAR(200) NOT NULL,
    media_type VARCHAR(100) NOT NULL,
    sha256     CHAR(64)     NOT NULL,
    content    BYTEA        NOT NULL,
    PRIMARY KEY (report_id, revision, name)
);
