# A synthetic two-arm trial written three ways for the input-format tests (issue 20): the
# cohort format's own CSV, and a CDISC ADTTE (one row per subject and parameter, ADSL columns
# beside, OS and PFS, AVALU DAYS, CNSR 0 = event). The .xlsx of each is written by the Java test
# (XlsxFixtures, POI): R has no xlsx writer here. Run from the repo root:
#   Rscript src/test/r/trial_formats.R
set.seed(20)
n <- 60
arm <- rep(c("Placebo", "Drug"), each = n / 2)
age <- round(rnorm(n, 63, 9))
age[7] <- NA                                   # a missing covariate, the same on both rows
sex <- sample(c("F", "M"), n, replace = TRUE)
rate <- ifelse(arm == "Drug", 1 / 420, 1 / 300)
os <- round(rexp(n, rate), 1)
cens <- round(runif(n, 200, 900), 1)
os_event <- as.integer(os <= cens)
os_days <- pmin(os, cens)
os_days[c(3, 4)] <- os_days[2]                 # ties
os_event[3] <- 1; os_event[4] <- 0
pfs_days <- round(os_days * runif(n, 0.3, 1), 1)
pfs_event <- ifelse(pfs_days < os_days, 1L, os_event)
pfs_days[11] <- 12.5
id <- sprintf("TRIAL-%03d", seq_len(n))

wide <- data.frame(patient_id = id, studyid = "ONC-20", arm = arm, age = age, sex = sex, os_days = os_days,
                   os_event = os_event, pfs_days = pfs_days, pfs_event = pfs_event)
write.csv(wide, "src/test/resources/cohorts/trial-formats.csv", row.names = FALSE,
          quote = FALSE, na = "NA")

long <- function(code, label, aval, event) {
  data.frame(USUBJID = id, STUDYID = "ONC-20", TRT01P = arm, AGE = age, SEX = sex,
             PARAMCD = code, PARAM = label, AVAL = aval, AVALU = "DAYS",
             CNSR = ifelse(event == 1, 0L, 1L),
             EVNTDESC = ifelse(event == 1, ifelse(code == "OS", "DEATH", "PROGRESSION OR DEATH"),
                               ""),
             CNSDTDSC = ifelse(event == 1, "", "LAST KNOWN ALIVE"))
}
adtte <- rbind(long("OS", "Overall Survival (days)", os_days, os_event),
               long("PFS", "Progression-Free Survival (days)", pfs_days, pfs_event))
adtte <- adtte[order(adtte$USUBJID, adtte$PARAMCD), ]
write.csv(adtte, "src/test/resources/cohorts/trial-formats-adtte.csv", row.names = FALSE,
          quote = FALSE, na = "")
