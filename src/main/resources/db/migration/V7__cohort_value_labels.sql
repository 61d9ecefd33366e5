-- Labels of a cohort version's column values given at upload (sex 1 = male), for display.
-- A version without labels has no rows here. Plain SQL for H2 and PostgreSQL.
CREATE TABLE cohort_value_label (
    cohort_id    VARCHAR(36)   NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    position     INTEGER       NOT NULL, -- the order given
    column_name  VARCHAR(200)  NOT NULL,
    column_value VARCHAR(2000) NOT NULL,
    value_label  VARCHAR(100)  NOT NULL,
    PRIMARY KEY (cohort_id, position)
);
