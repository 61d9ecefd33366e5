-- Cohorts are immutable: a new upload under an existing name is a new version.
-- Plain SQL that H2 and PostgreSQL both accept.
CREATE TABLE cohort (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    version     INTEGER      NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    patients    INTEGER      NOT NULL,
    uploaded_at TIMESTAMP    NOT NULL,
    content     BYTEA        NOT NULL,
    CONSTRAINT cohort_name_version UNIQUE (name, version)
);

CREATE INDEX cohort_uploaded ON cohort (uploaded_at);

-- Columns, endpoints and warnings, in file order, so that listing needs no parse.
CREATE TABLE cohort_column (
    cohort_id VARCHAR(36)  NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    position  INTEGER      NOT NULL,
    kind      VARCHAR(10)  NOT NULL, -- 'column' or 'endpoint'
    name      VARCHAR(200) NOT NULL,
    PRIMARY KEY (cohort_id, kind, position)
);

CREATE TABLE cohort_warning (
    cohort_id   VARCHAR(36)   NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    position    INTEGER       NOT NULL,
    row_number  INTEGER       NOT NULL,
    column_name VARCHAR(200),
    message     VARCHAR(2000) NOT NULL,
    PRIMARY KEY (cohort_id, position)
);
